package dev.migration;

import java.nio.file.Path;
import java.util.List;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for a migration that fails part way on real databases: what stays applied,
 * what the exception says, what the history records, and how a fixed script carries
 * on.
 */
class MigrationManagerFailureTests {

	private static final String FAILING_UPGRADE = """
			CREATE TABLE t_r3 (id INTEGER);
			INSERT INTO no_such_table VALUES (1);""";

	private static Path fiveRevisionsWithTheThirdFailing(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		Path third = database.write("r3", "r2", FAILING_UPGRADE, "DROP TABLE t_r3;");
		database.writeTable("r4", "r3");
		database.writeTable("r5", "r4");
		return third;
	}

	@DatabaseTest
	void failureInTheThirdOfFiveMigrationsKeepsTheFirstTwoAndLeavesNothingOfTheThird(TestDatabase database) {
		Path third = fiveRevisionsWithTheThirdFailing(database);
		MigrationManager manager = database.manager();
		MigrationFailedException failure = catchFailure(manager);
		assertThat(failure.getRevision()).isEqualTo("r3");
		assertThat(failure.getMessage()).startsWith("Upgrade of revision r3 (filesystem:" + third + ") failed at "
				+ "statement 2 (line 9: INSERT INTO no_such_table VALUES (1)): ")
			.contains("no_such_table")
			.endsWith(". The migration was rolled back; earlier revisions stay applied");
		if (database.isPostgres()) {
			assertThat(failure.getMessage()).contains("SQL state 42P01: ");
		}
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(manager.pendingMigrations()).extracting(MigrationInfo::revision).containsExactly("r3", "r4", "r5");
	}

	@DatabaseTest
	void failureIsRecordedInTheHistory(TestDatabase database) {
		fiveRevisionsWithTheThirdFailing(database);
		MigrationManager manager = database.manager();
		MigrationFailedException failure = catchFailure(manager);
		List<HistoryEntry> history = manager.history();
		assertThat(history).extracting(HistoryEntry::revision).containsExactly("r3", "r2", "r1");
		HistoryEntry failed = history.get(0);
		assertThat(failed.action()).isEqualTo(HistoryAction.UPGRADE);
		assertThat(failed.success()).isFalse();
		assertThat(failed.error()).isEqualTo(failure.getMessage());
		assertThat(history.subList(1, 3)).extracting(HistoryEntry::success).containsOnly(true);
	}

	@DatabaseTest
	void migrateAfterFixingTheFailedScriptNeedsNoRepair(TestDatabase database) {
		fiveRevisionsWithTheThirdFailing(database);
		catchFailure(database.manager());
		database.write("r3", "r2", "CREATE TABLE t_r3 (id INTEGER);", "DROP TABLE t_r3;");
		MigrationManager manager = database.manager();
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision)
			.containsExactly("r3", "r4", "r5");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3", "t_r4", "t_r5");
		assertThat(manager.verify().isOk()).isTrue();
	}

	@DatabaseTest
	void failingDowngradeKeepsTheRevisionApplied(TestDatabase database) {
		database.writeTable("r1", null);
		Path second = database.write("r2", "r1", "CREATE TABLE t_r2 (id INTEGER);",
				"DROP TABLE t_r2;\nDROP TABLE no_such_table;");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::rollback)
			.withMessageStartingWith("Downgrade of revision r2 (filesystem:" + second + ") failed at statement 2 "
					+ "(line 12: DROP TABLE no_such_table): ");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(manager.history().get(0).action()).isEqualTo(HistoryAction.DOWNGRADE);
		assertThat(manager.history().get(0).success()).isFalse();
	}

	private static MigrationFailedException catchFailure(MigrationManager manager) {
		try {
			manager.migrate();
		}
		catch (MigrationFailedException ex) {
			return ex;
		}
		throw new AssertionError("Expected migrate() to fail");
	}

}
