package dev.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.migration.MigrationResult.Command;
import dev.migration.MigrationStatus.State;
import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationManager#migrate} on real databases: order, state, log,
 * branches, merges and dependencies.
 */
class MigrationManagerMigrateTests {

	@DatabaseTest
	void migrateToHeadAppliesPendingRevisionsInOrder(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
		database.write("r2", "r1", "ALTER TABLE users ADD COLUMN name VARCHAR(50);",
				"ALTER TABLE users DROP COLUMN name;");
		database.write("r3", "r2", "INSERT INTO users (id, name) VALUES (1, 'ada');", "DELETE FROM users;");
		MigrationManager manager = database.manager();
		assertThat(manager.pendingMigrations()).extracting(MigrationInfo::revision).containsExactly("r1", "r2", "r3");
		MigrationResult result = manager.migrate();
		assertThat(result.operation()).isEqualTo(Command.MIGRATE);
		assertThat(result.target()).isEqualTo("head");
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r1", "r2", "r3");
		assertThat(result.migrations()).extracting(AppliedMigration::direction).containsOnly(Direction.UPGRADE);
		assertThat(result.currentRevisions()).containsExactly("r3");
		assertThat(database.queryForList("SELECT name FROM users")).containsExactly("ada");
		assertThat(manager.currentRevisions()).containsExactly("r3");
		MigrationStatus status = manager.status();
		assertThat(status.state()).isEqualTo(State.UP_TO_DATE);
		assertThat(status.pending()).isEmpty();
		assertThat(status.lockHolder()).isNull();
		assertThat(database.queryForList("SELECT revision FROM migration_history_state ORDER BY revision"))
			.containsExactly("r1", "r2", "r3");
	}

	@DatabaseTest
	void migrateRecordsEachRevisionInTheHistory(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		Instant before = Instant.now().minusSeconds(1);
		manager.migrate();
		List<HistoryEntry> history = manager.history();
		assertThat(history).extracting(HistoryEntry::revision).containsExactly("r2", "r1");
		assertThat(history.get(0).id()).isGreaterThan(history.get(1).id());
		List<MigrationInfo> migrations = manager.migrations();
		for (HistoryEntry entry : history) {
			MigrationInfo info = migrations.stream()
				.filter((migration) -> migration.revision().equals(entry.revision()))
				.findFirst()
				.orElseThrow();
			assertThat(entry.action()).isEqualTo(HistoryAction.UPGRADE);
			assertThat(entry.message()).isEqualTo("Revision " + entry.revision());
			assertThat(entry.checksum()).isEqualTo(info.checksum()).isNotBlank();
			assertThat(entry.checksumVersion()).isNotNull();
			assertThat(entry.host()).isNotBlank();
			assertThat(entry.startedAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
			assertThat(entry.duration()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(30));
			assertThat(entry.success()).isTrue();
			assertThat(entry.error()).isNull();
		}
		if (database.isPostgres()) {
			assertThat(history).extracting(HistoryEntry::user).containsOnly("postgres");
		}
	}

	@DatabaseTest
	void migrateWhenUpToDateDoesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		manager.migrate();
		MigrationResult again = manager.migrate();
		assertThat(again.changed()).isFalse();
		assertThat(again.currentRevisions()).containsExactly("r1");
		assertThat(manager.history()).hasSize(1);
	}

	@DatabaseTest
	void migrateAnEmptySchemaAppliesEveryMigration(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		assertThat(database.allTables()).isEmpty();
		assertThat(database.manager().migrate().migrations()).hasSize(3);
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
	}

	@DatabaseTest
	void migrateToHeadWithTwoHeadsFailsNamingBoth(TestDatabase database) {
		database.writeTable("root", null);
		database.writeTable("left1", "root");
		database.writeTable("right1", "root");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MultipleHeadsException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("Multiple heads: left1, right1; 'head' needs one.")
			.satisfies((ex) -> assertThat(ex.getHeads()).containsExactlyInAnyOrder("left1", "right1"));
		assertThat(database.allTables()).isEmpty();
		assertThat(manager.headRevisions()).containsExactlyInAnyOrder("left1", "right1");
	}

	@DatabaseTest
	void migrateToHeadsAppliesEveryBranch(TestDatabase database) {
		database.writeTable("root", null);
		database.writeTable("left1", "root");
		database.writeTable("left2", "left1");
		database.writeTable("right1", "root");
		MigrationManager manager = database.manager();
		MigrationResult result = manager.migrate("heads");
		assertThat(result.migrations()).extracting(AppliedMigration::revision)
			.containsExactlyInAnyOrder("root", "left1", "left2", "right1");
		assertThat(result.migrations().get(0).revision()).isEqualTo("root");
		assertThat(result.currentRevisions()).containsExactlyInAnyOrder("left2", "right1");
		assertThat(database.tables()).containsExactly("t_left1", "t_left2", "t_right1", "t_root");
		assertThat(manager.status().state()).isEqualTo(State.UP_TO_DATE);
	}

	@DatabaseTest
	void mergeRevisionJoinsTwoHeads(TestDatabase database) {
		database.writeTable("root", null);
		database.writeTable("left1", "root");
		database.writeTable("right1", "root");
		database.manager().migrate("heads");
		database.writeTable("merge1", "left1,right1");
		MigrationManager manager = database.manager();
		assertThat(manager.headRevisions()).containsExactly("merge1");
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision).containsExactly("merge1");
		assertThat(manager.currentRevisions()).containsExactly("merge1");
		manager.rollback("-1");
		assertThat(manager.currentRevisions()).containsExactlyInAnyOrder("left1", "right1");
		assertThat(database.tables()).doesNotContain("t_merge1");
	}

	@DatabaseTest
	void migrateRunsDependenciesOfAnotherBranchFirst(TestDatabase database) {
		database.write("base1", null, "CREATE TABLE accounts (id INTEGER PRIMARY KEY);", "DROP TABLE accounts;");
		database.write("auth1", "base1", "CREATE TABLE roles (id INTEGER PRIMARY KEY);", "DROP TABLE roles;");
		database.write("auth2", "auth1", "INSERT INTO roles VALUES (7);", "DELETE FROM roles;");
		database.script("billing1")
			.parents("base1")
			.dependsOn("auth2")
			.upgrade("CREATE TABLE invoices AS SELECT id AS role_id FROM roles;")
			.downgrade("DROP TABLE invoices;")
			.write();
		MigrationManager manager = database.manager();
		MigrationResult result = manager.migrate("billing1");
		assertThat(result.migrations()).extracting(AppliedMigration::revision)
			.containsExactly("base1", "auth1", "auth2", "billing1");
		assertThat(database.queryForList("SELECT role_id FROM invoices")).containsExactly("7");
		assertThat(manager.currentRevisions()).containsExactlyInAnyOrder("auth2", "billing1");
	}

}
