package dev.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.migration.MigrationStatus.State;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for databases whose state does not simply trail the scripts: ahead of them,
 * diverged from them, or an existing schema without history.
 */
class MigrationManagerStateTests {

	/**
	 * Applies {@code r1 <- r2 <- r3}, then returns a script location with the first two
	 * only: an older build.
	 */
	private static String olderBuild(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		database.manager().migrate();
		Path older = database.newDirectory();
		copy(database.scriptDirectory().resolve("r1.sql"), older);
		copy(database.scriptDirectory().resolve("r2.sql"), older);
		return "filesystem:" + older;
	}

	private static void copy(Path file, Path directory) {
		try {
			Files.copy(file, directory.resolve(file.getFileName()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DatabaseTest
	void statusOfADatabaseAheadOfTheScriptsSaysAhead(TestDatabase database) {
		String older = olderBuild(database);
		MigrationStatus status = database.manager((configuration) -> configuration.locations(older)).status();
		assertThat(status.state()).isEqualTo(State.AHEAD);
		assertThat(status.unknownApplied()).containsExactly("r3");
		assertThat(status.currentRevisions()).containsExactly("r3");
		assertThat(status.headRevisions()).containsExactly("r2");
		assertThat(status.pending()).isEmpty();
	}

	@DatabaseTest
	void migrateOfADatabaseAheadIsANoOpWhenThePolicyIsWarn(TestDatabase database) {
		String older = olderBuild(database);
		MigrationManager manager = database
			.manager((configuration) -> configuration.locations(older).aheadPolicy(AheadPolicy.WARN));
		MigrationResult result = manager.migrate();
		assertThat(result.changed()).isFalse();
		assertThat(result.currentRevisions()).containsExactly("r3");
		assertThat(manager.history()).hasSize(3);
	}

	@DatabaseTest
	void migrateOfADatabaseAheadFailsWhenThePolicyIsFail(TestDatabase database) {
		String older = olderBuild(database);
		MigrationManager manager = database
			.manager((configuration) -> configuration.locations(older).aheadPolicy(AheadPolicy.FAIL));
		assertThatExceptionOfType(MigrationStateException.class).isThrownBy(manager::migrate)
			.withMessage("The database is ahead of the scripts: applied revision(s) r3 are unknown to this build. "
					+ "Deploy the build that has them, roll them back, or set the ahead policy to WARN")
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(MigrationStateException.Reason.AHEAD);
				assertThat(ex.getRevisions()).containsExactly("r3");
				assertThat(ex.getProblem())
					.isEqualTo("The database is ahead of the scripts: applied revision(s) r3 are unknown to this build");
			});
	}

	@DatabaseTest
	void rollbackOfAnUnknownRevisionRunsTheDowngradeStoredInTheDatabase(TestDatabase database) {
		String older = olderBuild(database);
		MigrationManager manager = database.manager((configuration) -> configuration.locations(older));
		MigrationResult result = manager.rollback("-1");
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r3");
		assertThat(result.currentRevisions()).containsExactly("r2");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
		assertThat(manager.status().state()).isEqualTo(State.UP_TO_DATE);
		assertThat(manager.history().get(0).action()).isEqualTo(HistoryAction.DOWNGRADE);
		assertThat(manager.history().get(0).revision()).isEqualTo("r3");
	}

	@DatabaseTest
	void rollbackOfSeveralUnknownRevisionsRunsEachDowngradeStoredInTheDatabase(TestDatabase database) {
		olderBuild(database);
		Path oldest = database.newDirectory();
		copy(database.scriptDirectory().resolve("r1.sql"), oldest);
		MigrationManager manager = database
			.manager((configuration) -> configuration.locations("filesystem:" + oldest));
		MigrationResult result = manager.rollback("r1");
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r3", "r2");
		assertThat(result.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("t_r1");
		assertThat(manager.status().state()).isEqualTo(State.UP_TO_DATE);
	}

	@DatabaseTest
	void historyThatDivergesFromTheScriptsIsRefused(TestDatabase database) {
		database.writeTable("q1", null);
		database.manager().migrate();
		Path other = database.newDirectory();
		database.script("r1").upgrade("CREATE TABLE t_r1 (id INTEGER);").write();
		copy(database.scriptDirectory().resolve("r1.sql"), other);
		MigrationManager manager = database.manager((configuration) -> configuration.locations("filesystem:" + other));
		assertThatExceptionOfType(MigrationStateException.class).isThrownBy(manager::migrate)
			.withMessage("The database history diverges from the scripts: applied revision q1 (filesystem:"
					+ database.scriptDirectory().resolve("q1.sql")
					+ ") descends from no revision this build knows. Check the script locations [filesystem:" + other
					+ "]")
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(MigrationStateException.Reason.DIVERGED);
				assertThat(ex.getRevisions()).containsExactly("q1");
			});
		assertThat(database.tables()).containsExactly("t_q1");
	}

	@DatabaseTest
	void migrateOfASchemaWithTablesButNoHistoryIsRefused(TestDatabase database) {
		database.execute("CREATE TABLE legacy (id INTEGER)");
		database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationStateException.class).isThrownBy(manager::migrate)
			.withMessage("Schema '" + database.schema() + "' has 1 table(s) (legacy) but no migration history; "
					+ "migrations were not run. If it already matches a revision, record that with stamp(revision), "
					+ "or give that revision to the configuration's baselineOnMigrate(revision) to record it on "
					+ "migrate")
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(MigrationStateException.Reason.NO_HISTORY);
				assertThat(ex.getProblem()).isEqualTo("Schema '" + database.schema()
						+ "' has 1 table(s) (legacy) but no migration history; migrations were not run");
			});
		assertThat(database.tables()).containsExactly("legacy");
		assertThat(manager.history()).isEmpty();
		assertThat(manager.currentRevisions()).isEmpty();
	}

	@DatabaseTest
	void baselineOnMigrateStampsAnExistingSchemaThenMigratesTheRest(TestDatabase database) {
		database.execute("CREATE TABLE t_r1 (id INTEGER)", "CREATE TABLE t_r2 (id INTEGER)");
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		MigrationManager manager = database.manager((configuration) -> configuration.baselineOnMigrate("r2"));
		MigrationResult result = manager.migrate();
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r3");
		assertThat(result.currentRevisions()).containsExactly("r3");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
		assertThat(manager.history()).extracting(HistoryEntry::action)
			.containsExactly(HistoryAction.UPGRADE, HistoryAction.STAMP);
		assertThat(manager.history().get(1).revision()).isEqualTo("r2");
	}

	@DatabaseTest
	void stampAdoptsASchemaWithTablesButNoHistory(TestDatabase database) {
		database.execute("CREATE TABLE t_r1 (id INTEGER)");
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		assertThat(manager.stamp("r1").currentRevisions()).containsExactly("r1");
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision).containsExactly("r2");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
	}

	@DatabaseTest
	void baselineOnMigrateIsIgnoredForAnEmptySchema(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager((configuration) -> configuration.baselineOnMigrate("r2"));
		assertThat(manager.migrate().migrations()).hasSize(2);
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
	}

}
