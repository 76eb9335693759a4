package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.migration.MigrationManager;

/**
 * {@code noop}: the cost every application start pays when everything is applied. Each
 * run is a fresh JVM timing itself from {@code main} to done: the engine's
 * {@code migrate()} finding nothing to do, against the floor's connect, list the
 * script files and read the applied state in one query. The workspace is brought to
 * head once, with {@code stamp("head")}: the start reads the history only, not the
 * tables.
 */
final class NoopBenchmark {

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final Database database;

	private final Path directory;

	private final ChildJvm jvm = new ChildJvm();

	NoopBenchmark(BenchmarkOptions options, Corpora corpora, Database database, Path directory) {
		this.options = options;
		this.corpora = corpora;
		this.database = database;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		List<ResultRow> rows = new ArrayList<>();
		List<Integer> sizes = this.options.noopSizes();
		List<Timings> ours = new ArrayList<>();
		for (int size : sizes) {
			ScriptSet scripts = this.corpora.chain(size);
			try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
				MigrationManager.create(workspace.dataSource(), workspace.configuration(scripts.directory()))
					.stamp("head");
				List<Long> oursTimes = new ArrayList<>();
				List<Long> floorTimes = new ArrayList<>();
				String label = "noop " + this.database.label() + " N=" + size;
				for (int i = 0; i < this.options.warmups(); i++) {
					Progress.report(label + " warm-up " + (i + 1) + "/" + this.options.warmups());
					start("floor", scripts, workspace);
					start("ours", scripts, workspace);
				}
				for (int i = 0; i < this.options.reps(); i++) {
					Progress.report(label + " run " + (i + 1) + "/" + this.options.reps());
					if (i % 2 == 0) {
						floorTimes.add(start("floor", scripts, workspace));
						oursTimes.add(start("ours", scripts, workspace));
					}
					else {
						oursTimes.add(start("ours", scripts, workspace));
						floorTimes.add(start("floor", scripts, workspace));
					}
				}
				Timings oursTimings = new Timings(oursTimes);
				Timings floorTimings = new Timings(floorTimes);
				ours.add(oursTimings);
				ResultRow row = ResultRow.info("noop (fresh JVM)", this.database.label(), String.valueOf(size),
						Figure.millis(oursTimings), Figure.millis(floorTimings));
				double overhead = (oursTimings.median() - floorTimings.median()) / 1e6;
				String target = String.format(Locale.ROOT, "floor + 60 ms (%+.1f)", overhead);
				rows.add((size == sizes.get(0)) ? row.withTarget(target, overhead <= 60) : row);
			}
		}
		if (sizes.size() > 1) {
			rows.add(MigrateBenchmark.scaling("noop scaling", this.database.label(), sizes, ours, 1.0));
		}
		return rows;
	}

	private long start(String runner, ScriptSet scripts, Workspace workspace) throws Exception {
		ChildRun.Report report = this.jvm.run(ChildJvm.START_OPTIONS, "noop", runner, scripts.directory(), workspace);
		MigrateBenchmark.expect(report.count(), 0, "migrations pending or applied at a no-op start by " + runner);
		return report.nanos();
	}

}
