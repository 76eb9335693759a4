package dev.migration.benchmark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spring-start}: what the starter adds to an application's start when nothing is
 * pending. The packaged sample app starts in a fresh JVM on a database already at head
 * (a DuckDB file, or a PostgreSQL schema with the {@code staging} profile), and the
 * figure is the time from launching it to its readiness probe answering 200 (the
 * starter holds readiness back until the migrations are checked): with the starter
 * enabled against the same app with {@code migration.enabled=false}, alternating. Both
 * sides pay the same JVM start. The app without the starter
 * never opens its database while starting: on DuckDB that alone is about half a second
 * (loading the native library and the file), which the starter's check pays first.
 */
final class SpringStartBenchmark {

	private final BenchmarkOptions options;

	private final Database database;

	private final Path directory;

	SpringStartBenchmark(BenchmarkOptions options, Database database, Path directory) {
		this.options = options;
		this.database = database;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		Path jar = sampleJar();
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			return run(jar, arguments(workspace));
		}
	}

	private static List<String> arguments(Workspace workspace) {
		List<String> arguments = new ArrayList<>();
		String url = workspace.describe().get(1);
		if (workspace.database() == Database.POSTGRESQL) {
			arguments.add("--spring.profiles.active=staging");
			arguments.add("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema="
					+ workspace.schema());
			arguments.add("--spring.datasource.username=" + user(url));
			arguments.add("--migration.schema=" + workspace.schema());
		}
		else {
			arguments.add("--spring.datasource.url=" + url);
		}
		return arguments;
	}

	static String user(String url) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("[?&]user=([^&]+)").matcher(url);
		return matcher.find() ? matcher.group(1) : "postgres";
	}

	private List<ResultRow> run(Path jar, List<String> database) throws Exception {
		// Brought to head once, outside the clock.
		start(jar, database, true);
		List<Long> enabled = new ArrayList<>();
		List<Long> disabled = new ArrayList<>();
		String label = "spring-start " + this.database.label();
		for (int i = 0; i < this.options.warmups(); i++) {
			Progress.report(label + " warm-up " + (i + 1) + "/" + this.options.warmups());
			start(jar, database, false);
			start(jar, database, true);
		}
		// More runs than the other figures: a start varies by a tenth or more from one run to
		// the next, several times the difference this figure is after.
		for (int i = 0; i < this.options.startReps(); i++) {
			Progress.report(label + " run " + (i + 1) + "/" + this.options.startReps());
			if (i % 2 == 0) {
				disabled.add(start(jar, database, false));
				enabled.add(start(jar, database, true));
			}
			else {
				enabled.add(start(jar, database, true));
				disabled.add(start(jar, database, false));
			}
		}
		Timings ours = new Timings(enabled);
		Timings floor = new Timings(disabled);
		double added = (ours.median() - floor.median()) / 1e6;
		return List.of(ResultRow
			.info("spring start to ready (fresh JVM)", this.database.label(), "9", Figure.millis(ours), Figure.millis(floor))
			.withTarget(String.format("starter adds < 100 ms (%+.0f)", added), added < 100));
	}

	/**
	 * Starts the sample app once and returns how long it took to be ready.
	 */
	private long start(Path jar, List<String> database, boolean migrations) throws Exception {
		int port = ApplicationStart.freePort();
		// The benchmark's own temporary directory, deleted at its end: the DuckDB driver
		// unpacks its 70 MB native library there at every start, and the app is killed.
		Path temporary = Files.createDirectories(this.directory.resolve("jvm-tmp"));
		List<String> command = new ArrayList<>(List.of(ApplicationStart.javaExecutable(),
				"-Djava.io.tmpdir=" + temporary, "-jar", jar.toString(), "--server.port=" + port,
				"--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--migration.enabled=" + migrations));
		command.addAll(database);
		return ApplicationStart.untilReady(command, port, this.directory, "The sample app");
	}

	/**
	 * The packaged sample app: {@code -Dsample.app.jar=...}, or where the build puts it,
	 * seen from the project or from this module.
	 */
	private static Path sampleJar() {
		String configured = System.getProperty("sample.app.jar");
		List<Path> candidates = new ArrayList<>();
		if (configured != null) {
			candidates.add(Path.of(configured));
		}
		for (String base : List.of("sample-app/target", "../sample-app/target")) {
			File[] jars = new File(base).listFiles((dir, name) -> name.matches("sample-app-.*\\.jar"));
			if (jars != null) {
				for (File jar : jars) {
					candidates.add(jar.toPath());
				}
			}
		}
		return candidates.stream()
			.filter(Files::isRegularFile)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The spring-start workload needs the packaged sample app: "
					+ "run 'mvn -q -DskipTests install' first, or pass -Dsample.app.jar=/path/to/sample-app.jar"));
	}

}
