package dev.migration.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import dev.migration.FleetResult;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;

/**
 * The child side of {@link ChildJvm}: one task in a fresh JVM, timed from the start of
 * {@code main} to done, reported on one line. A {@code migrate} task first runs
 * {@link System#gc()} and resets the heap pools' peaks, then reports the peak heap used
 * (summed over the heap pools).
 */
final class ChildRun {

	private ChildRun() {
	}

	/**
	 * Runs a task.
	 * @param start {@link System#nanoTime()} at the start of {@code main}
	 * @param args task, runner, script directory, then the workspace's description (for
	 * {@code fleet}: PostgreSQL's URL, the schemas separated by commas, the parallelism)
	 */
	static void run(long start, List<String> args) throws Exception {
		String task = args.get(0);
		boolean ours = args.get(1).equals("ours");
		Path scripts = Path.of(args.get(2));
		if (task.equals("fleet")) {
			fleet(scripts, args.get(3), List.of(args.get(4).split(",")), Integer.parseInt(args.get(5)));
			return;
		}
		Workspace workspace = Workspace.attach(args.subList(3, 6));
		boolean memory = task.equals("migrate");
		if (memory) {
			resetPeaks();
			start = System.nanoTime();
		}
		DataSource dataSource = workspace.dataSource();
		int count;
		if (ours) {
			count = MigrationManager.create(dataSource, workspace.configuration(scripts)).migrate().migrations().size();
		}
		else {
			FloorRunner floor = new FloorRunner(dataSource, workspace.schema());
			count = memory ? floor.migrate(scripts)
					: floor.noop(scripts, MigrationConfiguration.builder().build().stateTable());
		}
		long elapsed = System.nanoTime() - start;
		System.out.println(ChildJvm.resultLine(new Report(elapsed, memory ? peakHeap() : 0, count)));
		System.out.flush();
	}

	/**
	 * A no-op migrate of tenants at head, with the peak heap it took.
	 */
	private static void fleet(Path scripts, String postgresUrl, List<String> schemas, int parallelism) {
		resetPeaks();
		long start = System.nanoTime();
		DataSource dataSource = new UnpooledDataSource(Database.POSTGRESQL.driver(), postgresUrl);
		FleetResult result = FleetBenchmark.fleet(dataSource, scripts, schemas, parallelism).migrate();
		long elapsed = System.nanoTime() - start;
		int upToDate = result.count(FleetResult.Outcome.UP_TO_DATE);
		System.out.println(ChildJvm.resultLine(new Report(elapsed, peakHeap(), upToDate)));
		System.out.flush();
	}

	private static void resetPeaks() {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	/**
	 * What a child measured.
	 *
	 * @param nanos from the start of {@code main} (after the reset of the peaks for a
	 * memory run) to done
	 * @param peakHeap the peak heap used in bytes, 0 when not measured
	 * @param count migrations applied, or for a no-op the migrations found pending
	 */
	record Report(long nanos, long peakHeap, int count) {

		String format() {
			return String.format(Locale.ROOT, "nanos=%d peak=%d count=%d", this.nanos, this.peakHeap, this.count);
		}

		static Report parse(String text) {
			String[] parts = text.strip().split(" ");
			return new Report(Long.parseLong(value(parts[0])), Long.parseLong(value(parts[1])),
					Integer.parseInt(value(parts[2])));
		}

		private static String value(String part) {
			return part.substring(part.indexOf('=') + 1);
		}

	}

}
