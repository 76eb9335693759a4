package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Runs the engine, the floor and the anchors in turn, in-process, each run on a fresh
 * workspace created and dropped outside the clock. The first round counts the engine's
 * and the floor's statements through a {@link StatementCounter} and is not timed; it is
 * the first warm-up round. Each measured round starts with a different side. An anchor
 * that fails is dropped from the rounds after it and reported with its error; the
 * engine or the floor failing stops the run.
 */
final class PairedRuns {

	private final BenchmarkOptions options;

	private final Database database;

	private final Path directory;

	PairedRuns(BenchmarkOptions options, Database database, Path directory) {
		this.options = options;
		this.database = database;
		this.directory = directory;
	}

	Outcome run(String label, Contender ours, Contender floor) throws Exception {
		return run(label, ours, floor, Map.of());
	}

	Outcome run(String label, Contender ours, Contender floor, Map<Anchor, Contender> anchors) throws Exception {
		StatementCounter oursCounter = new StatementCounter();
		StatementCounter floorCounter = new StatementCounter();
		once(floor, floorCounter);
		once(ours, oursCounter);
		Map<Anchor, Contender> running = new LinkedHashMap<>(anchors);
		Map<Anchor, Throwable> failures = new LinkedHashMap<>();
		Map<Anchor, List<Long>> anchorTimes = new LinkedHashMap<>();
		for (Anchor anchor : anchors.keySet()) {
			anchorTimes.put(anchor, new ArrayList<>());
			anchorOnce(anchor, running, failures);
		}
		for (int i = 1; i < this.options.warmups(); i++) {
			once(floor, null);
			once(ours, null);
			for (Anchor anchor : List.copyOf(running.keySet())) {
				anchorOnce(anchor, running, failures);
			}
		}
		List<Long> oursTimes = new ArrayList<>();
		List<Long> floorTimes = new ArrayList<>();
		for (int i = 0; i < this.options.reps(); i++) {
			Progress.report(label + " run " + (i + 1) + "/" + this.options.reps());
			List<Object> sides = new ArrayList<>(List.of("floor", "ours"));
			sides.addAll(running.keySet());
			for (int turn = 0; turn < sides.size(); turn++) {
				Object side = sides.get((i + turn) % sides.size());
				if (side.equals("floor")) {
					floorTimes.add(once(floor, null));
				}
				else if (side.equals("ours")) {
					oursTimes.add(once(ours, null));
				}
				else {
					Anchor anchor = (Anchor) side;
					Long time = anchorOnce(anchor, running, failures);
					if (time != null) {
						anchorTimes.get(anchor).add(time);
					}
				}
			}
		}
		List<AnchorOutcome> outcomes = new ArrayList<>();
		for (Anchor anchor : anchors.keySet()) {
			outcomes.add(failures.containsKey(anchor) ? AnchorOutcome.failed(anchor, failures.get(anchor))
					: AnchorOutcome.measured(anchor, anchorTimes.get(anchor)));
		}
		return new Outcome(new Timings(oursTimes), new Timings(floorTimes), oursCounter.total(),
				floorCounter.total(), outcomes);
	}

	private Long anchorOnce(Anchor anchor, Map<Anchor, Contender> running, Map<Anchor, Throwable> failures) {
		Contender contender = running.get(anchor);
		if (contender == null) {
			return null;
		}
		try {
			return once(contender, null);
		}
		catch (Exception ex) {
			Progress.report(anchor.label() + " failed on " + this.database.label() + ": " + AnchorOutcome.describe(ex));
			running.remove(anchor);
			failures.put(anchor, ex);
			return null;
		}
	}

	private long once(Contender contender, StatementCounter counter) throws Exception {
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			DataSource plain = workspace.dataSource();
			contender.prepare().apply(workspace, plain);
			DataSource timed = (counter != null) ? counter.wrap(plain) : plain;
			long start = System.nanoTime();
			contender.run().apply(workspace, timed);
			long elapsed = System.nanoTime() - start;
			contender.check().apply(workspace, plain);
			return elapsed;
		}
	}

	/**
	 * What one comparison measured.
	 *
	 * @param ours the engine's times
	 * @param floor the floor's times
	 * @param oursStatements statements the engine sent in one run
	 * @param floorStatements statements the floor sent in one run
	 * @param anchors what each anchor measured, or why it could not
	 */
	record Outcome(Timings ours, Timings floor, long oursStatements, long floorStatements,
			List<AnchorOutcome> anchors) {

		Outcome {
			anchors = List.copyOf(anchors);
		}

	}

}
