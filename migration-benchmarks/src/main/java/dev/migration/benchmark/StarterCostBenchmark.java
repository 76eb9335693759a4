package dev.migration.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.migration.MigrationManager;

/**
 * {@code starter-cost}: what the migration starter adds to a Spring Boot application's
 * start, against what Spring Boot's own Flyway starter adds. One small web application
 * ({@code benchmark-start-app}: web, Actuator, JDBC, PostgreSQL) in three builds, each a
 * class path its Maven build wrote: without a migration tool, with the migration
 * starter, with {@code spring-boot-starter-flyway}. Each starts in a fresh JVM with the
 * same options, in turn, and is timed from launch to its readiness probe answering 200;
 * N generated migrations are already applied, each tool's in its own schema, its own
 * format (the same statements), brought to head once before the clock.
 */
final class StarterCostBenchmark {

	private static final String MAIN_CLASS = "dev.migration.benchmark.app.StartApplication";

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final Path directory;

	StarterCostBenchmark(BenchmarkOptions options, Corpora corpora, Path directory) {
		this.options = options;
		this.corpora = corpora;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		Path app = appDirectory();
		int size = this.options.quick() ? 5 : 100;
		ScriptSet scripts = this.corpora.chain(size);
		AnchorScripts anchorScripts = this.corpora.anchors(size);
		try (Workspace ours = Workspace.create(Database.POSTGRESQL, this.options.postgresUrl(), this.directory);
				Workspace flyway = Workspace.create(Database.POSTGRESQL, this.options.postgresUrl(), this.directory)) {
			MigrationManager.create(ours.dataSource(), ours.configuration(scripts.directory())).migrate();
			Anchor.FLYWAY.migrate(flyway.dataSource(), flyway.schema(), anchorScripts);
			Map<Build, List<String>> commands = new EnumMap<>(Build.class);
			commands.put(Build.PLAIN, command(app, Build.PLAIN, ours, List.of()));
			commands.put(Build.MIGRATION,
					command(app, Build.MIGRATION, ours, List.of("--migration.schema=" + ours.schema(),
							"--migration.locations=filesystem:" + scripts.directory().toAbsolutePath())));
			commands.put(Build.FLYWAY,
					command(app, Build.FLYWAY, flyway, List.of("--spring.flyway.schemas=" + flyway.schema(),
							"--spring.flyway.locations=filesystem:" + anchorScripts.flyway().toAbsolutePath())));
			Map<Build, List<Long>> times = new EnumMap<>(Build.class);
			for (Build build : Build.values()) {
				times.put(build, new ArrayList<>());
			}
			String label = "starter-cost postgresql N=" + size;
			for (int i = 0; i < this.options.warmups(); i++) {
				Progress.report(label + " warm-up " + (i + 1) + "/" + this.options.warmups());
				for (Build build : Build.values()) {
					start(build, commands.get(build));
				}
			}
			Build[] builds = Build.values();
			for (int i = 0; i < this.options.startReps(); i++) {
				Progress.report(label + " run " + (i + 1) + "/" + this.options.startReps());
				for (int turn = 0; turn < builds.length; turn++) {
					Build build = builds[(i + turn) % builds.length];
					times.get(build).add(start(build, commands.get(build)));
				}
			}
			return rows(size, new Timings(times.get(Build.PLAIN)), new Timings(times.get(Build.MIGRATION)),
					new Timings(times.get(Build.FLYWAY)));
		}
	}

	private static List<ResultRow> rows(int size, Timings plain, Timings migration, Timings flyway) {
		double ours = (migration.median() - plain.median()) / 1e6;
		double theirs = (flyway.median() - plain.median()) / 1e6;
		String n = String.valueOf(size);
		ResultRow starter = ResultRow
			.info("app start, migration starter (fresh JVM)", "postgresql", n, Figure.millis(migration),
					Figure.millis(plain))
			.withTarget(String.format(Locale.ROOT, "adds < 100 ms (%+.0f)", ours), ours < 100);
		ResultRow flywayStarter = ResultRow.info("app start, flyway starter (fresh JVM)", "postgresql", n,
				Figure.millis(flyway), Figure.millis(plain));
		flywayStarter = new ResultRow(flywayStarter.workload(), flywayStarter.database(), n, flywayStarter.ours(),
				flywayStarter.floor(), flywayStarter.ratio(),
				String.format(Locale.ROOT, "flyway adds %+.0f ms", theirs), null);
		ResultRow against = ResultRow
			.info("app start, migration starter vs flyway", "postgresql", n, Figure.millis(migration),
					Figure.millis(flyway))
			.withTarget(String.format(Locale.ROOT, "adds less (%+.0f vs %+.0f ms)", ours, theirs), ours < theirs);
		return List.of(starter, flywayStarter, against);
	}

