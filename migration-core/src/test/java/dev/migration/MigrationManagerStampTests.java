package dev.migration;

import dev.migration.MigrationResult.Command;
import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationManager#stamp(String)} on real databases.
 */
class MigrationManagerStampTests {

	private static MigrationManager chain(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		return database.manager();
	}

	@DatabaseTest
	void stampToARevisionRunsNothingAndSetsTheState(TestDatabase database) {
		MigrationManager manager = chain(database);
		MigrationResult result = manager.stamp("r2");
		assertThat(result.operation()).isEqualTo(Command.STAMP);
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r1", "r2");
		assertThat(result.migrations()).extracting(AppliedMigration::direction).containsOnly(Direction.UPGRADE);
		assertThat(result.currentRevisions()).containsExactly("r2");
		assertThat(database.tables()).isEmpty();
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(manager.history()).singleElement().satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo(HistoryAction.STAMP);
			assertThat(entry.revision()).isEqualTo("r2");
			assertThat(entry.success()).isTrue();
		});
	}

	@DatabaseTest
	void migrateAfterAStampContinuesFromTheStampedRevision(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.stamp("r2");
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision).containsExactly("r3");
		assertThat(database.tables()).containsExactly("t_r3");
	}

	@DatabaseTest
	void stampToHeadMarksEveryRevisionApplied(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.stamp("head");
		assertThat(manager.currentRevisions()).containsExactly("r3");
		assertThat(manager.pendingMigrations()).isEmpty();
		assertThat(manager.migrate().changed()).isFalse();
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest
	void stampToAnOlderRevisionUnmarksNewerOnesWithoutRunningTheirDowngrade(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		MigrationResult result = manager.stamp("r1");
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactlyInAnyOrder("r2", "r3");
		assertThat(result.migrations()).extracting(AppliedMigration::direction).containsOnly(Direction.DOWNGRADE);
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
	}

	@DatabaseTest
	void stampToBaseClearsTheStateAndKeepsTheSchema(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		manager.stamp("base");
		assertThat(manager.currentRevisions()).isEmpty();
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
		HistoryEntry last = manager.history().get(0);
		assertThat(last.action()).isEqualTo(HistoryAction.STAMP);
		assertThat(last.revision()).isEqualTo("base");
		database.execute("DROP TABLE t_r1", "DROP TABLE t_r2", "DROP TABLE t_r3");
		assertThat(manager.migrate().migrations()).hasSize(3);
	}

	@DatabaseTest
	void stampToAnUnknownRevisionFailsAndChangesNothing(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.stamp("zz"))
			.withMessage("Unknown revision 'zz' (head is r3)");
		assertThat(manager.history()).isEmpty();
		assertThat(manager.currentRevisions()).isEmpty();
	}

}
