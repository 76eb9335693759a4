package dev.migration.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app and the two ways the tests launch it.
 * <p>
 * {@link #packaged() As built}: {@code java -jar sample-app.jar}, classes in nested jars,
 * as the server, AOT and duration tests start it. {@link #extracted() Extracted}: the
 * same jar unpacked by Spring Boot's {@code -Djarmode=tools extract} and started with a
 * class data sharing archive trained on one command run, Spring Boot's documented
 * layout for a fast start. It runs the jar's own classes and resources in about half
 * the CPU time, which is what most of the many short command runs use.
 */
final class SampleAppJar {

	/**
	 * JVM options of every launch: a test run is short, start fast.
	 */
	static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private static List<String> extracted;

	private SampleAppJar() {
	}

	/**
	 * The jar as built.
	 * @return its absolute path
	 */
	static Path packaged() {
		String configured = System.getProperty("sample.jar");
		if (configured != null && Files.isRegularFile(Path.of(configured))) {
			return Path.of(configured).toAbsolutePath();
		}
		File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("sample-app-")
				&& name.endsWith(".jar") && !name.endsWith("-sources.jar"));
		assertThat(jars).as("the packaged sample app in target/: run 'mvn verify', which packages it first")
			.isNotEmpty();
		return jars[0].toPath().toAbsolutePath();
	}

	/**
	 * The arguments after {@code java} that launch the jar as built.
	 * @return the JVM options, {@code -jar} and the jar
	 */
	static List<String> packagedLaunch() {
		List<String> launch = new ArrayList<>(JVM_OPTIONS);
		launch.addAll(List.of("-jar", packaged().toString()));
		return launch;
	}

	/**
	 * The arguments after {@code java} that launch the extracted jar with its class data
	 * sharing archive. The first call extracts the jar and trains the archive, in
	 * {@code target/sample-app-cds}; later calls, also in later builds of the same jar,
	 * reuse them.
	 * @return the JVM options, {@code -jar} and the extracted application jar
	 */
	static synchronized List<String> extracted() {
		if (extracted == null) {
			extracted = prepareExtracted(packaged(), Path.of("target", "sample-app-cds").toAbsolutePath());
		}
		return extracted;
	}

	private static List<String> prepareExtracted(Path jar, Path directory) {
		try {
			Path application = directory.resolve(jar.getFileName());
			Path archive = directory.resolve("application.jsa");
			Path stamp = directory.resolve("source");
			String source = jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
			boolean current = Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)
					&& Files.isRegularFile(application) && Files.isRegularFile(archive);
			if (!current) {
				deleteRecursively(directory);
				run(directory.getParent(), List.of("-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
						directory.toString()));
				assertThat(application).as("the application jar extracted from " + jar).isRegularFile();
				// One command on a DuckDB file loads what the command runs need; the archive
				// holds every class it loaded.
				Path training = Files.createDirectories(directory.resolve("training"));
				List<String> train = new ArrayList<>(JVM_OPTIONS);
				train.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-jar", application.toString(), "migration",
						"migrate", "--spring.datasource.url=jdbc:duckdb:" + training.resolve("training.db")));
				run(training, train);
				assertThat(archive).as("the class data sharing archive").isRegularFile();
				deleteRecursively(training);
				Files.writeString(stamp, source);
			}
			List<String> launch = new ArrayList<>(JVM_OPTIONS);
			// A JVM that cannot map the archive runs without it, slower but the same: say
			// nothing about it on standard output, which the tests read.
			launch.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
					"-Xlog:cds+dynamic=off", "-jar", application.toString()));
			return List.copyOf(launch);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(Path workingDirectory, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(arguments);
		Path output = Files.createTempFile("sample-app-prepare", ".log");
		try {
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(180, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException("Timed out: " + String.join(" ", command) + "\n"
						+ Files.readString(output, StandardCharsets.UTF_8));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Exited with " + process.exitValue() + ": " + String.join(" ", command)
						+ "\n" + Files.readString(output, StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/**
	 * The {@code java} of the JVM running the tests.
	 * @return its path
	 */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
