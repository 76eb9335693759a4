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
 * engine or the floor failing stops the run. Sides that time themselves, as a child JVM
 * does, {@linkplain #alternate alternate} the same way.
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

	/**
	 * Alternates two sides that time themselves, such as child JVMs reporting their own
	 * times: the warm-up rounds first, the floor then the engine, then the measured
	 * rounds, each starting with a different side.
	 * @param label what the progress reports name
	 * @param ours one run of the engine
	 * @param floor one run of the floor
	 * @return the measured times
	 */
	Times alternate(String label, TimedRun ours, TimedRun floor) throws Exception {
		for (int i = 0; i < this.options.warmups(); i++) {
			Progress.report(label + " warm-up " + (i + 1) + "/" + this.options.warmups());
			floor.nanos();
			ours.nanos();
		}
		List<Long> oursTimes = new ArrayList<>();
		List<Long> floorTimes = new ArrayList<>();
		for (int i = 0; i < this.options.reps(); i++) {
			Progress.report(label + " run " + (i + 1) + "/" + this.options.reps());
			boolean oursFirst = (i % 2) == 1;
			if (oursFirst) {
				oursTimes.add(ours.nanos());
			}
			floorTimes.add(floor.nanos());
			if (!oursFirst) {
				oursTimes.add(ours.nanos());
			}
		}
		return new Times(new Timings(oursTimes), new Timings(floorTimes));
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
	 * One run of a side that times itself.
	 */
	@FunctionalInterface
	interface TimedRun {

		/**
		 * Runs once.
		 * @return the time the run reported, in nanoseconds
		 */
		long nanos() throws Exception;

	}

	/**
	 * The measured times of two sides that timed themselves.
	 *
	 * @param ours the engine's
	 * @param floor the floor's
	 */
	record Times(Timings ours, Timings floor) {

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
