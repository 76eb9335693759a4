package dev.migration.sample.jpa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations as a separate job: the packaged JPA application run as
 * {@code migration <command>} on a fresh database. Hibernate validates the schema in a
 * normal start ({@code ddl-auto=validate}); in command mode it must not, or the job
 * that brings the schema up to date could never start. Run by the failsafe plugin,
 * which packages the jar first.
 */
class JpaCommandLineIT {

	@TempDir
	Path directory;

	@Test
	void migratesAFreshDuckDbFileAsASeparateJob() {
		String url = "--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("job.db");
		assertThat(run("status", url).succeeded().out()).contains("c0ffee000002");
		assertThat(run("migrate", url).succeeded().out()).contains("[2/2] c0ffee000002", "now at c0ffee000002");
		assertThat(run("current", url).succeeded().out()).contains("c0ffee000002");
	}

	@Test
	void migratesAFreshPostgresqlDatabaseAsASeparateJob() {
		try (PostgresDatabase database = PostgresDatabase.create()) {
			String url = "--spring.datasource.url=" + database.url();
			assertThat(run("migrate", url, "--spring.profiles.active=postgres").succeeded().out())
				.contains("now at c0ffee000002");
			assertThat(run("current", url, "--spring.profiles.active=postgres").succeeded().out())
				.contains("c0ffee000002");
		}
	}

	private Run run(String command, String... arguments) {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar().toString(), "migration", command));
		line.addAll(List.of(arguments));
		try {
			Path out = Files.createTempFile(this.directory, "out", ".txt");
			Process process = new ProcessBuilder(line).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(out.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + String.join(" ", line));
			}
			return new Run(String.join(" ", line), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path jar() {
		String configured = System.getProperty("sample.jar");
		assertThat(configured).as("the packaged JPA sample (system property sample.jar): run 'mvn verify'").isNotNull();
		return Path.of(configured).toAbsolutePath();
	}

	/**
	 * One run of the command line.
	 *
	 * @param command the command line, for messages
	 * @param exitCode its exit code
	 * @param out what it printed
	 */
	record Run(String command, int exitCode, String out) {

		Run succeeded() {
			assertThat(this.exitCode).as("exit code of '%s'%n%s", this.command, this.out).isZero();
			return this;
		}

	}

}
