package dev.migration.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged sample app as a process, in a working directory of its own: by
 * default {@link SampleAppJar#extracted() extracted}, or {@link #asBuilt() as built}.
 */
final class SampleAppProcess {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path workingDirectory;

	private final List<String> springArguments;

	private final boolean asBuilt;

	/**
	 * A way to run the app.
	 * @param workingDirectory where it runs ({@code create} writes below it)
	 * @param springArguments the {@code --spring.*} and {@code --migration.*} arguments
	 * of every run
	 */
	SampleAppProcess(Path workingDirectory, String... springArguments) {
		this(workingDirectory, List.of(springArguments), false);
	}

	private SampleAppProcess(Path workingDirectory, List<String> springArguments, boolean asBuilt) {
		this.workingDirectory = workingDirectory;
		this.springArguments = springArguments;
		this.asBuilt = asBuilt;
	}

	/**
	 * The same runs, of the jar as built ({@code java -jar sample-app.jar}).
	 * @return the runs of the jar as built
	 */
	SampleAppProcess asBuilt() {
		return new SampleAppProcess(this.workingDirectory, this.springArguments, true);
	}

	/**
	 * Runs {@code migration <arguments>} and waits for it to exit.
	 * @param arguments the command and its arguments
	 * @return what it printed and its exit code
	 */
	Run migration(String... arguments) {
		List<String> command = new ArrayList<>(List.of(SampleAppJar.java()));
		command.addAll(this.asBuilt ? SampleAppJar.packagedLaunch() : SampleAppJar.extracted());
		command.add("migration");
		command.addAll(List.of(arguments));
		command.addAll(this.springArguments);
		try {
			Path out = Files.createTempFile(this.workingDirectory, "out", ".txt");
			Path err = Files.createTempFile(this.workingDirectory, "err", ".txt");
			Process process = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + String.join(" ", command));
			}
			return new Run(String.join(" ", arguments), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One run.
	 *
	 * @param command the command line, for messages
	 * @param exitCode the exit code
	 * @param out what it printed to stdout
	 * @param err what it printed to stderr
	 */
	record Run(String command, int exitCode, String out, String err) {

		Run succeeded() {
			assertThat(this.exitCode).as("exit code of '%s'%nstdout:%n%s%nstderr:%n%s", this.command, this.out, this.err)
				.isZero();
			return this;
		}

		Run failedWith(int expected) {
			assertThat(this.exitCode).as("exit code of '%s'%nstdout:%n%s%nstderr:%n%s", this.command, this.out, this.err)
				.isEqualTo(expected);
			return this;
		}

		JsonNode json() {
			return SampleAppProcess.json.readTree(this.out);
		}

	}

}
