package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.migration.MigrationManager;
import dev.migration.MigrationStatus;

/**
 * {@code status} with a large revision graph of branches and merges, in-process, with
 * about half of it applied (stamped, outside the clock). Timed: {@code status()} on a
 * new manager, which loads and parses every script ("cold"), and on a manager that has
 * them already ("warm"). There is no floor: the target is absolute.
 */
final class StatusBenchmark {

	/**
	 * The target of planning and status, in milliseconds.
	 */
	static final double LIMIT_MILLIS = 200;

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final Database database;

	private final Path directory;

	StatusBenchmark(BenchmarkOptions options, Corpora corpora, Database database, Path directory) {
		this.options = options;
		this.corpora = corpora;
		this.database = database;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		ScriptSet scripts = this.corpora.branched(this.options.graphSize());
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			MigrationManager stamper = MigrationManager.create(workspace.dataSource(),
					workspace.configuration(scripts.directory()));
			int applied = stamper.stamp(scripts.middle()).migrations().size();
			int pending = scripts.size() - applied;
			List<Long> cold = new ArrayList<>();
			List<Long> warm = new ArrayList<>();
			MigrationManager loaded = MigrationManager.create(workspace.dataSource(),
					workspace.configuration(scripts.directory()));
			check(loaded.status(), pending);
			String label = "status " + this.database.label() + " N=" + scripts.size();
			for (int i = 0; i < this.options.warmups() + this.options.reps(); i++) {
				boolean measured = i >= this.options.warmups();
				Progress.report(label + (measured ? " run " : " warm-up ") + (i + 1));
				long start = System.nanoTime();
				MigrationStatus status = MigrationManager
					.create(workspace.dataSource(), workspace.configuration(scripts.directory()))
					.status();
				long coldTime = System.nanoTime() - start;
				check(status, pending);
				start = System.nanoTime();
				status = loaded.status();
				long warmTime = System.nanoTime() - start;
				check(status, pending);
				if (measured) {
					cold.add(coldTime);
					warm.add(warmTime);
				}
			}
			String size = String.valueOf(scripts.size());
			return List.of(limited("status (new manager)", size, new Timings(cold)),
					limited("status (scripts loaded)", size, new Timings(warm)));
		}
	}

	private ResultRow limited(String workload, String size, Timings timings) {
		Figure figure = Figure.millis(timings);
		return ResultRow.info(workload, this.database.label(), size, figure, null)
			.withTarget(String.format(Locale.ROOT, "< %.0f ms", LIMIT_MILLIS), figure.value() < LIMIT_MILLIS);
	}

	private static void check(MigrationStatus status, int pending) {
		MigrateBenchmark.expect(status.pending().size(), pending, "pending migrations in status");
		if (status.headRevisions().size() != 1) {
			throw new IllegalStateException("Expected one head but found " + status.headRevisions());
		}
	}

}
