package dev.migration;

import java.util.List;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for DuckDB's history, which keeps the state in the log: one row per migration
 * and step in the log's entries, the log a view of them and the state a view of the
 * log, and a history of an earlier layout (a state table of its own and a log without
 * the state's columns; a log table with the state's columns) refused rather than
 * misread.
 */
class DuckDbHistoryLayoutTests {

	/**
	 * The state table and the log as the first layout created them.
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

	/**
	 * The log with the state's columns, and the state a view of it, as the second layout
	 * created them.
	 */
	private static final String[] LOG_TABLE_LAYOUT = { "CREATE SEQUENCE migration_history_seq", """
			CREATE TABLE migration_history (
			    id BIGINT NOT NULL DEFAULT nextval('migration_history_seq'), revision VARCHAR NOT NULL,
			    message VARCHAR, action VARCHAR NOT NULL, checksum VARCHAR, checksum_version INTEGER,
			    db_user VARCHAR, host VARCHAR, started_at TIMESTAMPTZ NOT NULL, duration_ms BIGINT NOT NULL,
			    success BOOLEAN NOT NULL, error VARCHAR, duration_us BIGINT, committed_statements INTEGER,
			    committed_checksum VARCHAR, applied BOOLEAN, down_revisions VARCHAR, depends_on VARCHAR,
			    kind VARCHAR, script VARCHAR, transactional BOOLEAN, reversible BOOLEAN, downgrade_sql VARCHAR,
			    applied_at TIMESTAMPTZ, applied_by VARCHAR, script_text VARCHAR)""", """
			CREATE VIEW migration_history_state AS
			SELECT revision, down_revisions, depends_on, message, kind, script, checksum, checksum_version,
			    transactional, reversible, downgrade_sql, applied_at, applied_by, script_text, id AS log_id
			FROM migration_history
			WHERE applied AND id IN (SELECT max(id) FROM migration_history WHERE applied IS NOT NULL
			    GROUP BY revision)""" };

	@DatabaseTest(Database.DUCKDB)
	void eachStepWritesOneRowAndTheStateIsAViewOfTheLog(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history")).isEqualTo(2);
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history_entries")).isEqualTo(2);
		assertThat(database.queryForList("SELECT table_name || ' ' || table_type FROM information_schema.tables "
				+ "WHERE table_name LIKE 'migration_history%' AND table_schema = '" + database.schema()
				+ "' ORDER BY table_name"))
			.containsExactly("migration_history VIEW", "migration_history_entries BASE TABLE",
					"migration_history_state VIEW");
		assertThat(database.queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = "
				+ "'migration_history_entries' AND table_schema = '" + database.schema() + "' ORDER BY ordinal_position"))
			.containsExactly("id", "revision", "applied", "applied_at", "message", "checksum", "checksum_version",
					"entry");
		// The log's view gives every column back with its type.
		assertThat(database.queryForList("SELECT action || ' ' || success || ' ' || (duration_us >= 0) || ' ' || "
				+ "checksum_version || ' ' || transactional || ' ' || (started_at <= CURRENT_TIMESTAMP) || ' ' || "
				+ "(applied_at <= CURRENT_TIMESTAMP) || ' ' || kind FROM migration_history ORDER BY id"))
			.containsExactly("upgrade true true 1 true true true sql", "upgrade true true 1 true true true sql");
		assertThat(database.queryForList("SELECT script_text FROM migration_history_state WHERE revision = 'r1'"))
			.singleElement()
			.asString()
			.contains("CREATE TABLE t_r1");
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
	void aStateTableOfTheFirstLayoutIsRefusedAndNothingIsWritten(TestDatabase database) {
		MigrationManager manager = atR1InAnEarlierLayout(database, EARLIER_LAYOUT,
				"INSERT INTO migration_history_state (revision, down_revisions, depends_on, message, kind, "
						+ "transactional, reversible, applied_at) VALUES ('r1', '', '', 'Revision r1', 'sql', true, "
						+ "true, CURRENT_TIMESTAMP)",
				"INSERT INTO migration_history (revision, message, action, started_at, duration_ms, success) "
						+ "VALUES ('r1', 'Revision r1', 'upgrade', CURRENT_TIMESTAMP, 1, true)");
		assertRefused(database, manager::status, "'migration_history_state' is a table of its own, and the log "
				+ "'migration_history' is a table of its own, without the state's columns");
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
				"the log 'migration_history' is a table of its own, without the state's columns");
		assertRefused(database, manager::migrate,
				"the log 'migration_history' is a table of its own, without the state's columns");
		assertThat(database.allTables()).containsExactly("migration_history");
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest(Database.DUCKDB)
	void aLogTableWithTheStateColumnsIsRefusedAndNothingIsWritten(TestDatabase database) {
		MigrationManager manager = atR1InAnEarlierLayout(database, LOG_TABLE_LAYOUT,
				"INSERT INTO migration_history (revision, message, action, started_at, duration_ms, success, applied, "
						+ "down_revisions, depends_on, kind, transactional, reversible, applied_at) VALUES ('r1', "
						+ "'Revision r1', 'upgrade', CURRENT_TIMESTAMP, 1, true, true, '', '', 'sql', true, true, "
						+ "CURRENT_TIMESTAMP)");
		String found = "the log 'migration_history' is a table of its own, with the state's columns";
		assertRefused(database, manager::status, found);
		assertRefused(database, manager::migrate, found);
		assertRefused(database, () -> manager.stamp("r2"), found);
		assertRefused(database, () -> manager.rollback("base"), found);
		assertThat(database.tables()).containsExactly("t_r1");
		assertThat(database.allTables()).containsExactly("migration_history", "migration_history_state", "t_r1");
		assertThat(database.queryForList("SELECT revision FROM migration_history_state")).containsExactly("r1");
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history")).isEqualTo(1);
	}

	/**
	 * Scripts r1 and r2, and the database at r1 as an earlier layout recorded it.
	 */
	private static MigrationManager atR1InAnEarlierLayout(TestDatabase database, String[] layout, String... rows) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.execute(layout);
		database.execute("CREATE TABLE t_r1 (id INTEGER)");
		database.execute(rows);
		return database.manager();
	}

	private static void assertRefused(TestDatabase database, Runnable operation, String found) {
		assertThatExceptionOfType(MigrationStateException.class).isThrownBy(operation::run)
			.withMessageStartingWith("The migration history in schema '" + database.schema() + "' has the layout of "
					+ "an earlier version: ")
			.withMessageContaining(found)
			.withMessageContaining("This version keeps the log's rows in 'migration_history_entries', one row per "
					+ "migration that carries the state, and reads the log 'migration_history' and the state "
					+ "'migration_history_state' as views of it; it neither reads nor converts the earlier layout, and "
					+ "wrote nothing. Keep running the version that wrote it, or record the database's place anew")
			.withMessageContaining("drop 'migration_history_state', 'migration_history' and the sequence "
					+ "'migration_history_seq', then stamp(revision)")
			.satisfies((ex) -> assertThat(ex.getRevisions()).isEqualTo(List.of()));
	}

}
