package dev.migration.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line: which workloads, on which databases, how many times, at which
 * sizes.
 *
 * @param quick a smoke run: tiny sizes, one repetition, no warm-up
 * @param workloads the workloads to run, in {@link #WORKLOADS} order
 * @param databases the databases to run them on
 * @param reps measured runs per figure
 * @param startReps measured runs a side of {@code spring-start} and {@code starter-cost},
 * whose figures are differences of whole application starts that each vary by a tenth
 * or more
 * @param warmups unmeasured rounds before them
 * @param migrateSizes the N of {@code migrate} and {@code rollback-all}, smallest first
 * @param noopSizes the N of {@code noop}, smallest first
 * @param processSizes the N of {@code process}, smallest first
 * @param graphSize the revisions of {@code status}
 * @param memorySize the N of {@code memory}
 * @param fleetTenants the tenant schemas T of {@code fleet}
 * @param fleetMigrations the migrations M of each tenant of {@code fleet}
 * @param fleetParallelism the tenants P migrated at once in {@code fleet}, by both sides
 * @param postgresUrl where PostgreSQL is
 */
record BenchmarkOptions(boolean quick, Set<String> workloads, List<Database> databases, int reps, int startReps,
		int warmups, List<Integer> migrateSizes, List<Integer> noopSizes, List<Integer> processSizes, int graphSize, int memorySize,
		int fleetTenants, int fleetMigrations, int fleetParallelism, String postgresUrl) {

	/**
	 * Every workload, in the order they run.
	 */
	static final List<String> WORKLOADS = List.of("migrate", "noop", "process", "rollback-all", "status", "memory",
			"spring-start", "starter-cost", "autogenerate", "fleet");

	static final String USAGE = """
			Usage: java -jar migration-benchmarks.jar [options]
			  --quick                 smoke run: tiny N, 1 repetition, no warm-up
			  --only a,b              workloads among migrate,noop,process,rollback-all,status,memory,
			                          spring-start,starter-cost,autogenerate,fleet (default all)
			  --db a,b                postgresql,duckdb (default both)
			  --reps N                measured runs per figure (default 5)
			  --start-reps N          measured runs a side of spring-start and starter-cost (default 11)
			  --warmups N             unmeasured rounds first (default 1)
			  --migrate-n a,b         N for migrate and rollback-all (default 100,1000)
			  --noop-n a,b            N for noop (default 1000,5000)
			  --process-n a,b         N for process, a whole process's migrate (default 10,300)
			  --graph-n N             revisions for status and planning (default 10000)
			  --memory-n N            N for peak memory (default 1000)
			  --fleet-t T             tenant schemas for fleet, PostgreSQL only (default 1000)
			  --fleet-m M             migrations per tenant for fleet (default 20)
			  --fleet-p P             tenants migrated at once in fleet, both sides (default 4)
			PostgreSQL: -Dmigration.test.postgres.url=... or MIGRATION_TEST_POSTGRES_URL,
			default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres""";

	BenchmarkOptions {
		workloads = Set.copyOf(workloads);
		databases = List.copyOf(databases);
		migrateSizes = List.copyOf(migrateSizes);
		noopSizes = List.copyOf(noopSizes);
		processSizes = List.copyOf(processSizes);
		if (reps < 1 || startReps < 1 || warmups < 0) {
			throw new IllegalArgumentException(
					"--reps and --start-reps must be at least 1 and --warmups at least 0");
		}
		if (fleetTenants < 1 || fleetMigrations < 1 || fleetParallelism < 1) {
			throw new IllegalArgumentException("--fleet-t, --fleet-m and --fleet-p must be at least 1");
		}
	}

	static BenchmarkOptions parse(String... args) {
		boolean quick = Arrays.asList(args).contains("--quick");
		Set<String> workloads = new LinkedHashSet<>(WORKLOADS);
		List<Database> databases = List.of(Database.POSTGRESQL, Database.DUCKDB);
		int reps = quick ? 1 : 5;
		int startReps = quick ? 1 : 11;
		int warmups = quick ? 0 : 1;
		List<Integer> migrateSizes = quick ? List.of(5, 10) : List.of(100, 1000);
		List<Integer> noopSizes = quick ? List.of(5, 10) : List.of(1000, 5000);
		// In a smoke run apart from memory's size, whose fresh JVMs make rows of the same name.
		List<Integer> processSizes = quick ? List.of(3) : List.of(10, 300);
		int graphSize = quick ? 200 : 10_000;
		int memorySize = quick ? 5 : 1000;
		int fleetTenants = quick ? 3 : 1000;
		int fleetMigrations = quick ? 2 : 20;
		int fleetParallelism = quick ? 2 : 4;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (option.equals("--quick")) {
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Unknown option or missing value: " + option + "\n" + USAGE);
			}
			String value = args[++i];
			switch (option) {
				case "--only" -> workloads = workloads(value);
				case "--db" -> databases = Arrays.stream(value.split(",")).map(Database::of).distinct().toList();
				case "--reps" -> reps = Integer.parseInt(value);
				case "--start-reps" -> startReps = Integer.parseInt(value);
				case "--warmups" -> warmups = Integer.parseInt(value);
				case "--migrate-n" -> migrateSizes = sizes(value);
				case "--noop-n" -> noopSizes = sizes(value);
				case "--process-n" -> processSizes = sizes(value);
				case "--graph-n" -> graphSize = Integer.parseInt(value);
				case "--memory-n" -> memorySize = Integer.parseInt(value);
				case "--fleet-t" -> fleetTenants = Integer.parseInt(value);
				case "--fleet-m" -> fleetMigrations = Integer.parseInt(value);
				case "--fleet-p" -> fleetParallelism = Integer.parseInt(value);
				default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
			}
		}
		return new BenchmarkOptions(quick, workloads, databases, reps, startReps, warmups, migrateSizes, noopSizes,
				processSizes, graphSize, memorySize, fleetTenants, fleetMigrations, fleetParallelism, defaultPostgresUrl());
	}

	boolean runs(String workload) {
		return this.workloads.contains(workload);
	}

	private static Set<String> workloads(String value) {
		Set<String> workloads = new LinkedHashSet<>();
		for (String workload : value.split(",")) {
			if (!WORKLOADS.contains(workload.strip())) {
				throw new IllegalArgumentException("Unknown workload '" + workload + "': use " + WORKLOADS);
			}
			workloads.add(workload.strip());
		}
		return workloads;
	}

	private static List<Integer> sizes(String value) {
		List<Integer> sizes = new ArrayList<>();
		for (String size : value.split(",")) {
			sizes.add(Integer.parseInt(size.strip()));
		}
		return sizes.stream().sorted().toList();
	}

	private static String defaultPostgresUrl() {
		String url = System.getProperty("migration.test.postgres.url");
		if (url == null || url.isBlank()) {
			url = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		}
		return (url == null || url.isBlank()) ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres" : url;
	}

}
