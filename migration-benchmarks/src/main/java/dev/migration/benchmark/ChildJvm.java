package dev.migration.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Starts a fresh JVM for one run, with the same {@code java} binary and class path as
 * this one, and reads back what {@link ChildRun} reports. From the repackaged jar the
 * child is started with {@code -jar}; from a plain class path (the tests) with
 * {@code -cp}.
 */
final class ChildJvm {

	/**
	 * Options of a start: none, as an application's start has none in particular.
	 */
	static final List<String> START_OPTIONS = List.of();

	/**
	 * Options of a memory run: a small young generation and initial heap, so that the
	 * peak follows what is live rather than how much garbage fits in eden.
	 */
	static final List<String> MEMORY_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmn8m", "-Xmx1g");

	private static final String RESULT = "benchmark-result ";

	private final String java;

	private final List<String> entry;

	ChildJvm() {
		this.java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String classPath = System.getProperty("java.class.path");
		this.entry = isExecutableJar(classPath) ? List.of("-jar", classPath)
				: List.of("-cp", classPath, BenchmarkMain.class.getName());
	}

	/**
	 * Runs one task in a child JVM.
	 * @param options JVM options
	 * @param task {@code noop}, {@code migrate} (with the peak heap) or
	 * {@code start-migrate}
	 * @param runner {@code ours}, {@code floor} or an {@link Anchor}'s label
	 * @param scripts the script directory
	 * @param workspace where to run
	 * @return what the child measured
	 */
	ChildRun.Report run(List<String> options, String task, String runner, Path scripts, Workspace workspace)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.java));
		command.addAll(options);
		command.addAll(this.entry);
		command.addAll(List.of("--child", task, runner, scripts.toAbsolutePath().toString()));
		command.addAll(workspace.describe());
		return run(command);
	}

	/**
	 * Runs a no-op fleet migrate over tenants at head in a child JVM.
	 * @param options JVM options
	 * @param scripts the script directory
	 * @param postgresUrl where PostgreSQL is
	 * @param schemas the tenants' schemas
	 * @param parallelism the tenants run at once
	 * @return what the child measured; its count is the tenants found up to date
	 */
	ChildRun.Report runFleet(List<String> options, Path scripts, String postgresUrl, List<String> schemas,
			int parallelism) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.java));
		command.addAll(options);
		command.addAll(this.entry);
		command.addAll(List.of("--child", "fleet", "ours", scripts.toAbsolutePath().toString(), postgresUrl,
				String.join(",", schemas), String.valueOf(parallelism)));
		return run(command);
	}

	private ChildRun.Report run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		ChildRun.Report report = output.lines()
			.filter((line) -> line.startsWith(RESULT))
			.map((line) -> ChildRun.Report.parse(line.substring(RESULT.length())))
			.findFirst()
			.orElse(null);
		if (exit != 0 || report == null) {
			throw new IllegalStateException("Child JVM " + command + " failed with exit code " + exit + ":\n" + output);
		}
		return report;
	}

	static String resultLine(ChildRun.Report report) {
		return RESULT + report.format();
	}

	private static boolean isExecutableJar(String classPath) {
		if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
			return false;
		}
		try (JarFile jar = new JarFile(classPath)) {
			return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Main-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
