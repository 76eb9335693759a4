package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * {@code memory}: the peak heap of a {@code migrate} of N migrations from an empty
 * workspace, each run in a fresh JVM with the same {@link ChildJvm#MEMORY_OPTIONS} for
 * every side. The same runs give the whole process's peak resident set and the
 * whole-process time of a migrate at start. On PostgreSQL the anchors take their turn
 * in the same kind of JVM.
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
		AnchorScripts anchorScripts = this.corpora.anchors(size);
		List<String> sides = new ArrayList<>(List.of("floor", "ours"));
		if (this.database == Database.POSTGRESQL) {
			for (Anchor anchor : Anchor.values()) {
				sides.add(anchor.label());
			}
		}
		Map<String, List<ChildRun.Report>> reports = new LinkedHashMap<>();
		Map<String, Throwable> failures = new LinkedHashMap<>();
		for (String side : sides) {
			reports.put(side, new ArrayList<>());
		}
		for (int i = 0; i < this.options.reps(); i++) {
			Progress.report("memory " + this.database.label() + " N=" + size + " run " + (i + 1) + "/"
					+ this.options.reps());
			for (int turn = 0; turn < sides.size(); turn++) {
				String side = sides.get((i + turn) % sides.size());
				if (failures.containsKey(side)) {
					continue;
				}
				try {
					reports.get(side).add(migrate(side, side.equals("ours") || side.equals("floor")
							? scripts.directory() : anchorScripts.directory(), scripts));
				}
				catch (Exception ex) {
					if (side.equals("ours") || side.equals("floor")) {
						throw ex;
					}
					Progress.report(side + " failed on " + this.database.label() + ": " + AnchorOutcome.describe(ex));
					failures.put(side, ex);
				}
			}
		}
		String db = this.database.label();
		String n = String.valueOf(size);
		Figure oursHeap = Figure.megabytes(measure(reports.get("ours"), ChildRun.Report::peakHeap));
		ResultRow peak = ResultRow.info("peak heap (fresh JVM)", db, n, oursHeap,
				Figure.megabytes(measure(reports.get("floor"), ChildRun.Report::peakHeap)));
		ResultRow rss = ResultRow.info("peak RSS (fresh JVM)", db, n,
				Figure.megabytes(measure(reports.get("ours"), ChildRun.Report::peakRss)),
				Figure.megabytes(measure(reports.get("floor"), ChildRun.Report::peakRss)));
		ResultRow time = ResultRow.info("migrate (fresh JVM)", db, n,
				Figure.millis(measure(reports.get("ours"), ChildRun.Report::nanos)),
				Figure.millis(measure(reports.get("floor"), ChildRun.Report::nanos)));
		List<ResultRow> rows = new ArrayList<>(List.of(peak.withTarget("<= 1.30x", peak.ratio() <= 1.30),
				rss.withTarget("<= 1.20x", rss.ratio() <= 1.20), time));
		for (Anchor anchor : Anchor.values()) {
			String side = anchor.label();
			if (!reports.containsKey(side)) {
				continue;
			}
			List<ChildRun.Report> runs = reports.get(side);
			AnchorOutcome rssOutcome = failures.containsKey(side) ? AnchorOutcome.failed(anchor, failures.get(side))
					: AnchorOutcome.measured(anchor, runs.stream().map(ChildRun.Report::peakRss).toList());
			AnchorOutcome timeOutcome = failures.containsKey(side) ? rssOutcome
					: AnchorOutcome.measured(anchor, runs.stream().map(ChildRun.Report::nanos).toList());
			rows.add(rssOutcome.row("peak RSS (fresh JVM)", db, n, rss.ours(), rss.floor(), Figure::megabytes));
			rows.add(timeOutcome.row("migrate (fresh JVM)", db, n, time.ours(), time.floor(), Figure::millis));
		}
		return rows;
	}

	private static Timings measure(List<ChildRun.Report> reports, ToLongFunction<ChildRun.Report> value) {
		return new Timings(reports.stream().map(value::applyAsLong).toList());
	}

	private ChildRun.Report migrate(String runner, Path runnerScripts, ScriptSet scripts) throws Exception {
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			ChildRun.Report report = this.jvm.run(ChildJvm.MEMORY_OPTIONS, "migrate", runner, runnerScripts,
					workspace);
			MigrateBenchmark.expect(report.count(), scripts.size(), "migrations applied by " + runner);
			MigrateBenchmark.expectTables(workspace, scripts.tables());
			return report;
		}
	}

}
