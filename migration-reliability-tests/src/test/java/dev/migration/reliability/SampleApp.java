package dev.migration.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged sample app running as a separate JVM, on a free loopback port, its
 * output in a file. It runs {@link ExtractedSampleApp extracted}, which starts faster
 * than {@code java -jar}. {@link #close()} kills it ({@code SIGKILL}); every wait is
 * bounded.
 */
final class SampleApp implements AutoCloseable {

	/**
	 * JVM options that keep several instances cheap on a small machine.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xss512k",
			"-XX:+UseSerialGC", "-Xmx256m", "-XX:-UsePerfData", "-Djava.net.preferIPv4Stack=true");

	/**
	 * Variables the starter reads, cleared unless a test sets them.
	 */
	private static final List<String> DATABASE_VARIABLES = List.of("DATABASE_URL", "DB_POOL_SIZE", "DB_MAX_OVERFLOW",
			"DB_ECHO");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final Path log;

	private final Path temporaryDirectory;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private SampleApp(Process process, int port, Path log, Path temporaryDirectory) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.temporaryDirectory = temporaryDirectory;
	}

	/**
	 * Starts the sample app.
	 * @param arguments its command-line arguments ({@code --server.port} is added)
	 * @return the running process
	 */
	static SampleApp start(List<String> arguments) {
		return start(arguments, Map.of());
	}

	/**
	 * Starts the sample app.
	 * @param arguments its command-line arguments ({@code --server.port} is added)
	 * @param environment environment variables to set
	 * @return the running process
	 */
	static SampleApp start(List<String> arguments, Map<String, String> environment) {
		int port = freePort();
		List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
		all.addAll(arguments);
		return launch(all, environment, port);
	}

	/**
	 * Runs one command of the sample app's command line ({@code migration <command>}),
	 * without a web server; wait for it with {@link #awaitExit(Duration)}.
	 * @param arguments the command and its options, after {@code migration}
	 * @param environment environment variables to set
	 * @return the running process
	 */
	static SampleApp command(List<String> arguments, Map<String, String> environment) {
		List<String> all = new ArrayList<>(List.of("migration"));
		all.addAll(arguments);
		return launch(all, environment, -1);
	}

	private static SampleApp launch(List<String> arguments, Map<String, String> environment, int port) {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		try {
			// Its own temporary directory, deleted on close: the DuckDB driver unpacks its
			// 70 MB native library there at every start, and a killed JVM never deletes it.
			Path temporaryDirectory = Files.createTempDirectory("sample-app-tmp-");
			command.add("-Djava.io.tmpdir=" + temporaryDirectory);
			command.addAll(ExtractedSampleApp.launch(JVM_OPTIONS));
			command.addAll(arguments);
			Path log = Files.createTempFile("sample-app-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile());
			DATABASE_VARIABLES.forEach(builder.environment()::remove);
			builder.environment().putAll(environment);
			return new SampleApp(builder.start(), port, log, temporaryDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	/**
	 * The packaged sample app, from the system property {@code sample.app.jar} that the
	 * build sets.
	 * @return the jar
	 */
	static Path jar() {
		String location = System.getProperty("sample.app.jar");
		if (location == null || !Files.isRegularFile(Paths.get(location))) {
			throw new IllegalStateException("The packaged sample app is missing (sample.app.jar=" + location
					+ "): build it first with mvn -pl sample-app -am package -DskipTests, "
					+ "or run this module with -am");
		}
		return Paths.get(location);
	}

	/**
	 * A port nothing listens on right now.
	 * @return the port
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Waits until the readiness probe answers {@code 200}.
	 * @param timeout how long to wait at most
	 * @return this process
	 * @throws AssertionError with the output if it exits or is not ready in time
	 */
	SampleApp awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The sample app exited with " + this.process.exitValue()
						+ " instead of becoming ready:\n" + output());
			}
			Response readiness = tryGet("/actuator/health/readiness");
			if (readiness != null && readiness.status() == 200) {
				return this;
			}
			pause(200);
		}
		throw new AssertionError("The sample app was not ready within " + timeout + ":\n" + output());
	}

	/**
	 * Waits until the process exits.
	 * @param timeout how long to wait at most
	 * @return the exit code
	 * @throws AssertionError with the output if it does not exit in time
	 */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("The sample app did not exit within " + timeout + ":\n" + output());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Everything the process wrote to standard output and error so far.
	 * @return the output
	 */
	String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	Response post(String path, String body) {
		return send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * Writes a JSON document.
	 * @param value a map, list or string
	 * @return the JSON
	 */
	static String toJson(Object value) {
		return json.writeValueAsString(value);
	}

	private Response tryGet(String path) {
		try {
			HttpResponse<String> response = this.client.send(
					HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			// Not listening yet, or busy starting.
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("HTTP call failed: " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Kills the process ({@code SIGKILL}) and waits, at most 10 seconds, until it is
	 * gone.
	 */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		kill();
		try {
			Files.deleteIfExists(this.log);
			try (Stream<Path> paths = Files.walk(this.temporaryDirectory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
		catch (IOException ex) {
			// A leftover temporary file is harmless.
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A status and body.
	 */
	record Response(int status, String body) {

		JsonNode json() {
			return SampleApp.json.readTree(this.body);
		}

	}

}
