package dev.migration.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.migration.FleetOptions;
import dev.migration.FleetResult;
import dev.migration.FleetStatus;
import dev.migration.MigrationConfiguration;
import dev.migration.TenantFleet;

/**
 * {@code fleet}, on PostgreSQL only: T tenant schemas of M migrations each, P tenants at
 * once. The engine's {@link TenantFleet#migrate()} against a floor of plain JDBC that
 * creates each schema and runs the same statements in it, one transaction per
 * migration, on a fixed pool of P threads; then, over T tenants at head, the time of a
 * {@link TenantFleet#status()} and of a second {@code migrate()} with nothing pending,
 * and the peak heap of that no-op in a fresh JVM for T/10 and T tenants. Every run gets
 * new schemas, dropped (and the catalog vacuumed) outside the clock.
 */
final class FleetBenchmark {

	private static final double RATIO_LIMIT = 1.20;

	private static final long NOOP_LIMIT_NANOS = 2_000_000_000L;

	private static final double MEMORY_GROWTH_LIMIT = 1.50;

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final DataSource dataSource;

	private final ChildJvm jvm = new ChildJvm();

	FleetBenchmark(BenchmarkOptions options, Corpora corpora) {
		this.options = options;
		this.corpora = corpora;
		this.dataSource = new UnpooledDataSource(Database.POSTGRESQL.driver(), options.postgresUrl());
	}

	List<ResultRow> run() throws Exception {
		int tenants = this.options.fleetTenants();
		int migrations = this.options.fleetMigrations();
		ScriptSet scripts = this.corpora.chain(migrations);
		String size = tenants + "x" + migrations + " P=" + this.options.fleetParallelism();
		List<Long> ours = new ArrayList<>();
		List<Long> floor = new ArrayList<>();
		for (int i = 0; i < this.options.warmups(); i++) {
			Progress.report("fleet " + size + " warm-up " + (i + 1) + "/" + this.options.warmups());
			once(true, scripts);
			once(false, scripts);
		}
		for (int i = 0; i < this.options.reps(); i++) {
			Progress.report("fleet " + size + " run " + (i + 1) + "/" + this.options.reps());
			boolean floorFirst = (i % 2 == 0);
			(floorFirst ? floor : ours).add(once(!floorFirst, scripts));
			(floorFirst ? ours : floor).add(once(floorFirst, scripts));
		}
		List<ResultRow> rows = new ArrayList<>();
		rows.addAll(counted(scripts, Math.min(tenants, 10)));
		ResultRow migrate = ResultRow.info("fleet migrate", "postgresql", size, Figure.millis(new Timings(ours)),
				Figure.millis(new Timings(floor)));
		rows.add(migrate.withTarget(String.format(Locale.ROOT, "<= %.2fx", RATIO_LIMIT),
				migrate.ratio() <= RATIO_LIMIT));
		rows.addAll(noop(scripts, tenants));
		return rows;
	}

	/**
	 * What each side sends per tenant, counted on an untimed run of a few tenants.
	 */
	private List<ResultRow> counted(ScriptSet scripts, int tenants) throws Exception {
		StatementCounter ours = new StatementCounter();
		StatementCounter floor = new StatementCounter();
		once(true, scripts, tenants, ours);
		once(false, scripts, tenants, floor);
		String size = tenants + "x" + scripts.size();
		return List.of(
				ResultRow.info("fleet statements/tenant", "postgresql", size,
						Figure.count((double) ours.total() / tenants), Figure.count((double) floor.total() / tenants)),
				ResultRow.info("fleet connections/tenant", "postgresql", size,
						Figure.count((double) ours.connections() / tenants),
						Figure.count((double) floor.connections() / tenants)));
	}

	private long once(boolean engine, ScriptSet scripts) throws Exception {
		return once(engine, scripts, this.options.fleetTenants(), null);
	}

	/**
	 * One timed migrate of new tenants by one side, checked and dropped afterwards.
	 */
	private long once(boolean engine, ScriptSet scripts, int tenants, StatementCounter counter) throws Exception {
		List<String> schemas = schemas(tenants);
		DataSource dataSource = (counter != null) ? counter.wrap(this.dataSource) : this.dataSource;
		settle();
		try {
			long start = System.nanoTime();
			if (engine) {
				FleetResult result = fleet(dataSource, scripts.directory(), schemas, this.options.fleetParallelism())
					.migrate();
				MigrateBenchmark.expect(result.count(FleetResult.Outcome.MIGRATED), schemas.size(),
						"tenants migrated by the engine" + (result.hasFailures()
								? " (first failure: " + result.failed().get(0).error() + ")" : ""));
			}
			else {
				List<List<String>> upgrades = FloorRunner.upgrades(scripts.directory());
				List<Integer> counts = inParallel(schemas,
						(schema) -> new FloorRunner(dataSource, schema).createSchemaAndMigrate(upgrades));
				MigrateBenchmark.expect(counts.stream().mapToInt(Integer::intValue).sum(),
						schemas.size() * scripts.size(), "migrations run by the floor");
			}
			long elapsed = System.nanoTime() - start;
			MigrateBenchmark.expect(scriptTables(schemas), schemas.size() * scripts.tables(),
					"tables in the tenants' schemas");
			return elapsed;
		}
		finally {
			drop(schemas);
		}
	}

