package dev.migration.benchmark;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.migration.MigrationManager;
import dev.migration.MigrationResult;

/**
 * {@code migrate}: N generated migrations from an empty workspace, in-process, the
 * engine against the floor and the anchors; with the statements the engine and the
 * floor send per migration and how the time grows with N.
 */
final class MigrateBenchmark {

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final PairedRuns runs;

	private final Database database;

	MigrateBenchmark(BenchmarkOptions options, Corpora corpora, PairedRuns runs, Database database) {
		this.options = options;
		this.corpora = corpora;
		this.runs = runs;
		this.database = database;
	}

	List<ResultRow> run() throws Exception {
		List<ResultRow> rows = new ArrayList<>();
		List<Integer> sizes = this.options.migrateSizes();
		List<Timings> ours = new ArrayList<>();
		List<Timings> floors = new ArrayList<>();
		List<PairedRuns.Outcome> outcomes = new ArrayList<>();
		for (int size : sizes) {
			ScriptSet scripts = this.corpora.chain(size);
			Contender.Step check = (workspace, dataSource) -> expectTables(workspace, scripts.tables());
			Contender engine = Contender.of((workspace, dataSource) -> {
			}, (workspace, dataSource) -> {
				MigrationResult result = MigrationManager
					.create(dataSource, workspace.configuration(scripts.directory()))
					.migrate();
				expect(result.migrations().size(), size, "migrations applied by the engine");
			}, check);
			Contender floor = Contender.of((workspace, dataSource) -> {
			}, (workspace, dataSource) -> expect(
					new FloorRunner(dataSource, workspace.schema()).migrate(scripts.directory()), size,
					"migrations run by the floor"), check);
			AnchorScripts anchorScripts = this.corpora.anchors(size);
			Map<Anchor, Contender> anchors = new EnumMap<>(Anchor.class);
			for (Anchor anchor : anchorsAt(this.options, size)) {
				anchors.put(anchor, Contender.of((workspace, dataSource) -> {
				}, (workspace, dataSource) -> expect(anchor.migrate(dataSource, workspace.schema(), anchorScripts),
						size, "migrations applied by " + anchor.label()), check));
			}
			PairedRuns.Outcome outcome = this.runs.run("migrate " + this.database.label() + " N=" + size, engine,
					floor, anchors);
			ours.add(outcome.ours());
			floors.add(outcome.floor());
			outcomes.add(outcome);
			String db = this.database.label();
			ResultRow time = ResultRow.info("migrate", db, String.valueOf(size), Figure.millis(outcome.ours()),
					Figure.millis(outcome.floor()));
			// DuckDB's limit allows for the one history row each migration commits, which DuckDB makes dear.
			double limit = (this.database == Database.POSTGRESQL) ? 1.10 : 1.30;
			rows.add((size == sizes.get(sizes.size() - 1))
					? time.withTarget(String.format(Locale.ROOT, "<= %.2fx", limit), time.ratio() <= limit) : time);
			for (AnchorOutcome anchor : outcome.anchors()) {
				rows.add(anchor.row("migrate", db, String.valueOf(size), time.ours(), time.floor(), Figure::millis));
			}
			ResultRow statements = ResultRow.info("statements/migration", db, String.valueOf(size),
					Figure.count((double) outcome.oursStatements() / size),
					Figure.count((double) outcome.floorStatements() / size));
			rows.add((this.database == Database.POSTGRESQL && size == sizes.get(sizes.size() - 1))
					? statements.withTarget("ours <= 5", statements.ours().value() <= 5) : statements);
		}
		if (sizes.size() > 1) {
			rows.add(scaling("migrate scaling", this.database.label(), sizes, ours, 1.10));
			rows.add(growth("migrate scaling (floor's own)", this.database.label(), sizes, floors));
			rows.add(marginalStatements(sizes, outcomes));
		}
		return rows;
	}

	/**
	 * The anchors that take part at a size: all of them, but in a smoke run only at the
	 * largest size, which is enough to show that they run.
	 */
	static List<Anchor> anchorsAt(BenchmarkOptions options, int size) {
		List<Integer> sizes = options.migrateSizes();
		return (!options.quick() || size == sizes.get(sizes.size() - 1)) ? List.of(Anchor.values()) : List.of();
	}

	/**
	 * The statements each further migration costs, the fixed cost of a run aside: the
	 * difference between the largest and the smallest N.
	 */
	private ResultRow marginalStatements(List<Integer> sizes, List<PairedRuns.Outcome> outcomes) {
		int small = sizes.get(0);
		int large = sizes.get(sizes.size() - 1);
		PairedRuns.Outcome first = outcomes.get(0);
		PairedRuns.Outcome last = outcomes.get(outcomes.size() - 1);
		double ours = (double) (last.oursStatements() - first.oursStatements()) / (large - small);
		double floor = (double) (last.floorStatements() - first.floorStatements()) / (large - small);
		ResultRow row = ResultRow.info("statements/migration (marginal)", this.database.label(),
				small + "->" + large, Figure.count(ours), Figure.count(floor));
		return (this.database == Database.POSTGRESQL) ? row.withTarget("ours <= 5", ours <= 5) : row;
	}

	/**
	 * How the engine's time grows from the smallest N to the largest, against N's growth
	 * times a tolerance.
	 */
	static ResultRow scaling(String workload, String database, List<Integer> sizes, List<Timings> ours,
			double tolerance) {
		int small = sizes.get(0);
		double limit = tolerance * sizes.get(sizes.size() - 1) / small;
		ResultRow row = growth(workload, database, sizes, ours);
		return row.withTarget(String.format(Locale.ROOT, "<= %.1fx (N=%d)", limit, small), row.ratio() <= limit);
	}

	/**
	 * How a side's time grows from the smallest N to the largest, for information: the
	 * floor's own growth shows what the database adds as it fills (PostgreSQL's catalog
	 * grows with every table), which the engine's scaling cannot beat.
	 */
	static ResultRow growth(String workload, String database, List<Integer> sizes, List<Timings> times) {
		int small = sizes.get(0);
		int large = sizes.get(sizes.size() - 1);
		double growth = times.get(times.size() - 1).median() / times.get(0).median();
		return new ResultRow(workload, database, small + "->" + large, Figure.millis(times.get(times.size() - 1)),
				Figure.millis(times.get(0)), growth, "", null);
	}

	static void expectTables(Workspace workspace, int tables) throws Exception {
		expect(workspace.scriptTables(), tables, "tables in the workspace");
	}

	static void expect(int actual, int expected, String what) {
		if (actual != expected) {
			throw new IllegalStateException("Expected " + expected + " " + what + " but found " + actual);
		}
	}

}
