package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.Locale;

import javax.sql.DataSource;

import dev.migration.MigrationManager;

/**
 * {@code rollback-all (fresh JVM)}: a rollback to base of N migrations as a process of
 * its own, from its {@code main} to done, as a command-line rollback runs. Before each
 * run, outside the clock, a fresh workspace is migrated up (by the engine for ours, as
 * it needs its history; by the floor for the floor), then a fresh JVM with the same
 * options for both sides runs the engine's {@code rollback("base")} or the floor's
 * same downgrade statements in plain JDBC, one transaction each. The two sides
 * alternate ({@link PairedRuns#alternate}), each round starting with the other.
 */
final class RollbackProcessBenchmark {

	static final String TASK = "rollback";

	private final BenchmarkOptions options;

	private final PairedRuns runs;

	private final Database database;

	private final Path directory;

	private final ChildJvm jvm = new ChildJvm();

	RollbackProcessBenchmark(BenchmarkOptions options, PairedRuns runs, Database database, Path directory) {
		this.options = options;
		this.runs = runs;
		this.database = database;
		this.directory = directory;
	}

	/**
	 * Times rollbacks of one size.
	 * @param scripts the chain of N migrations
	 * @param largest whether it is the largest size, where the target is checked
	 * @return the row
	 */
	ResultRow run(ScriptSet scripts, boolean largest) throws Exception {
		PairedRuns.Times times = this.runs.alternate(
				"rollback-all (fresh JVM) " + this.database.label() + " N=" + scripts.size(),
				() -> rollback("ours", scripts), () -> rollback("floor", scripts));
		ResultRow row = ResultRow.info("rollback-all (fresh JVM)", this.database.label(),
				String.valueOf(scripts.size()), Figure.millis(times.ours()), Figure.millis(times.floor()));
		if (!largest) {
			return row;
		}
		// Recording a step costs DuckDB more than PostgreSQL (see the README): a looser target.
		double target = (this.database == Database.POSTGRESQL) ? 1.15 : 1.30;
		return row.withTarget(String.format(Locale.ROOT, "<= %.2fx", target), row.ratio() <= target);
	}

	/**
	 * One run: a fresh workspace migrated up outside the clock, then the timed child.
	 */
	private long rollback(String runner, ScriptSet scripts) throws Exception {
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			DataSource dataSource = workspace.dataSource();
			if (runner.equals("ours")) {
				MigrationManager.create(dataSource, workspace.configuration(scripts.directory())).migrate();
			}
			else {
				new FloorRunner(dataSource, workspace.schema()).migrate(scripts.directory());
			}
			MigrateBenchmark.expectTables(workspace, scripts.tables());
			ChildRun.Report report = this.jvm.run(ChildJvm.START_OPTIONS, TASK, runner, scripts.directory(),
					workspace);
			MigrateBenchmark.expect(report.count(), scripts.size(), "migrations reverted by " + runner);
			MigrateBenchmark.expectTables(workspace, 0);
			return report.nanos();
		}
	}

	/**
	 * The child's side: the rollback, timed from the start of {@code main}.
	 * @param start {@link System#nanoTime()} at the start of {@code main}
	 * @param ours the engine, or else the floor
	 * @param scripts the script directory
	 * @param workspace the workspace, migrated up
	 * @return what the child measured; its count is the migrations reverted
	 */
	static ChildRun.Report child(long start, boolean ours, Path scripts, Workspace workspace) throws Exception {
		DataSource dataSource = workspace.dataSource();
		int count = ours
				? MigrationManager.create(dataSource, workspace.configuration(scripts))
					.rollback("base")
					.migrations()
					.size()
				: new FloorRunner(dataSource, workspace.schema()).rollback(scripts);
		return new ChildRun.Report(System.nanoTime() - start, 0, count, 0);
	}

}