	/**
	 * A start over T tenants at head: {@code status()} and a second {@code migrate()},
	 * in-process on a new fleet each time; the peak heap of the no-op in a fresh JVM.
	 */
	private List<ResultRow> noop(ScriptSet scripts, int tenants) throws Exception {
		List<String> schemas = schemas(tenants);
		try {
			Progress.report("fleet no-op T=" + tenants + ": migrating the tenants to head");
			FleetResult first = fleet(scripts, schemas).migrate();
			MigrateBenchmark.expect(first.count(FleetResult.Outcome.MIGRATED), tenants, "tenants migrated");
			List<Long> statusTimes = new ArrayList<>();
			List<Long> migrateTimes = new ArrayList<>();
			for (int i = -this.options.warmups(); i < this.options.reps(); i++) {
				Progress.report("fleet no-op T=" + tenants + " run " + (i + 1) + "/" + this.options.reps());
				long start = System.nanoTime();
				FleetStatus status = fleet(scripts, schemas).status();
				long statusTime = System.nanoTime() - start;
				MigrateBenchmark.expect(status.upToDate(), tenants, "tenants up to date");
				start = System.nanoTime();
				FleetResult again = fleet(scripts, schemas).migrate();
				long migrateTime = System.nanoTime() - start;
				MigrateBenchmark.expect(again.count(FleetResult.Outcome.UP_TO_DATE), tenants, "tenants up to date");
				if (i >= 0) {
					statusTimes.add(statusTime);
					migrateTimes.add(migrateTime);
				}
			}
			String target = String.format(Locale.ROOT, "<= %d s", NOOP_LIMIT_NANOS / 1_000_000_000L);
			String size = tenants + "x" + scripts.size() + " P=" + this.options.fleetParallelism();
			Timings status = new Timings(statusTimes);
			Timings migrate = new Timings(migrateTimes);
			List<ResultRow> rows = new ArrayList<>();
			rows.add(ResultRow.info("fleet status (up to date)", "postgresql", size, Figure.millis(status), null)
				.withTarget(target, status.median() <= NOOP_LIMIT_NANOS));
			rows.add(ResultRow.info("fleet migrate (nothing pending)", "postgresql", size, Figure.millis(migrate), null)
				.withTarget(target, migrate.median() <= NOOP_LIMIT_NANOS));
			rows.add(peakHeap(scripts, schemas));
			return rows;
		}
		finally {
			drop(schemas);
		}
	}

	/**
	 * The peak heap of a no-op fleet migrate in a fresh JVM for T tenants against a tenth
	 * of them: memory must not grow with the tenants.
	 */
	private ResultRow peakHeap(ScriptSet scripts, List<String> schemas) throws Exception {
		int all = schemas.size();
		int tenth = Math.max(1, all / 10);
		List<Long> large = new ArrayList<>();
		List<Long> small = new ArrayList<>();
		for (int i = 0; i < this.options.reps(); i++) {
			Progress.report("fleet peak heap T=" + tenth + "," + all + " run " + (i + 1) + "/" + this.options.reps());
			for (int count : (i % 2 == 0) ? List.of(tenth, all) : List.of(all, tenth)) {
				ChildRun.Report report = this.jvm.runFleet(ChildJvm.MEMORY_OPTIONS, scripts.directory(),
						this.options.postgresUrl(), schemas.subList(0, count), this.options.fleetParallelism());
				MigrateBenchmark.expect(report.count(), count, "tenants up to date in the child JVM");
				((count == all) ? large : small).add(report.peakHeap());
			}
		}
		ResultRow row = ResultRow.info("fleet peak heap, no-op (fresh JVM)", "postgresql", tenth + "->" + all,
				Figure.megabytes(new Timings(large)), Figure.megabytes(new Timings(small)));
		return row.withTarget(String.format(Locale.ROOT, "<= %.2fx (T=%d)", MEMORY_GROWTH_LIMIT, tenth),
				row.ratio() <= MEMORY_GROWTH_LIMIT);
	}

	private TenantFleet fleet(ScriptSet scripts, List<String> schemas) {
		return fleet(this.dataSource, scripts.directory(), schemas, this.options.fleetParallelism());
	}

	static TenantFleet fleet(DataSource dataSource, Path scripts, List<String> schemas, int parallelism) {
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.locations("filesystem:" + scripts.toAbsolutePath())
			.build();
		return TenantFleet.create(dataSource, configuration, schemas, FleetOptions.defaults().withParallelism(parallelism));
	}

	private static List<String> schemas(int count) {
		String prefix = "fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
		List<String> schemas = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			schemas.add(prefix + String.format("%05d", i));
		}
		return schemas;
	}

	private int scriptTables(List<String> schemas) throws SQLException {
		String prefix = schemas.get(0).substring(0, schemas.get(0).lastIndexOf('_') + 1);
		String sql = "SELECT count(*) FROM pg_catalog.pg_tables WHERE starts_with(schemaname, '" + prefix
				+ "') AND tablename NOT LIKE 'migration_history%'";
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Drops the tenants' schemas, P at a time (one transaction each: all at once would
	 * need more locks than a server allows in one transaction).
	 */
	private void drop(List<String> schemas) throws Exception {
		Progress.report("fleet: dropping " + schemas.size() + " schema(s)");
		inParallel(schemas, (schema) -> {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
			return 1;
		});
	}

	/**
	 * Vacuums the catalog and checkpoints before a timed run, as {@link Workspace} does,
	 * so that neither side pays for the other's dropped tenants.
	 */
	private void settle() throws Exception {
		try (Workspace workspace = Workspace.create(Database.POSTGRESQL, this.options.postgresUrl(), Path.of("."))) {
			// Created and dropped only to settle the database.
		}
	}

	private <T> List<T> inParallel(List<String> schemas, SchemaTask<T> task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(this.options.fleetParallelism());
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (String schema : schemas) {
				futures.add(executor.submit(() -> task.apply(schema)));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Work on one tenant's schema.
	 */
	@FunctionalInterface
	private interface SchemaTask<T> {

		T apply(String schema) throws Exception;

	}

}
