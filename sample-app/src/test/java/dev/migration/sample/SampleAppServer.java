package dev.migration.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sample app started as a process serving HTTP, until {@link #close() closed}.
 */
final class SampleAppServer implements AutoCloseable {

	private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);

	private final Process process;

	private final Path log;

	private final int port;

	private SampleAppServer(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts the app and waits until it is ready (which is after it migrated).
	 * @param workingDirectory where it runs and logs
	 * @param jvmArguments JVM options of this test
	 * @param launch how to launch the app ({@link SampleAppJar#packagedLaunch()} or
	 * {@link SampleAppJar#extracted()})
	 * @param arguments the application's arguments
	 * @return the app, ready
	 * @throws IllegalStateException if it exits or is not ready in time, with its log
	 */
	static SampleAppServer start(Path workingDirectory, List<String> jvmArguments, List<String> launch,
			String... arguments) {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(SampleAppJar.java());
		command.addAll(jvmArguments);
		command.addAll(launch);
		command.add("--server.port=" + port);
		command.addAll(List.of(arguments));
		try {
			Path log = Files.createTempFile(workingDirectory, "app", ".log");
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			SampleAppServer server = new SampleAppServer(process, log, port);
			server.awaitReady(String.join(" ", command));
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void awaitReady(String command) {
		long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
		SampleHttp http = http();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Exited with " + this.process.exitValue() + ": " + command + "\n" + log());
			}
			try {
				if (http.get("/actuator/health/readiness").status() == 200) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// Not listening yet.
			}
			pause();
		}
		close();
		throw new IllegalStateException("Not ready in time: " + command + "\n" + log());
	}

	/**
	 * The process id, which DuckDB names as the holder of the app's database file.
	 * @return the id
	 */
	long pid() {
		return this.process.pid();
	}

	SampleHttp http() {
		return new SampleHttp(this.port);
	}

	/**
	 * What the app printed so far.
	 * @return its output
	 */
	String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
