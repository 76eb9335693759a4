package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code process}: a whole process's first migrate at small N, the size most runs
 * apply, where the fixed cost of a migrate (class loading, the first connection, the
 * history tables' creation, the lock, the first statements' preparation) weighs most.
 * Each run is a fresh JVM with the same options for both sides ({@link ChildJvm#START_OPTIONS}),
 * timed from its {@code main} to done, migrating N generated migrations into an empty
 * workspace; the engine and the floor alternate ({@link PairedRuns#alternate}), each round
 * starting with the other.
 */
final class ProcessMigrateBenchmark {

	/**
	 * The ratio to the floor aimed at on PostgreSQL at the largest N.
	 */
	static final double TARGET = 1.15;

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final PairedRuns runs;

	private final Database database;

	private final Path directory;

	private final ChildJvm jvm = new ChildJvm();

	ProcessMigrateBenchmark(BenchmarkOptions options, Corpora corpora, PairedRuns runs, Database database,
			Path directory) {
		this.options = options;
		this.corpora = corpora;
		this.runs = runs;
		this.database = database;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		List<ResultRow> rows = new ArrayList<>();
		List<Integer> sizes = this.options.processSizes();
		for (int size : sizes) {
			ScriptSet scripts = this.corpora.chain(size);
			PairedRuns.Times times = this.runs.alternate("process " + this.database.label() + " N=" + size,
					() -> migrate("ours", scripts), () -> migrate("floor", scripts));
			ResultRow row = ResultRow.info("migrate (fresh JVM)", this.database.label(), String.valueOf(size),
					Figure.millis(times.ours()), Figure.millis(times.floor()));
			boolean targeted = this.database == Database.POSTGRESQL && size == sizes.get(sizes.size() - 1);
			rows.add(targeted ? row.withTarget(String.format(Locale.ROOT, "<= %.2fx", TARGET), row.ratio() <= TARGET)
					: row);
		}
		return rows;
	}

	private long migrate(String runner, ScriptSet scripts) throws Exception {
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			ChildRun.Report report = this.jvm.run(ChildJvm.START_OPTIONS, "start-migrate", runner,
					scripts.directory(), workspace);
			MigrateBenchmark.expect(report.count(), scripts.size(), "migrations applied by " + runner);
			MigrateBenchmark.expectTables(workspace, scripts.tables());
			return report.nanos();
		}
	}

}
