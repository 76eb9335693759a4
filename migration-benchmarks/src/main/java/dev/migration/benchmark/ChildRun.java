package dev.migration.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
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
 * (summed over the heap pools); a {@code start-migrate} task migrates as a start does,
 * timed from {@code main} with nothing run before it.
 */
final class ChildRun {

	private ChildRun() {
	}

	/**
	 * Runs a task.
	 * @param start {@link System#nanoTime()} at the start of {@code main}
	 * @param args task ({@code noop}, {@code migrate}, {@code start-migrate} or
	 * {@code fleet}), runner ({@code ours}, {@code floor} or an anchor's name), script
	 * directory (an anchor's: that of its {@link AnchorScripts}), then the workspace's description (for
	 * {@code fleet}: PostgreSQL's URL, the schemas separated by commas, the parallelism)
	 */
	static void run(long start, List<String> args) throws Exception {
		String task = args.get(0);
		boolean ours = args.get(1).equals("ours");
		Anchor anchor = (ours || args.get(1).equals("floor")) ? null : Anchor.of(args.get(1));
		Path scripts = Path.of(args.get(2));
		if (task.equals("fleet")) {
			fleet(scripts, args.get(3), List.of(args.get(4).split(",")), Integer.parseInt(args.get(5)));
			return;
		}
		Workspace workspace = Workspace.attach(args.subList(3, 6));
		if (task.equals(RollbackProcessBenchmark.TASK)) {
			System.out.println(ChildJvm.resultLine(RollbackProcessBenchmark.child(start, ours, scripts, workspace)));
			System.out.flush();
			return;
		}
		boolean memory = task.equals("migrate");
		boolean migrate = memory || task.equals("start-migrate");
		if (memory) {
			resetPeaks();
			start = System.nanoTime();
		}
		DataSource dataSource = workspace.dataSource();
		int count;
		if (anchor != null) {
			count = anchor.migrate(dataSource, workspace.schema(), new AnchorScripts(scripts));
		}
		else if (ours) {
			count = MigrationManager.create(dataSource, workspace.configuration(scripts)).migrate().migrations().size();
		}
		else {
			FloorRunner floor = new FloorRunner(dataSource, workspace.schema());
			count = migrate ? floor.migrate(scripts)
					: floor.noop(scripts, MigrationConfiguration.builder().build().stateTable());
		}
		long elapsed = System.nanoTime() - start;
		System.out.println(ChildJvm.resultLine(new Report(elapsed, memory ? peakHeap() : 0, count, peakRss())));
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
		System.out.println(ChildJvm.resultLine(new Report(elapsed, peakHeap(), upToDate, peakRss())));
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
	 * The process's peak resident set (Linux's {@code VmHWM}): the heap's share, the
	 * JVM's own and the loaded code's, as the operating system counts it.
	 * @return bytes, 0 where the system does not say
	 */
	private static long peakRss() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux: no figure.
		}
		return 0;
	}

	/**
	 * What a child measured.
	 *
	 * @param nanos from the start of {@code main} (after the reset of the peaks for a
	 * memory run) to done
	 * @param peakHeap the peak heap used in bytes, 0 when not measured
	 * @param count migrations applied (by an anchor at a no-op: applied by this run), or
	 * for the engine's or the floor's no-op the migrations found pending
	 * @param peakRss the process's peak resident set in bytes, 0 where not known
	 */
	record Report(long nanos, long peakHeap, int count, long peakRss) {

		String format() {
			return String.format(Locale.ROOT, "nanos=%d peak=%d count=%d rss=%d", this.nanos, this.peakHeap,
					this.count, this.peakRss);
		}

		static Report parse(String text) {
			String[] parts = text.strip().split(" ");
			return new Report(Long.parseLong(value(parts[0])), Long.parseLong(value(parts[1])),
					Integer.parseInt(value(parts[2])), Long.parseLong(value(parts[3])));
		}

		private static String value(String part) {
			return part.substring(part.indexOf('=') + 1);
		}

	}

}
