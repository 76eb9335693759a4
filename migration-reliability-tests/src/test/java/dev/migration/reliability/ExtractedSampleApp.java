package dev.migration.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged sample app extracted by Spring Boot's {@code -Djarmode=tools extract},
 * with a class data sharing archive trained on one start: Spring Boot's documented
 * layout for a fast start. It runs the jar's own classes and resources in about half
 * the CPU time of {@code java -jar}, which counts when a test starts several instances
 * on a small machine. Prepared once, in {@code target/sample-app-cds}, and kept while
 * the jar is the same.
 */
final class ExtractedSampleApp {

	private static List<String> launch;

	private ExtractedSampleApp() {
	}

	/**
	 * The arguments after the JVM options that launch the extracted app with its archive.
	 * @param jvmOptions the JVM options of every launch, which the training start uses too
	 * @return the archive options, {@code -jar} and the extracted application jar
	 */
	static synchronized List<String> launch(List<String> jvmOptions) {
		if (launch == null) {
			launch = prepare(SampleApp.jar().toAbsolutePath(), Paths.get("target", "sample-app-cds").toAbsolutePath(),
					jvmOptions);
		}
		return launch;
	}

	private static List<String> prepare(Path jar, Path directory, List<String> jvmOptions) {
		try {
			Path application = directory.resolve(jar.getFileName());
			Path archive = directory.resolve("application.jsa");
			Path stamp = directory.resolve("source");
			String source = jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " "
					+ jvmOptions;
			boolean current = Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)
					&& Files.isRegularFile(application) && Files.isRegularFile(archive);
			if (!current) {
				deleteRecursively(directory);
				Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
						"--destination", directory.toString())
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0
						|| !Files.isRegularFile(application)) {
					extract.destroyForcibly();
					throw new IllegalStateException("Cannot extract " + jar + " to " + directory);
				}
				train(application, archive, directory.resolve("training"), jvmOptions);
				Files.writeString(stamp, source);
			}
			return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
					"-Xlog:cds+dynamic=off", "-jar", application.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts the app on a DuckDB file of its own until it is ready, then stops it: the
	 * JVM writes every class it loaded to the archive as it exits.
	 */
	private static void train(Path application, Path archive, Path directory, List<String> jvmOptions)
			throws IOException, InterruptedException {
		Files.createDirectories(directory);
		int port = SampleApp.freePort();
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Djava.io.tmpdir=" + directory, "-jar",
				application.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--spring.datasource.url=jdbc:duckdb:" + directory.resolve("training.db")));
		Path log = directory.resolve("training.log");
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			awaitReady(process, port, log);
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The training start did not stop:\n" + Files.readString(log));
			}
			if (!Files.isRegularFile(archive)) {
				throw new IllegalStateException("The training start wrote no archive " + archive + ":\n"
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
		}
		finally {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		deleteRecursively(directory);
	}

	private static void awaitReady(Process process, int port, Path log) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The training start exited with " + process.exitValue() + ":\n"
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			try {
				if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			SampleApp.pause(200);
		}
		throw new IllegalStateException("The training start was not ready in time:\n"
				+ Files.readString(log, StandardCharsets.UTF_8));
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
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
