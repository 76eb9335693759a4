package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.migration.MigrationManager;
import dev.migration.MigrationResult;

/**
 * {@code rollback-all}: N migrations back to base, in-process. Each side migrates up
 * its own way outside the clock (the engine must have its history), then the rollback
 * is timed: the engine's {@code rollback("base")} against the floor running the same
 * downgrade statements, one transaction per migration. The anchors migrate up with
 * their own scripts and revert with their own means: Liquibase with each changeset's
 * {@code --rollback} statements, Flyway with {@code undo}, which its community edition
 * refuses (the row says so, with Flyway's error). After each size's in-process rows, the
 * same rollback as a whole process ({@link RollbackProcessBenchmark}), ours and the floor.
 */
final class RollbackBenchmark {

	private final BenchmarkOptions options;

	private final Corpora corpora;

	private final PairedRuns runs;

	private final Database database;

	private final RollbackProcessBenchmark process;

	RollbackBenchmark(BenchmarkOptions options, Corpora corpora, PairedRuns runs, Database database,
			Path directory) {
		this.options = options;
		this.corpora = corpora;
		this.runs = runs;
		this.database = database;
		this.process = new RollbackProcessBenchmark(options, runs, database, directory);
	}

	List<ResultRow> run() throws Exception {
		List<ResultRow> rows = new ArrayList<>();
		for (int size : this.options.migrateSizes()) {
			ScriptSet scripts = this.corpora.chain(size);
			Contender.Step check = (workspace, dataSource) -> MigrateBenchmark.expectTables(workspace, 0);
			Contender engine = Contender.of((workspace, dataSource) -> MigrationManager
				.create(dataSource, workspace.configuration(scripts.directory()))
				.migrate(), (workspace, dataSource) -> {
					MigrationResult result = MigrationManager
						.create(dataSource, workspace.configuration(scripts.directory()))
						.rollback("base");
					MigrateBenchmark.expect(result.migrations().size(), size, "migrations reverted by the engine");
				}, check);
			Contender floor = Contender.of(
					(workspace, dataSource) -> new FloorRunner(dataSource, workspace.schema())
						.migrate(scripts.directory()),
					(workspace, dataSource) -> MigrateBenchmark.expect(
							new FloorRunner(dataSource, workspace.schema()).rollback(scripts.directory()), size,
							"migrations reverted by the floor"),
					check);
			AnchorScripts anchorScripts = this.corpora.anchors(size);
			Map<Anchor, Contender> anchors = new EnumMap<>(Anchor.class);
			for (Anchor anchor : MigrateBenchmark.anchorsAt(this.options, size)) {
				anchors.put(anchor, Contender.of(
						(workspace, dataSource) -> anchor.migrate(dataSource, workspace.schema(), anchorScripts),
						(workspace, dataSource) -> MigrateBenchmark.expect(
								anchor.rollback(dataSource, workspace.schema(), anchorScripts, size), size,
								"migrations reverted by " + anchor.label()),
						check));
			}
			PairedRuns.Outcome outcome = this.runs.run("rollback-all " + this.database.label() + " N=" + size,
					engine, floor, anchors);
			ResultRow row = ResultRow.info("rollback-all", this.database.label(), String.valueOf(size),
					Figure.millis(outcome.ours()), Figure.millis(outcome.floor()));
			double limit = (this.database == Database.POSTGRESQL) ? 1.15 : 1.30;
			rows.add(row.withTarget(String.format(Locale.ROOT, "<= %.2fx", limit), row.ratio() <= limit));
			for (AnchorOutcome anchor : outcome.anchors()) {
				rows.add(anchor.row("rollback-all", this.database.label(), String.valueOf(size), row.ours(),
						row.floor(), Figure::millis));
			}
			List<Integer> sizes = this.options.migrateSizes();
			rows.add(this.process.run(scripts, size == sizes.get(sizes.size() - 1)));
		}
		return rows;
	}

}
