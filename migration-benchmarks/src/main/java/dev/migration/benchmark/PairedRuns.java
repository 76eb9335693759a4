package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Runs the engine and the floor alternately, in-process, each run on a fresh workspace
 * created and dropped outside the clock. The first round counts statements through a
 * {@link StatementCounter} and is not timed; it is the first warm-up round. Measured
 * rounds alternate which side goes first.
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
		StatementCounter oursCounter = new StatementCounter();
		StatementCounter floorCounter = new StatementCounter();
		once(floor, floorCounter);
		once(ours, oursCounter);
		for (int i = 1; i < this.options.warmups(); i++) {
			once(floor, null);
			once(ours, null);
		}
		List<Long> oursTimes = new ArrayList<>();
		List<Long> floorTimes = new ArrayList<>();
		for (int i = 0; i < this.options.reps(); i++) {
			Progress.report(label + " run " + (i + 1) + "/" + this.options.reps());
			if (i % 2 == 0) {
				floorTimes.add(once(floor, null));
				oursTimes.add(once(ours, null));
			}
			else {
				oursTimes.add(once(ours, null));
				floorTimes.add(once(floor, null));
			}
		}
		return new Outcome(new Timings(oursTimes), new Timings(floorTimes), oursCounter.total(),
				floorCounter.total());
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
	 */
	record Outcome(Timings ours, Timings floor, long oursStatements, long floorStatements) {

	}

}
