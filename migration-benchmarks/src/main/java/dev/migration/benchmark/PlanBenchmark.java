package dev.migration.benchmark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.migration.revision.MigrationPlan;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.RevisionGraph;

/**
 * Plan resolution in memory, no database: build the graph of the branched revisions,
 * plan {@code migrate("heads")} from about half applied, find the current revisions,
 * and plan {@code rollback("base")}.
 */
final class PlanBenchmark {

	private final BenchmarkOptions options;

	private final Corpora corpora;

	PlanBenchmark(BenchmarkOptions options, Corpora corpora) {
		this.options = options;
		this.corpora = corpora;
	}

	List<ResultRow> run() throws Exception {
		ScriptSet scripts = this.corpora.branched(this.options.graphSize());
		RevisionGraph reference = RevisionGraph.of(scripts.revisions());
		Set<String> applied = new HashSet<>(reference.ancestors(scripts.middle()));
		applied.add(scripts.middle());
		int expected = scripts.size() - applied.size();
		List<Long> times = new ArrayList<>();
		// In-memory work is short: warm up more than the database workloads do.
		int warmups = Math.max(3, this.options.warmups() * 5);
		int reps = Math.max(5, this.options.reps());
		for (int i = 0; i < warmups + reps; i++) {
			long start = System.nanoTime();
			RevisionGraph graph = RevisionGraph.of(scripts.revisions());
			MigrationPlanner planner = new MigrationPlanner(graph);
			MigrationPlan upgrade = planner.upgrade("heads", applied);
			Set<String> current = graph.currentRevisions(applied);
			MigrationPlan downgrade = planner.downgrade("base", applied);
			long elapsed = System.nanoTime() - start;
			MigrateBenchmark.expect(upgrade.steps().size(), expected, "steps planned up");
			MigrateBenchmark.expect(downgrade.steps().size(), applied.size(), "steps planned down");
			MigrateBenchmark.expect(current.size(), 1, "current revisions");
			if (i >= warmups) {
				times.add(elapsed);
			}
		}
		Figure figure = Figure.millis(new Timings(times));
		return List.of(ResultRow.info("plan (in memory)", "-", String.valueOf(scripts.size()), figure, null)
			.withTarget(String.format(Locale.ROOT, "< %.0f ms", StatusBenchmark.LIMIT_MILLIS),
					figure.value() < StatusBenchmark.LIMIT_MILLIS));
	}

}
