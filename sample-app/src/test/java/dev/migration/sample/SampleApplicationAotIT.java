package dev.migration.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app, processed ahead of time at {@code package}
 * ({@code spring-boot:process-aot}), run as a process with
 * {@code -Dspring.aot.enabled=true}: it migrates a fresh database on startup, on DuckDB
 * and PostgreSQL, and finds its scripts and Java migrations through the index written
 * at build time where the class path cannot be listed, as in a native image.
 * Run by the failsafe plugin, which packages the jar first.
 */
class SampleApplicationAotIT {

	private static final String HEAD = SampleApplicationContract.HEAD;

	private static final List<String> AOT = List.of("-Dspring.aot.enabled=true");

	private static final String INDEX = "migration-index/db/migration.idx";

	@TempDir
	Path directory;

	@Test
	void theAotProcessedAppMigratesAFreshDuckDbDatabaseOnStartup() {
		try (SampleAppServer app = SampleAppServer.start(this.directory, AOT, SampleAppJar.packagedLaunch(),
				"--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("aot.db"))) {
			assertThat(app.log()).contains("Starting AOT-processed SampleApplication");
			assertMigrated(app);
		}
	}

	@Test
	void theAotProcessedAppMigratesAFreshPostgresSchemaOnStartup() {
		try (PostgresSchema schema = PostgresSchema.create();
				SampleAppServer app = SampleAppServer.start(this.directory, AOT, SampleAppJar.packagedLaunch(),
						"--spring.profiles.active=staging", "--spring.datasource.url=" + schema.url(),
						"--spring.datasource.username=postgres", "--migration.schema=" + schema.name())) {
			assertThat(app.log()).contains("Starting AOT-processed SampleApplication");
			assertMigrated(app);
		}
	}

	@Test
	void theIndexListsEveryScriptAndJavaMigrationOfTheApp() throws IOException {
		List<String> packaged = new ArrayList<>();
		String prefix = "BOOT-INF/classes/db/migration/";
		String index;
		try (JarFile jar = new JarFile(SampleAppJar.packaged().toFile())) {
			jar.stream()
				.map(JarEntry::getName)
				.filter((name) -> name.startsWith(prefix) && (name.endsWith(".sql") || name.endsWith(".class")))
				.map((name) -> name.substring(prefix.length()))
				.sorted()
				.forEach(packaged::add);
			JarEntry entry = jar.getJarEntry("BOOT-INF/classes/" + INDEX);
			assertThat(entry).as("the index on the packaged app's class path").isNotNull();
			try (InputStream in = jar.getInputStream(entry)) {
				index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		assertThat(packaged).hasSize(9).contains("V2_AddUsersAgeCheck.class", "a1c0e5f00001_create_users.sql");
		assertThat(index.lines().filter((line) -> !line.startsWith("#"))).containsExactlyElementsOf(packaged);
	}

	@Test
	void theAotProcessedAppFindsItsScriptsThroughTheIndexWhereTheClassPathCannotBeListed() throws Exception {
		Path application = unlistableApplication();
		try (URLClassLoader classPath = new URLClassLoader(new URL[] { application.toUri().toURL() }, null)) {
			assertThat(classPath.getResources("db/migration").hasMoreElements())
				.as("the application jar lists no directory").isFalse();
			assertThat(classPath.getResource(INDEX)).isNotNull();
		}
		try (SampleAppServer app = SampleAppServer.start(this.directory, AOT, launch(application),
				"--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("unlistable.db"))) {
			assertMigrated(app);
		}
	}

	@Test
	void theCommandLineIsRefusedRatherThanStartTheApp() throws Exception {
		Path out = this.directory.resolve("command.log");
		Process process = new ProcessBuilder(java(), "-Dspring.aot.enabled=true", "-jar",
				SampleAppJar.packaged().toString(), "migration", "rollback", "--revision=-1",
				"--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("command.db"))
			.directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(out.toFile())
			.start();
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(out);
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("The migration command line cannot run in an application processed ahead of time");
		assertThat(output).doesNotContain("Tomcat started");
	}

	private static List<String> launch(Path jar) {
		List<String> launch = new ArrayList<>(SampleAppJar.JVM_OPTIONS);
		launch.addAll(List.of("-jar", jar.toString()));
		return launch;
	}

	private static void assertMigrated(SampleAppServer app) {
		JsonNode status = app.http().get("/actuator/migrations").json();
		assertThat(status.get("state").asString()).as(app.log()).isEqualTo("UP_TO_DATE");
		assertThat(status.get("current").get(0).asString()).isEqualTo(HEAD);
		assertThat(status.get("lastRun").get("applied").size()).isEqualTo(9);
		JsonNode history = app.http().get("/actuator/migrations/history?size=1").json();
		assertThat(history.get("total").asInt()).isEqualTo(9);
		assertThat(history.get("entries").get(0).get("revision").asString()).isEqualTo(HEAD);
		assertThat(app.http().get("/actuator/migrations/verify").json().get("ok").asBoolean()).isTrue();
		JsonNode users = app.http().get("/api/users").json();
		assertThat(users.size()).isEqualTo(3);
		assertThat(users.get(0).get("fullName").asString()).isEqualTo("Ada Lovelace");
	}

	/**
	 * The packaged app extracted ({@code -Djarmode=tools extract}, a thin application jar
	 * beside its libraries) with the directory entries of the application jar left out:
	 * a class path that finds resources by name but cannot list a directory.
	 */
	private Path unlistableApplication() throws Exception {
		Path extracted = this.directory.resolve("extracted");
		Process process = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", SampleAppJar.packaged().toString(),
				"extract", "--destination", extracted.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("extract.log").toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(this.directory.resolve("extract.log"))).isZero();
		Path application = extracted.resolve(SampleAppJar.packaged().getFileName());
		Path files = this.directory.resolve("files-only.jar");
		try (JarFile jar = new JarFile(application.toFile());
				JarOutputStream out = new JarOutputStream(Files.newOutputStream(files))) {
			Enumeration<JarEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				if (entry.isDirectory()) {
					continue;
				}
				out.putNextEntry(new JarEntry(entry.getName()));
				try (InputStream in = jar.getInputStream(entry)) {
					in.transferTo(out);
				}
				out.closeEntry();
			}
		}
		// In place, so that the manifest's Class-Path still finds lib/.
		Files.move(files, application, StandardCopyOption.REPLACE_EXISTING);
		return application;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
