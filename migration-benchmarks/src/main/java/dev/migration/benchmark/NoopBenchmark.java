package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.migration.MigrationManager;

/**
 * {@code noop}: the cost every application start pays when everything is applied. Each
 * run is a fresh JVM timing itself from {@code main} to done: the engine's
 * {@code migrate()} finding nothing to do, against the floor's connect, list the
 * script files and read the applied state in one query. The workspace is brought to
 * head once, with {@code stamp("head")}: the start reads the history only, not the
 * tables. On PostgreSQL the anchors take their turn, each in its own workspace brought
 * to head once by its own migrate (neither has a stamp of every migration).
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
			AnchorScripts anchorScripts = this.corpora.anchors(size);
			Map<Anchor, Workspace> anchors = new LinkedHashMap<>();
			Map<Anchor, Throwable> failures = new EnumMap<>(Anchor.class);
			Map<Anchor, List<Long>> anchorTimes = new EnumMap<>(Anchor.class);
			try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
				MigrationManager.create(workspace.dataSource(), workspace.configuration(scripts.directory()))
					.stamp("head");
				if (this.database == Database.POSTGRESQL) {
					for (Anchor anchor : Anchor.values()) {
						Workspace own = Workspace.create(this.database, this.options.postgresUrl(), this.directory);
						anchors.put(anchor, own);
						anchorTimes.put(anchor, new ArrayList<>());
						try {
							anchor.migrate(own.dataSource(), own.schema(), anchorScripts);
						}
						catch (Exception ex) {
							fail(anchor, ex, failures);
						}
					}
				}
				List<Long> oursTimes = new ArrayList<>();
				List<Long> floorTimes = new ArrayList<>();
				String label = "noop " + this.database.label() + " N=" + size;
				for (int i = 0; i < this.options.warmups(); i++) {
					Progress.report(label + " warm-up " + (i + 1) + "/" + this.options.warmups());
					start("floor", scripts, workspace);
					start("ours", scripts, workspace);
					for (Anchor anchor : anchors.keySet()) {
						anchorStart(anchor, anchorScripts, anchors.get(anchor), failures);
					}
				}
				for (int i = 0; i < this.options.reps(); i++) {
					Progress.report(label + " run " + (i + 1) + "/" + this.options.reps());
					List<Object> sides = new ArrayList<>(List.of("floor", "ours"));
					sides.addAll(anchors.keySet());
					for (int turn = 0; turn < sides.size(); turn++) {
						Object side = sides.get((i + turn) % sides.size());
						if (side.equals("floor")) {
							floorTimes.add(start("floor", scripts, workspace));
						}
						else if (side.equals("ours")) {
							oursTimes.add(start("ours", scripts, workspace));
						}
						else {
							Anchor anchor = (Anchor) side;
							Long time = anchorStart(anchor, anchorScripts, anchors.get(anchor), failures);
							if (time != null) {
								anchorTimes.get(anchor).add(time);
							}
						}
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
				for (Anchor anchor : anchors.keySet()) {
					AnchorOutcome outcome = failures.containsKey(anchor)
							? AnchorOutcome.failed(anchor, failures.get(anchor))
							: AnchorOutcome.measured(anchor, anchorTimes.get(anchor));
					rows.add(outcome.row("noop (fresh JVM)", this.database.label(), String.valueOf(size), row.ours(),
							row.floor(), Figure::millis));
				}
			}
			finally {
				for (Workspace own : anchors.values()) {
					own.close();
				}
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

	/**
	 * An anchor's no-op start, {@code null} once it has failed.
	 */
	private Long anchorStart(Anchor anchor, AnchorScripts scripts, Workspace workspace,
			Map<Anchor, Throwable> failures) {
		if (failures.containsKey(anchor)) {
			return null;
		}
		try {
			ChildRun.Report report = this.jvm.run(ChildJvm.START_OPTIONS, "noop", anchor.label(),
					scripts.directory(), workspace);
			MigrateBenchmark.expect(report.count(), 0, "migrations applied at a no-op start by " + anchor.label());
			return report.nanos();
		}
		catch (Exception ex) {
			fail(anchor, ex, failures);
			return null;
		}
	}

	private void fail(Anchor anchor, Exception ex, Map<Anchor, Throwable> failures) {
		Progress.report(anchor.label() + " failed on " + this.database.label() + ": " + AnchorOutcome.describe(ex));
		failures.put(anchor, ex);
	}

}
