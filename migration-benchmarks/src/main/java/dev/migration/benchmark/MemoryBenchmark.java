package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code memory}: the peak heap of a {@code migrate} of N migrations from an empty
 * workspace, each run in a fresh JVM with the same {@link ChildJvm#MEMORY_OPTIONS} for
 * the engine and the floor. The same runs give the whole-process time of a migrate at
 * start.
 */
final class MemoryBenchmark {

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final Database database;

	private final Path directory;

	private final ChildJvm jvm = new ChildJvm();

	MemoryBenchmark(BenchmarkOptions options, Corpora corpora, Database database, Path directory) {
		this.options = options;
		this.corpora = corpora;
		this.database = database;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		int size = this.options.memorySize();
		ScriptSet scripts = this.corpora.chain(size);
		List<Long> oursPeaks = new ArrayList<>();
		List<Long> floorPeaks = new ArrayList<>();
		List<Long> oursTimes = new ArrayList<>();
		List<Long> floorTimes = new ArrayList<>();
		for (int i = 0; i < this.options.reps(); i++) {
			Progress.report("memory " + this.database.label() + " N=" + size + " run " + (i + 1) + "/"
					+ this.options.reps());
			for (String runner : (i % 2 == 0) ? List.of("floor", "ours") : List.of("ours", "floor")) {
				ChildRun.Report report = migrate(runner, scripts);
				(runner.equals("ours") ? oursPeaks : floorPeaks).add(report.peakHeap());
				(runner.equals("ours") ? oursTimes : floorTimes).add(report.nanos());
			}
		}
		String db = this.database.label();
		ResultRow peak = ResultRow.info("peak heap (fresh JVM)", db, String.valueOf(size),
				Figure.megabytes(new Timings(oursPeaks)), Figure.megabytes(new Timings(floorPeaks)));
		return List.of(peak.withTarget("<= 1.30x", peak.ratio() <= 1.30), ResultRow.info("migrate (fresh JVM)", db,
				String.valueOf(size), Figure.millis(new Timings(oursTimes)), Figure.millis(new Timings(floorTimes))));
	}

	private ChildRun.Report migrate(String runner, ScriptSet scripts) throws Exception {
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			ChildRun.Report report = this.jvm.run(ChildJvm.MEMORY_OPTIONS, "migrate", runner, scripts.directory(),
					workspace);
			MigrateBenchmark.expect(report.count(), scripts.size(), "migrations applied by " + runner);
			MigrateBenchmark.expectTables(workspace, scripts.tables());
			return report;
		}
	}

}
