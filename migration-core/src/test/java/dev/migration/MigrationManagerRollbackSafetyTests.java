package dev.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.migration.revision.Direction;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the rollback safety checks, dry runs, backups and snapshots on real
 * databases.
 */
class MigrationManagerRollbackSafetyTests {

	private static MigrationManager chain(TestDatabase database, boolean production) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		MigrationManager manager = database.manager((builder) -> builder.production(production));
		manager.migrate();
		return manager;
	}

	@DatabaseTest
	void irreversibleMigrationOnTheWayDownBlocksTheRollbackNamingIt(TestDatabase database) {
		database.writeTable("r1", null);
		database.write("r2", "r1", "CREATE TABLE t_r2 (id INTEGER);", null);
		database.writeTable("r3", "r2");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("base"))
			.satisfies((ex) -> assertThat(ex.getFailures()).singleElement()
				.asString()
				.startsWith("Irreversible migration: revision r2 (")
				.contains("r2.sql")
				.endsWith("has no downgrade, so it cannot be rolled back"));
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
		assertThat(manager.currentRevisions()).containsExactly("r3");
		assertThat(manager.rollback("-1").migrations()).extracting(AppliedMigration::revision).containsExactly("r3");
	}

	@DatabaseTest
	void productionRollbackWithoutConfirmationIsRefusedWithTheCommandToConfirm(TestDatabase database) {
		MigrationManager manager = chain(database, true);
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(manager::rollback)
			.withMessageStartingWith("Rollback to '-1' refused by 1 safety check(s); nothing was run:")
			.withMessageContaining("this is a production database")
			.withMessageContaining("repeat the revision it ends at, r2")
			.withMessageContaining("Confirm with: rollback(\"-1\", RollbackOptions.defaults().withConfirm(\"r2\"))")
			.satisfies((refused) -> assertThat(refused.getRefusals()).singleElement()
				.satisfies((refusal) -> {
					assertThat(refusal.check()).isEqualTo(RollbackRefusedException.Check.PRODUCTION_CONFIRMATION);
					assertThat(refusal.confirmation()).isEqualTo("r2");
					assertThat(refusal.problem()).doesNotContain("rollback(");
				}));
		assertThat(manager.currentRevisions()).containsExactly("r3");
	}

	@DatabaseTest
	void productionRollbackWithTheWrongConfirmationIsRefused(TestDatabase database) {
		MigrationManager manager = chain(database, true);
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> manager.rollback("-1", RollbackOptions.defaults().withConfirm("r1")))
			.withMessageContaining("the confirmation 'r1' does not match the resolved revision r2");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
	}

	@DatabaseTest
	void productionRollbackWithTheRightConfirmationRuns(TestDatabase database) {
		MigrationManager manager = chain(database, true);
		MigrationResult result = manager.rollback("-2", RollbackOptions.defaults().withConfirm("r1"));
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r3", "r2");
		assertThat(result.migrations()).extracting(AppliedMigration::direction).containsOnly(Direction.DOWNGRADE);
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(manager.rollback("base", RollbackOptions.defaults().withConfirm("base")).currentRevisions())
			.isEmpty();
	}

	@DatabaseTest
	void outsideProductionNoConfirmationIsNeeded(TestDatabase database) {
		MigrationManager manager = chain(database, false);
		assertThat(manager.rollback().currentRevisions()).containsExactly("r2");
	}

	@DatabaseTest
	void turningSafetyChecksOffSkipsTheProductionConfirmation(TestDatabase database) {
		MigrationManager manager = chain(database, true);
		assertThat(manager.rollback("-1", RollbackOptions.defaults().withoutSafetyCheck()).currentRevisions())
			.containsExactly("r2");
	}

	@DatabaseTest
	void aDowngradeDroppingANonEmptyColumnIsRefusedUnlessDataLossIsAllowed(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER, phone VARCHAR(20));", "DROP TABLE users;");
		database.write("r2", "r1", "INSERT INTO users (id, phone) VALUES (1, '555'), (2, NULL), (3, '556');",
				"DELETE FROM users;");
		database.write("r3", "r2", "ALTER TABLE users ADD COLUMN nickname VARCHAR(20);",
				"ALTER TABLE users DROP COLUMN nickname;");
		database.write("r4", "r3", "SELECT 1;", "ALTER TABLE users DROP COLUMN phone;");
		MigrationManager manager = database.manager();
		manager.migrate();
		// nickname holds no value: dropping it loses nothing.
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("r2"))
			.satisfies((ex) -> assertThat(ex.getFailures()).singleElement()
				.asString()
				.startsWith("Data loss: the downgrade of r4 (")
				.contains("drops column users.phone (2 non-null values)")
				.endsWith("then pass RollbackOptions.withAllowDataLoss() to accept"));
		assertThat(manager.currentRevisions()).containsExactly("r4");
		MigrationResult result = manager.rollback("r2", RollbackOptions.defaults().withAllowDataLoss());
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r4", "r3");
		assertThat(database.queryForLong("SELECT count(*) FROM users")).isEqualTo(3);
	}

	@DatabaseTest
	void aDowngradeDroppingATableWithRowsIsRefusedNamingTheRowCount(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1), (2);",
				"DROP TABLE IF EXISTS orders;");
		database.write("r2", "r1", "CREATE TABLE empty_one (id INTEGER);", "DROP TABLE empty_one;");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThat(manager.rollback("-1").migrations()).hasSize(1);
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("base"))
			.withMessageContaining("drops table orders (2 rows)");
		assertThat(database.tables()).containsExactly("orders");
	}

	@DatabaseTest
	void rowsOfATableEmptiedByDeleteAreCountedNotSkipped(TestDatabase database) {
		// The guard skips tables that provably hold no row; a table whose rows were
		// deleted still has storage, so it is counted (and loses nothing).
		database.write("r1", null, "CREATE TABLE drained (id INTEGER); INSERT INTO drained VALUES (1);"
				+ " DELETE FROM drained; CREATE TABLE kept (id INTEGER); INSERT INTO kept VALUES (1), (2);"
				+ " CREATE TABLE fresh (id INTEGER);", "DROP TABLE fresh; DROP TABLE kept; DROP TABLE drained;");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("base"))
			.satisfies((ex) -> assertThat(ex.getFailures()).singleElement()
				.asString()
				.contains("drops table kept (2 rows)")
				.doesNotContain("drained")
				.doesNotContain("fresh"));
		assertThat(database.tables()).contains("drained", "fresh", "kept");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void rowsOfAPartitionedTableAreCounted(TestDatabase database) {
		// A partitioned table has no storage of its own: its rows are in the partitions.
		database.write("r1", null, "CREATE TABLE events (id INTEGER, day DATE) PARTITION BY RANGE (day);"
				+ " CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"
				+ " INSERT INTO events VALUES (1, '2026-11-25');", "DROP TABLE events;");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("base"))
			.withMessageContaining("drops table events (1 row)");
		assertThat(database.tables()).contains("events");
	}

	@DatabaseTest
	void everyFailedCheckIsReportedAtOnce(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1);",
				"DROP TABLE orders;");
		database.write("r2", "r1", "CREATE TABLE audit (id INTEGER);", null);
		MigrationManager manager = database.manager((builder) -> builder.production(true));
		manager.migrate();
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("base"))
			.satisfies((ex) -> assertThat(ex.getFailures()).hasSize(3)
				.anySatisfy((failure) -> assertThat(failure).startsWith("Irreversible migration: revision r2"))
				.anySatisfy((failure) -> assertThat(failure).startsWith("Production protection"))
				.anySatisfy((failure) -> assertThat(failure).contains("drops table orders (1 row)")));
		assertThat(database.tables()).containsExactly("audit", "orders");
	}

	@DatabaseTest
	void aStaleBackupIsRefusedAndAFreshOneAccepted(TestDatabase database) throws IOException {
		Path backups = database.newDirectory();
		Path backup = Files.writeString(backups.resolve("nightly.dump"), "backup");
		Files.setLastModifiedTime(backup, FileTime.from(Instant.now().minus(Duration.ofHours(30))));
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager((builder) -> builder
			.backupVerifiers(List.of(BackupVerifier.recentFile(backups, Duration.ofHours(24)))));
		manager.migrate();
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(manager::rollback)
			.withMessageContaining("Backup verification: The newest backup in " + backups + " is 1800 min old, "
					+ "older than the 1440 min allowed");
		assertThat(manager.currentRevisions()).containsExactly("r2");
		Files.setLastModifiedTime(backup, FileTime.from(Instant.now()));
		assertThat(manager.rollback().currentRevisions()).containsExactly("r1");
	}

	@DatabaseTest
	void aMissingBackupIsRefused(TestDatabase database) {
		Path missing = database.newDirectory().resolve("none");
		MigrationManager manager = chain(database, false);
		MigrationManager checked = database.manager((builder) -> builder
			.backupVerifiers(List.of(BackupVerifier.recentFile(missing, Duration.ofHours(1)))));
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(checked::rollback)
			.withMessageContaining("No backup at " + missing);
		assertThat(manager.currentRevisions()).containsExactly("r3");
	}

	@DatabaseTest(Database.DUCKDB)
	void aDuckDbSnapshotIsTakenBeforeTheRollbackAndRestoresTheData(TestDatabase database) throws IOException {
		Path snapshots = database.newDirectory();
		database.write("r1", null, "CREATE TABLE notes (id INTEGER, body VARCHAR);", "DROP TABLE notes;");
		database.write("r2", "r1", "INSERT INTO notes VALUES (1, 'keep me'), (2, 'and me');",
				"DELETE FROM notes;");
		MigrationManager manager = database
			.manager((builder) -> builder.backupVerifiers(List.of(BackupVerifier.duckDbSnapshot(snapshots))));
		manager.migrate();
		manager.rollback();
		assertThat(database.queryForLong("SELECT count(*) FROM notes")).isZero();
		List<Path> taken;
		try (var files = Files.list(snapshots)) {
			taken = files.toList();
		}
		assertThat(taken).singleElement()
			.satisfies((file) -> assertThat(file.getFileName().toString()).startsWith("before-rollback-to-r1-"));
		manager.restoreSnapshot(taken.get(0));
		assertThat(database.queryForList("SELECT body FROM notes ORDER BY id")).containsExactly("keep me", "and me");
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(manager.history().get(0).action()).isEqualTo(HistoryAction.REPAIR);
		assertThat(manager.history().get(0).message()).startsWith("restore-snapshot: ");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void theDuckDbSnapshotVerifierRefusesOtherDatabases(TestDatabase database) {
		MigrationManager manager = chain(database, false);
		MigrationManager checked = database.manager((builder) -> builder
			.backupVerifiers(List.of(BackupVerifier.duckDbSnapshot(database.newDirectory()))));
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(checked::rollback)
			.withMessageContaining("cannot back up a postgresql database: register a BackupVerifier");
		assertThat(manager.currentRevisions()).containsExactly("r3");
	}

	@DatabaseTest
	void aRollbackDryRunReturnsTheSqlAndChangesNothing(TestDatabase database) {
		MigrationManager manager = chain(database, true);
		List<HistoryEntry> historyBefore = manager.history();
		MigrationResult result = manager.rollback("r1", RollbackOptions.defaults().withConfirm("r1").asDryRun());
		assertThat(result.dryRun()).isTrue();
		assertThat(result.migrations()).isEmpty();
		assertThat(result.planned()).extracting(PlannedMigration::revision).containsExactly("r3", "r2");
		assertThat(result.planned().get(0).statements().get(0)).isEqualTo("DROP TABLE t_r3");
		if (database.isPostgres()) {
			assertThat(result.planned().get(0).statements()).hasSize(3);
			assertThat(result.planned().get(0).statements().get(1)).startsWith("DELETE FROM ")
				.endsWith("WHERE revision = 'r3'");
			assertThat(result.planned().get(0).statements().get(2)).startsWith("INSERT INTO ")
				.contains("'downgrade'");
		}
		else {
			// DuckDB keeps the state in the log: one row of its entries records the step.
			assertThat(result.planned().get(0).statements()).hasSize(2);
			assertThat(result.planned().get(0).statements().get(1))
				.startsWith("INSERT INTO \"main\".\"migration_history_entries\" (revision, applied, applied_at, message, "
						+ "checksum, checksum_version, entry) VALUES ('r3', FALSE, NULL, 'Revision r3', ")
				.contains("json_object('action', 'downgrade'");
		}
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
		assertThat(manager.currentRevisions()).containsExactly("r3");
		assertThat(manager.history()).isEqualTo(historyBefore);
	}

	@DatabaseTest
	void aRollbackDryRunStillRunsTheSafetyChecks(TestDatabase database) {
		MigrationManager manager = chain(database, true);
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> manager.rollback("-1", RollbackOptions.defaults().asDryRun()))
			.withMessageContaining("Production protection");
	}

	@DatabaseTest
	void aMigrateDryRunReturnsTheSqlAndChangesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		MigrationResult result = manager.migrate("head", true);
		assertThat(result.dryRun()).isTrue();
		assertThat(result.planned()).extracting(PlannedMigration::revision).containsExactly("r1", "r2");
		assertThat(result.planned().get(0).statements().get(0)).isEqualTo("CREATE TABLE t_r1 (id INTEGER)");
		assertThat(result.planned().get(0).statements().get(1)).startsWith("INSERT INTO ")
			.contains(database.isPostgres() ? "_state" : "applied")
			.contains("'r1'");
		assertThat(database.allTables()).isEmpty();
		assertThat(manager.pendingMigrations()).hasSize(2);
	}

	@DatabaseTest
	void aRollbackWithNothingToDoRunsNoCheck(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager((builder) -> builder.production(true));
		manager.migrate();
		assertThat(manager.rollback("r1").changed()).isFalse();
	}

}
