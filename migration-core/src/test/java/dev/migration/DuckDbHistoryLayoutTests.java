package dev.migration;

import java.util.List;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for DuckDB's history, which keeps the state in the log: one row per migration
 * and step, the state a view of the log, and a history of the earlier layout (a state
 * table of its own, a log without the state's columns) refused rather than misread.
 */
class DuckDbHistoryLayoutTests {

	/**
	 * The state table and the log as the earlier layout created them.
	 */
	private static final String[] EARLIER_LAYOUT = { """
			CREATE TABLE migration_history_state (
			    revision VARCHAR PRIMARY KEY, down_revisions VARCHAR NOT NULL, depends_on VARCHAR NOT NULL,
			    message VARCHAR NOT NULL, kind VARCHAR NOT NULL, script VARCHAR, checksum VARCHAR,
			    checksum_version INTEGER, transactional BOOLEAN NOT NULL, reversible BOOLEAN NOT NULL,
			    downgrade_sql VARCHAR, applied_at TIMESTAMPTZ NOT NULL, applied_by VARCHAR, script_text VARCHAR)""",
			"CREATE SEQUENCE migration_history_seq", """
			CREATE TABLE migration_history (
			    id BIGINT NOT NULL DEFAULT nextval('migration_history_seq'), revision VARCHAR NOT NULL,
			    message VARCHAR, action VARCHAR NOT NULL, checksum VARCHAR, checksum_version INTEGER,
			    db_user VARCHAR, host VARCHAR, started_at TIMESTAMPTZ NOT NULL, duration_ms BIGINT NOT NULL,
			    success BOOLEAN NOT NULL, error VARCHAR, duration_us BIGINT, committed_statements INTEGER,
			    committed_checksum VARCHAR)""" };

	@DatabaseTest(Database.DUCKDB)
	void eachStepWritesOneRowAndTheStateIsAViewOfTheLog(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history")).isEqualTo(2);
		assertThat(database.queryForList("SELECT table_type FROM information_schema.tables WHERE table_name = "
				+ "'migration_history_state' AND table_schema = '" + database.schema() + "'"))
			.containsExactly("VIEW");
		assertThat(database.queryForList("SELECT revision FROM migration_history_state ORDER BY revision"))
			.containsExactly("r1", "r2");
		manager.rollback("r1");
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history")).isEqualTo(3);
		assertThat(database.queryForList("SELECT revision FROM migration_history_state")).containsExactly("r1");
		assertThat(manager.history()).extracting(HistoryEntry::action)
			.containsExactly(HistoryAction.DOWNGRADE, HistoryAction.UPGRADE, HistoryAction.UPGRADE);
		manager.migrate();
		assertThat(database.queryForList("SELECT revision FROM migration_history_state ORDER BY revision"))
			.containsExactly("r1", "r2");
		assertThat(database.queryForList("SELECT downgrade_sql FROM migration_history_state WHERE revision = 'r2'"))
			.singleElement()
			.asString()
			.contains("DROP TABLE t_r2");
	}

	@DatabaseTest(Database.DUCKDB)
	void stampAndRepairChangeTheStateBehindTheirOwnLogRow(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		manager.stamp("r2");
		assertThat(manager.currentRevisions()).containsExactly("r2");
		manager.stamp("r1");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		manager.repair(RepairAction.MARK_ROLLED_BACK, "r1", "dropped by hand", "r1");
		assertThat(manager.currentRevisions()).isEmpty();
		manager.repair(RepairAction.MARK_APPLIED, "r1", "created by hand", "r1");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(manager.history()).extracting(HistoryEntry::action)
			.containsExactly(HistoryAction.REPAIR, HistoryAction.REPAIR, HistoryAction.STAMP, HistoryAction.STAMP);
		assertThat(database.queryForList("SELECT applied_by IS NOT NULL FROM migration_history_state"))
			.containsExactly("true");
	}

	@DatabaseTest(Database.DUCKDB)
	void aStateTableOfTheEarlierLayoutIsRefusedAndNothingIsWritten(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.execute(EARLIER_LAYOUT);
		database.execute("CREATE TABLE t_r1 (id INTEGER)",
				"INSERT INTO migration_history_state (revision, down_revisions, depends_on, message, kind, "
						+ "transactional, reversible, applied_at) VALUES ('r1', '', '', 'Revision r1', 'sql', true, "
						+ "true, CURRENT_TIMESTAMP)",
				"INSERT INTO migration_history (revision, message, action, started_at, duration_ms, success) "
						+ "VALUES ('r1', 'Revision r1', 'upgrade', CURRENT_TIMESTAMP, 1, true)");
		MigrationManager manager = database.manager();
		assertRefused(database, manager::status, "'migration_history_state' is a table of its own, and the log "
				+ "'migration_history' has no column 'applied' nor the state's other columns");
		assertRefused(database, manager::migrate, "'migration_history_state' is a table of its own");
		assertRefused(database, () -> manager.stamp("r2"), "'migration_history_state' is a table of its own");
		assertThat(database.tables()).containsExactly("t_r1");
		assertThat(database.queryForList("SELECT revision FROM migration_history_state")).containsExactly("r1");
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history")).isEqualTo(1);
	}

	@DatabaseTest(Database.DUCKDB)
	void aLogWithoutTheStateColumnsIsRefusedByStatusAndMigrateAndNoViewIsCreated(TestDatabase database) {
		database.writeTable("r1", null);
		database.execute(EARLIER_LAYOUT[1], EARLIER_LAYOUT[2]);
		MigrationManager manager = database.manager();
		assertRefused(database, manager::status,
				"the log 'migration_history' has no column 'applied' nor the state's other columns");
		assertRefused(database, manager::migrate,
				"the log 'migration_history' has no column 'applied' nor the state's other columns");
		assertThat(database.allTables()).containsExactly("migration_history");
		assertThat(database.tables()).isEmpty();
	}

	private static void assertRefused(TestDatabase database, Runnable operation, String found) {
		assertThatExceptionOfType(MigrationStateException.class).isThrownBy(operation::run)
			.withMessageStartingWith("The migration history in schema '" + database.schema() + "' has the layout of "
					+ "an earlier version: ")
			.withMessageContaining(found)
			.withMessageContaining("This version keeps the state in the log 'migration_history', one row per "
					+ "migration, and reads 'migration_history_state' as a view of it; it neither reads nor converts "
					+ "the earlier layout, and wrote nothing. Keep running the version that wrote it, or record the "
					+ "database's place anew")
			.withMessageContaining("drop 'migration_history_state', 'migration_history' and the sequence "
					+ "'migration_history_seq', then stamp(revision)")
			.satisfies((ex) -> assertThat(ex.getRevisions()).isEqualTo(List.of()));
	}

}
