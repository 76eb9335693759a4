package dev.migration.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs the benchmarks and prints the result table: the migration engine against plain
 * JDBC running the same statements on the same database (the floor), and against
 * Flyway and Liquibase (the anchors), for {@code migrate}, {@code noop} starts, a
 * whole process's {@code migrate} at small N,
 * {@code rollback-all}, {@code status} and plan resolution, and peak memory, on
 * PostgreSQL and DuckDB; the starter's cost in a Spring Boot application against
 * Flyway's starter, and tenant fleets, on PostgreSQL.
 * <p>
 * {@code java -jar migration-benchmarks/target/migration-benchmarks.jar [--quick]
 * [--only migrate,noop,process,rollback-all,status,memory,spring-start,starter-cost,autogenerate,fleet]
 * [--db postgresql,duckdb] [--reps N]}.
 * The engine's INFO log is switched off, as the floor logs nothing, and so are the
 * anchors' (Flyway's and Liquibase's).
 */
public final class BenchmarkMain {

	// Held so that the levels set on them are not lost with collected loggers; the anchors
	// log through java.util.logging here, as no other logging library is on the class path.
	private static final List<Logger> QUIET_LOGS = List.of(Logger.getLogger("dev.migration"),
			Logger.getLogger("org.flywaydb"), Logger.getLogger("liquibase"));

	private BenchmarkMain() {
	}

	/**
	 * Runs the harness, or with {@code --child} one run of a child JVM.
	 * @param args the options; {@code --help} lists them
	 * @throws Exception if a run fails
	 */
	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		quietLogs();
		if (args.length > 0 && args[0].equals("--child")) {
			ChildRun.run(start, Arrays.asList(args).subList(1, args.length));
			System.exit(0);
		}
		if (Arrays.asList(args).contains("--help")) {
			System.out.println(BenchmarkOptions.USAGE);
			return;
		}
		run(BenchmarkOptions.parse(args), System.out);
	}

	/**
	 * Runs the selected workloads and prints the table.
	 * @param options what to run
	 * @param out where the table goes
	 * @return the rows printed
	 */
	static List<ResultRow> run(BenchmarkOptions options, PrintStream out) throws Exception {
		quietLogs();
		Path directory = Files.createTempDirectory("migration-benchmarks");
		try {
			Corpora corpora = new Corpora(directory.resolve("scripts"));
			Path databases = Files.createDirectories(directory.resolve("databases"));
			List<ResultRow> rows = new ArrayList<>();
			for (Database database : options.databases()) {
				PairedRuns runs = new PairedRuns(options, database, databases);
				if (options.runs("migrate")) {
					rows.addAll(new MigrateBenchmark(options, corpora, runs, database).run());
				}
				if (options.runs("noop")) {
					rows.addAll(new NoopBenchmark(options, corpora, database, databases).run());
				}
				if (options.runs("process")) {
					rows.addAll(new ProcessMigrateBenchmark(options, corpora, runs, database, databases).run());
				}
				if (options.runs("rollback-all")) {
					rows.addAll(new RollbackBenchmark(options, corpora, runs, database, databases).run());
				}
				if (options.runs("status")) {
					rows.addAll(new StatusBenchmark(options, corpora, database, databases).run());
				}
				if (options.runs("memory")) {
					rows.addAll(new MemoryBenchmark(options, corpora, database, databases).run());
				}
				if (options.runs("spring-start")) {
					rows.addAll(new SpringStartBenchmark(options, database, databases).run());
				}
				if (options.runs("starter-cost") && database == Database.POSTGRESQL) {
					rows.addAll(new StarterCostBenchmark(options, corpora, databases).run());
				}
				if (options.runs("autogenerate")) {
					rows.addAll(new AutogenerateBenchmark(options, database, databases).run());
				}
				if (options.runs("fleet") && database == Database.POSTGRESQL) {
					rows.addAll(new FleetBenchmark(options, corpora).run());
				}
			}
			if (options.runs("status")) {
				rows.addAll(new PlanBenchmark(options, corpora).run());
			}

			new ResultTable(rows).print(out, options);
			return rows;
		}
		finally {
			delete(directory);
		}
	}

	private static void quietLogs() {
		for (Logger log : QUIET_LOGS) {
			log.setLevel(Level.WARNING);
		}
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