	private long start(Build build, List<String> command) throws Exception {
		List<String> launched = new ArrayList<>(command);
		int port = ApplicationStart.freePort();
		launched.add("--server.port=" + port);
		return ApplicationStart.untilReady(launched, port, this.directory, "The start app (" + build.label + ")");
	}

	private List<String> command(Path app, Build build, Workspace workspace, List<String> tool) throws IOException {
		String url = workspace.describe().get(1);
		Path temporary = Files.createDirectories(this.directory.resolve("jvm-tmp"));
		List<String> command = new ArrayList<>(List.of(ApplicationStart.javaExecutable(),
				"-Djava.io.tmpdir=" + temporary, "-cp", classPath(app, build), MAIN_CLASS,
				"--server.address=127.0.0.1",
				"--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema="
						+ workspace.schema(),
				"--spring.datasource.username=" + SpringStartBenchmark.user(url)));
		command.addAll(tool);
		return command;
	}

	/**
	 * The application's classes, then the jars of a build: the plain ones, with the
	 * migration starter's added, or Flyway's list (the plain ones and Flyway's).
	 */
	private static String classPath(Path app, Build build) throws IOException {
		Set<String> entries = new LinkedHashSet<>();
		entries.add(app.resolve("classes").toAbsolutePath().toString());
		for (String file : build.classPathFiles) {
			Path list = app.resolve("classpath").resolve(file);
			for (String entry : Files.readString(list).strip().split(File.pathSeparator)) {
				if (!entry.isBlank()) {
					entries.add(checkBuiltHere(entry, list));
				}
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * Refuses this project's own jars taken from a Maven repository: a build of the start
	 * app outside the project's reactor resolves the starter to whatever snapshot was
	 * installed last, not to the code being measured.
	 */
	private static String checkBuiltHere(String entry, Path list) {
		if (isInstalledProjectJar(Path.of(entry))) {
			throw new IllegalStateException(list + " takes the migration starter from a Maven repository (" + entry
					+ "), which may be older than this code: build the start app in the project's reactor, "
					+ "'mvn -q -pl migration-benchmarks,benchmark-start-app -am package -DskipTests'");
		}
		return entry;
	}

	/**
	 * Whether a class path entry lies in a Maven repository's layout for this project's
	 * group ({@code dev/migration/<artifact>/<version>/<artifact>-<version>.jar}), as a
	 * project checked out under a {@code dev/migration} folder does not.
	 */
	static boolean isInstalledProjectJar(Path entry) {
		int count = entry.getNameCount();
		if (count < 5 || !entry.toString().endsWith(".jar")) {
			return false;
		}
		String artifact = entry.getName(count - 3).toString();
		String version = entry.getName(count - 2).toString();
		return entry.getName(count - 5).toString().equals("dev") && entry.getName(count - 4).toString().equals("migration")
				&& entry.getFileName().toString().startsWith(artifact + "-" + version);
	}

	/**
	 * The start app's build directory: {@code -Dstart.app.dir=...}, or where the build
	 * puts it, seen from the project or from this module.
	 */
	private static Path appDirectory() {
		String configured = System.getProperty("start.app.dir");
		List<Path> candidates = new ArrayList<>();
		if (configured != null) {
			candidates.add(Path.of(configured));
		}
		candidates.add(Path.of("benchmark-start-app/target"));
		candidates.add(Path.of("../benchmark-start-app/target"));
		return candidates.stream()
			.filter((candidate) -> Files.isRegularFile(candidate.resolve("classpath/plain.txt"))
					&& Files.isDirectory(candidate.resolve("classes")))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The starter-cost workload needs the built start app: run "
					+ "'mvn -q -pl migration-benchmarks -am package -DskipTests' first, or pass "
					+ "-Dstart.app.dir=/path/to/benchmark-start-app/target"));
	}

	/**
	 * The three builds of the start app.
	 */
	private enum Build {

		PLAIN("no migration tool", "plain.txt"),

		MIGRATION("migration starter", "plain.txt", "migration-extra.txt"),

		FLYWAY("flyway starter", "flyway.txt");

		private final String label;

		private final List<String> classPathFiles;

		Build(String label, String... classPathFiles) {
			this.label = label;
			this.classPathFiles = List.of(classPathFiles);
		}

	}

}
