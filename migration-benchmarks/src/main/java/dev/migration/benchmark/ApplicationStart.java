package dev.migration.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One start of a Spring Boot application in a fresh JVM, timed from launching it to its
 * readiness probe ({@code /actuator/health/readiness}) answering 200; the application
 * is killed afterwards. Its output goes to a log file, quoted when it fails.
 */
final class ApplicationStart {

	/**
	 * Far above a start on an idle machine (5 s), for a machine busy with other work,
	 * where a start of the same application has taken more than two minutes.
	 */
	private static final long TIMEOUT_SECONDS = 300;

	private ApplicationStart() {
	}

	/**
	 * A free port on the loopback address for the application's server.
	 * @return the port
	 */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Starts the application and waits for it to be ready.
	 * @param command the command line, serving on {@code port} at 127.0.0.1
	 * @param port the server's port
	 * @param directory where the log goes
	 * @param what the application's name in errors
	 * @return nanoseconds from launch to ready
	 */
	static long untilReady(List<String> command, int port, Path directory, String what) throws Exception {
		Path log = Files.createTempFile(directory, "app-start", ".log");
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long begin = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			long deadline = begin + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException(
							what + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
				}
				try {
					if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return System.nanoTime() - begin;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				Thread.sleep(10);
			}
			throw new IllegalStateException(what + " was not ready within " + TIMEOUT_SECONDS + " s: see " + log);
		}
		finally {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * The {@code java} binary of this JVM, which starts the applications too.
	 * @return its path
	 */
	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
