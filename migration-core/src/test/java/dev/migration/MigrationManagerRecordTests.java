package dev.migration;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for how a step is recorded: on PostgreSQL its state and log rows go with the
 * {@code COMMIT} of its transaction in one prepared statement, the same for every step;
 * a record that fails commits nothing of the step.
 */
class MigrationManagerRecordTests {

	@DatabaseTest
	void everyStepIsRecordedAndCommittedWithItsOwnValues(TestDatabase database) {
		// More steps than the driver's threshold for preparing a statement on the server.
		for (int i = 1; i <= 8; i++) {
			database.write("r" + i, (i > 1) ? "r" + (i - 1) : null,
					"CREATE TABLE t_r" + i + " (id INTEGER); -- it's step " + i, "DROP TABLE t_r" + i + ";");
		}
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThat(database.queryForList("SELECT revision FROM migration_history_state ORDER BY applied_at, revision"))
			.containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8");
		assertThat(database.queryForList("SELECT script_text FROM migration_history_state WHERE revision = 'r7'"))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("it's step 7");
		manager.rollback("r2");
		assertThat(database.queryForList("SELECT revision FROM migration_history_state ORDER BY revision"))
			.containsExactly("r1", "r2");
		assertThat(manager.history()).extracting(HistoryEntry::action)
			.containsExactly(HistoryAction.DOWNGRADE, HistoryAction.DOWNGRADE, HistoryAction.DOWNGRADE,
					HistoryAction.DOWNGRADE, HistoryAction.DOWNGRADE, HistoryAction.DOWNGRADE, HistoryAction.UPGRADE,
					HistoryAction.UPGRADE, HistoryAction.UPGRADE, HistoryAction.UPGRADE, HistoryAction.UPGRADE,
					HistoryAction.UPGRADE, HistoryAction.UPGRADE, HistoryAction.UPGRADE);
		assertThat(database.tables()).contains("t_r1", "t_r2").doesNotContain("t_r3", "t_r8");
	}

	@DatabaseTest(dev.migration.testing.Database.POSTGRESQL)
	void failedRecordIsReportedAsSuchAndCommitsNothingOfTheStep(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE t_r1 (id INTEGER);", "DROP TABLE t_r1;");
		// The step's own statements make its log row fail: a check no new row passes.
		database.write("r2", "r1", "CREATE TABLE t_r2 (id INTEGER);\n"
				+ "ALTER TABLE migration_history ADD CONSTRAINT refuse_rows CHECK (false) NOT VALID;",
				"DROP TABLE t_r2;");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
			.withMessageContaining("r2")
			.withMessageContaining("while recording it in the history table")
			.withMessageContaining("refuse_rows");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).contains("t_r1").doesNotContain("t_r2");
		assertThat(manager.history()).first().satisfies((entry) -> {
			assertThat(entry.revision()).isEqualTo("r2");
			assertThat(entry.success()).isFalse();
		});
	}

}
