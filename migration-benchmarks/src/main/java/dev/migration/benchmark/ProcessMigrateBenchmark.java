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
 * workspace; the engine and the floor alternate, each round starting with the other.
 */
final class ProcessMigrateBenchmark {

	/**
	 * The ratio to the floor aimed at on PostgreSQL at the largest N.
	 */
	static final double TARGET = 1.15;

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final Database database;

	private final Path directory;

	private final ChildJvm jvm = new ChildJvm();

	ProcessMigrateBenchmark(BenchmarkOptions options, Corpora corpora, Database database, Path directory) {
		this.options = options;
		this.corpora = corpora;
		this.database = database;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		List<ResultRow> rows = new ArrayList<>();
		List<Integer> sizes = this.options.processSizes();
		for (int size : sizes) {
			ScriptSet scripts = this.corpora.chain(size);
			String label = "process " + this.database.label() + " N=" + size;
			for (int i = 0; i < this.options.warmups(); i++) {
				Progress.report(label + " warm-up " + (i + 1) + "/" + this.options.warmups());
				migrate("floor", scripts);
				migrate("ours", scripts);
			}
			List<Long> ours = new ArrayList<>();
			List<Long> floor = new ArrayList<>();
			for (int i = 0; i < this.options.reps(); i++) {
				Progress.report(label + " run " + (i + 1) + "/" + this.options.reps());
				boolean oursFirst = (i % 2) == 1;
				if (oursFirst) {
					ours.add(migrate("ours", scripts));
				}
				floor.add(migrate("floor", scripts));
				if (!oursFirst) {
					ours.add(migrate("ours", scripts));
				}
			}
			ResultRow row = ResultRow.info("migrate (fresh JVM)", this.database.label(), String.valueOf(size),
					Figure.millis(new Timings(ours)), Figure.millis(new Timings(floor)));
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
