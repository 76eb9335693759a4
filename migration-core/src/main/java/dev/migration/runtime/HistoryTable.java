package dev.migration.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.HistoryAction;
import dev.migration.HistoryEntry;
import dev.migration.MigrationInfo;
import dev.migration.dialect.Dialect;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptChecksum;

/**
 * The two history tables: the state (which revisions are applied now, one row each)
 * and the append-only log of every action. Both live in the migration schema and are
 * created on first write. Their DDL is the dialect's; the statements here are plain
 * standard SQL that both databases run as written.
 */
final class HistoryTable {

	private final Dialect dialect;

	private final String schema;

	private final String stateTable;

	private final String logTable;

	private final String state;

	private final String log;

	private final String insertStateSql;

	private final String deleteStateSql;

	private final String insertLogSql;

	private final String combinedUpgradeSql;

	private final String combinedDowngradeSql;

	HistoryTable(Dialect dialect, String schema, String stateTable, String logTable) {
		this.dialect = dialect;
		this.schema = schema;
		this.stateTable = stateTable;
		this.logTable = logTable;
		this.state = dialect.qualify(schema, stateTable);
		this.log = dialect.qualify(schema, logTable);
		this.insertStateSql = "INSERT INTO " + this.state
				+ " (revision, down_revisions, depends_on, message, kind, script, checksum, checksum_version,"
				+ " transactional, reversible, downgrade_sql, applied_at, applied_by)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
		this.deleteStateSql = "DELETE FROM " + this.state + " WHERE revision = ?";
		this.insertLogSql = "INSERT INTO " + this.log + " (revision, message, action, checksum, checksum_version,"
				+ " db_user, host, started_at, duration_ms, success, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
		boolean cte = dialect.hasWritableCommonTableExpressions();
		this.combinedUpgradeSql = cte ? "WITH applied AS (" + this.insertStateSql + ") " + this.insertLogSql : null;
		this.combinedDowngradeSql = cte ? "WITH reverted AS (" + this.deleteStateSql + ") " + this.insertLogSql
				: null;
	}

	String schema() {
		return this.schema;
	}

	List<String> tableNames() {
		return List.of(this.stateTable, this.logTable, this.logTable + "_seq");
	}

	/**
	 * Whether the state table exists; one catalog query.
	 */
	boolean exists(Connection connection) throws SQLException {
		// Literals in a plain statement: the state is read the same way next, so a start
		// warms up one of the driver's paths, not two.
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.dialect.tableExistsQuery(this.schema, this.stateTable))) {
			return rows.next();
		}
	}

	/**
	 * Creates the schema and both tables unless they exist, in one transaction so that
	 * a reader that finds the state table also finds the log. Call it holding the lock:
	 * concurrent {@code CREATE ... IF NOT EXISTS} can still collide in PostgreSQL's
	 * catalog.
	 */
	void create(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute(this.dialect.createSchema(this.schema));
			for (String ddl : this.dialect.createHistoryTables(this.schema, this.stateTable, this.logTable)) {
				statement.execute(ddl);
			}
			if (autoCommit) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			if (autoCommit) {
				connection.rollback();
			}
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/**
	 * The applied revisions, keyed by id in the order they were applied: the columns
	 * every operation needs, as every start reads them (4 of 10: a fresh JVM decodes the
	 * rest of a thousand rows in several milliseconds, for nothing).
	 */
	Map<String, AppliedRevision> readState(Connection connection) throws SQLException {
		Map<String, AppliedRevision> applied = new LinkedHashMap<>();
		// Concatenated, not formatted: Formatter's first use costs a start a few milliseconds.
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT revision, message, checksum, checksum_version FROM "
						+ this.state + " ORDER BY applied_at, revision")) {
			while (rows.next()) {
				AppliedRevision revision = new AppliedRevision(rows.getString(1), rows.getString(2), rows.getString(3),
						integer(rows.getObject(4)));
				applied.put(revision.revision(), revision);
			}
		}
		return applied;
	}

	/**
	 * The applied revisions as {@link #readState} reads them, or {@code null} when the
	 * state table does not exist. Where the dialect prefers it and no transaction is
	 * open, the state is read first and the catalog asked only when that fails. When the
	 * catalog then has the table, another instance may have created it in between: it is
	 * read again, and a second failure is the read's own.
	 */
	Map<String, AppliedRevision> readStateIfExists(Connection connection) throws SQLException {
		if (!this.dialect.readsStateBeforeCheckingTable() || !connection.getAutoCommit()) {
			return exists(connection) ? readState(connection) : null;
		}
		try {
			return readState(connection);
		}
		catch (SQLException ex) {
			boolean exists;
			try {
				exists = exists(connection);
			}
			catch (SQLException catalogFailure) {
				ex.addSuppressed(catalogFailure);
				throw ex;
			}
			// Created since by another instance, or a failure of the read's own, met again.
			return exists ? readState(connection) : null;
		}
	}

	/**
	 * The whole state rows, keyed by id in the order they were applied (the downgrade
	 * SQL aside): for revisions this build has no script for, and to verify.
	 */
	Map<String, StoredRevision> readStoredState(Connection connection) throws SQLException {
		Map<String, StoredRevision> stored = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT revision, down_revisions, depends_on, message, kind,"
						+ " script, checksum, checksum_version, transactional, reversible FROM " + this.state
						+ " ORDER BY applied_at, revision")) {
			while (rows.next()) {
				StoredRevision revision = new StoredRevision(rows.getString(1), split(rows.getString(2)),
						split(rows.getString(3)), rows.getString(4), rows.getString(5), rows.getString(6),
						rows.getString(7), integer(rows.getObject(8)), rows.getBoolean(9), rows.getBoolean(10));
				stored.put(revision.revision(), revision);
			}
		}
		return stored;
	}

	/**
	 * Whether the log has any row: a schema with an empty state but a log has a history.
	 */
	boolean hasLog(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1 FROM " + this.log + " LIMIT 1")) {
			return rows.next();
		}
	}

	/**
	 * Non-transactional migrations that started and never finished: a {@code start}
	 * row that no later row of the same revision follows, for a revision that is not
	 * applied.
	 */
	List<Interrupted> interrupted(Connection connection) throws SQLException {
		List<Interrupted> interrupted = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT l.revision, l.message, l.started_at, l.host, l.db_user FROM %1$s l
						WHERE l.action = 'start'
						  AND NOT EXISTS (SELECT 1 FROM %1$s n WHERE n.revision = l.revision AND n.id > l.id)
						  AND NOT EXISTS (SELECT 1 FROM %2$s s WHERE s.revision = l.revision)
						ORDER BY l.id""".formatted(this.log, this.state))) {
			while (rows.next()) {
				interrupted.add(new Interrupted(rows.getString(1), rows.getString(2),
						instant(rows.getObject(3, OffsetDateTime.class)), rows.getString(4), rows.getString(5)));
			}
		}
		return interrupted;
	}

	/**
	 * A non-transactional migration that started and never finished.
	 */
	record Interrupted(String revision, String message, Instant startedAt, String host, String user) {

		String describe() {
			return "Revision " + this.revision + " (" + this.message + ") is declared transactional: false and was "
					+ "interrupted: it started at " + this.startedAt + " on " + this.host + " as " + this.user
					+ " and never finished, so some of its statements may be committed. Inspect the schema, then "
					+ "either complete it by hand and record it with repair mark-applied " + this.revision
					+ " --reason \"...\", or undo what it did and migrate again";
		}

	}

	/**
	 * The downgrade SQL stored when a revision was applied, or {@code null}.
	 */
	String storedDowngrade(Connection connection, String revision) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT downgrade_sql FROM " + this.state + " WHERE revision = ?")) {
			statement.setString(1, revision);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	void insertState(Connection connection, MigrationScript script, Instant appliedAt, String user)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.insertStateSql)) {
			bindState(statement, 0, script, appliedAt, user);
			statement.executeUpdate();
		}
	}

	void deleteState(Connection connection, String revision) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.deleteStateSql)) {
			statement.setString(1, revision);
			statement.executeUpdate();
		}
	}

	void insertLog(Connection connection, LogRow row) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.insertLogSql)) {
			bindLog(statement, 0, row);
			statement.executeUpdate();
		}
	}

	/**
	 * A recorder for one run on one connection: it prepares the state and log writes
	 * once and reuses them for every migration of the run.
	 */
	Recorder recorder(Connection connection) {
		return new Recorder(connection);
	}

	private static final int STATE_PARAMETERS = 13;

	private static void bindState(PreparedStatement statement, int offset, MigrationScript script, Instant appliedAt,
			String user) throws SQLException {
		MigrationInfo info = script.info();
		statement.setString(offset + 1, info.revision());
		statement.setString(offset + 2, String.join(",", info.downRevisions()));
		statement.setString(offset + 3, String.join(",", info.dependsOn()));
		statement.setString(offset + 4, info.message());
		statement.setString(offset + 5, info.kind().name().toLowerCase(java.util.Locale.ROOT));
		statement.setString(offset + 6, info.path());
		statement.setString(offset + 7, info.checksum());
		setInteger(statement, offset + 8, (info.checksum() != null) ? ScriptChecksum.VERSION : null);
		statement.setBoolean(offset + 9, info.transactional());
		statement.setBoolean(offset + 10, info.reversible());
		statement.setString(offset + 11, (script.sql() != null) ? script.sql().downgradeSql() : null);
		statement.setObject(offset + 12, OffsetDateTime.ofInstant(appliedAt, ZoneOffset.UTC));
		statement.setString(offset + 13, user);
	}

	private static void bindLog(PreparedStatement statement, int offset, LogRow row) throws SQLException {
		statement.setString(offset + 1, row.revision());
		statement.setString(offset + 2, row.message());
		statement.setString(offset + 3, row.action().name().toLowerCase(java.util.Locale.ROOT));
		statement.setString(offset + 4, row.checksum());
		setInteger(statement, offset + 5, (row.checksum() != null) ? ScriptChecksum.VERSION : null);
		statement.setString(offset + 6, row.user());
		statement.setString(offset + 7, row.host());
		statement.setObject(offset + 8, OffsetDateTime.ofInstant(row.startedAt(), ZoneOffset.UTC));
		statement.setLong(offset + 9, row.duration().toMillis());
		statement.setBoolean(offset + 10, row.error() == null);
		statement.setString(offset + 11, row.error());
	}

	/**
	 * Writes the state and log rows of each migration of a run, inside the migration's
	 * transaction. Where the database has writable common table expressions
	 * (PostgreSQL), both rows go in one statement: one round trip instead of two.
	 */
	final class Recorder implements AutoCloseable {

		private final Connection connection;

		private PreparedStatement upgrade;

		private PreparedStatement downgrade;

		private PreparedStatement log;

		private Recorder(Connection connection) {
			this.connection = connection;
		}

		void upgraded(MigrationScript script, Instant appliedAt, String user, LogRow row) throws SQLException {
			if (HistoryTable.this.combinedUpgradeSql != null) {
				this.upgrade = prepared(this.upgrade, HistoryTable.this.combinedUpgradeSql);
				bindState(this.upgrade, 0, script, appliedAt, user);
				bindLog(this.upgrade, STATE_PARAMETERS, row);
				this.upgrade.executeUpdate();
				return;
			}
			this.upgrade = prepared(this.upgrade, HistoryTable.this.insertStateSql);
			bindState(this.upgrade, 0, script, appliedAt, user);
			this.upgrade.executeUpdate();
			log(row);
		}

		void downgraded(String revision, LogRow row) throws SQLException {
			if (HistoryTable.this.combinedDowngradeSql != null) {
				this.downgrade = prepared(this.downgrade, HistoryTable.this.combinedDowngradeSql);
				this.downgrade.setString(1, revision);
				bindLog(this.downgrade, 1, row);
				this.downgrade.executeUpdate();
				return;
			}
			this.downgrade = prepared(this.downgrade, HistoryTable.this.deleteStateSql);
			this.downgrade.setString(1, revision);
			this.downgrade.executeUpdate();
			log(row);
		}

		void log(LogRow row) throws SQLException {
			this.log = prepared(this.log, HistoryTable.this.insertLogSql);
			bindLog(this.log, 0, row);
			this.log.executeUpdate();
		}

		private PreparedStatement prepared(PreparedStatement statement, String sql) throws SQLException {
			// DuckDB closes a statement that failed: prepare it again then.
			return (statement != null && !statement.isClosed()) ? statement : this.connection.prepareStatement(sql);
		}

		@Override
		public void close() {
			for (PreparedStatement statement : new PreparedStatement[] { this.upgrade, this.downgrade, this.log }) {
				if (statement != null) {
					try {
						statement.close();
					}
					catch (SQLException ex) {
						// Closing with the connection's session is enough.
					}
				}
			}
		}

	}

	/**
	 * The log, newest first; {@code limit} of 0 or less means all.
	 */
	List<HistoryEntry> readLog(Connection connection, int limit) throws SQLException {
		List<HistoryEntry> entries = new ArrayList<>();
		String sql = "SELECT id, revision, message, action, checksum, checksum_version, db_user, host, started_at,"
				+ " duration_ms, success, error FROM " + this.log + " ORDER BY id DESC"
				+ ((limit > 0) ? " LIMIT " + limit : "");
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				Object version = rows.getObject(6);
				entries.add(new HistoryEntry(rows.getLong(1), rows.getString(2), rows.getString(3),
						HistoryAction.valueOf(rows.getString(4).toUpperCase(java.util.Locale.ROOT)), rows.getString(5),
						integer(version), rows.getString(7),
						rows.getString(8), instant(rows.getObject(9, OffsetDateTime.class)),
						Duration.ofMillis(rows.getLong(10)), rows.getBoolean(11), rows.getString(12)));
			}
		}
		return entries;
	}

	/**
	 * The state row's insert as literal SQL, for dry runs and offline scripts.
	 */
	String renderInsertState(MigrationScript script) {
		MigrationInfo info = script.info();
		return "INSERT INTO " + this.state + " (revision, down_revisions, depends_on, message, kind, script, checksum,"
				+ " checksum_version, transactional, reversible, downgrade_sql, applied_at, applied_by) VALUES ("
				+ String.join(", ", literal(info.revision()), literal(String.join(",", info.downRevisions())),
						literal(String.join(",", info.dependsOn())), literal(info.message()),
						literal(info.kind().name().toLowerCase(java.util.Locale.ROOT)), literal(info.path()),
						literal(info.checksum()), (info.checksum() != null) ? String.valueOf(ScriptChecksum.VERSION)
								: "NULL",
						String.valueOf(info.transactional()), String.valueOf(info.reversible()),
						literal((script.sql() != null) ? script.sql().downgradeSql() : null), "CURRENT_TIMESTAMP",
						"current_user")
				+ ")";
	}

	/**
	 * The state row's delete as literal SQL.
	 */
	String renderDeleteState(String revision) {
		return "DELETE FROM " + this.state + " WHERE revision = " + literal(revision);
	}

	/**
	 * A successful log row's insert as literal SQL.
	 */
	String renderInsertLog(MigrationInfo info, HistoryAction action, String host) {
		return renderInsertLog(info, action, host, "0");
	}

	/**
	 * A successful step's state and log rows as one literal statement (a writable
	 * {@code WITH}), sent in the batch of the step's own statements so that recording it
	 * costs no round trip of its own. The log row's start is the transaction's and its
	 * duration the database's clock since then.
	 */
	String renderStepRecord(MigrationScript script, Direction direction, String host) {
		MigrationInfo info = script.info();
		if (direction == Direction.UPGRADE) {
			return "WITH applied AS (" + renderInsertState(script) + ") "
					+ renderInsertLog(info, HistoryAction.UPGRADE, host, this.dialect.millisSinceTransactionStart());
		}
		return "WITH reverted AS (" + renderDeleteState(info.revision()) + ") "
				+ renderInsertLog(info, HistoryAction.DOWNGRADE, host, this.dialect.millisSinceTransactionStart());
	}

	private String renderInsertLog(MigrationInfo info, HistoryAction action, String host, String durationMillis) {
		return "INSERT INTO " + this.log + " (revision, message, action, checksum, checksum_version, db_user, host,"
				+ " started_at, duration_ms, success, error) VALUES ("
				+ String.join(", ", literal(info.revision()), literal(info.message()),
						literal(action.name().toLowerCase(java.util.Locale.ROOT)), literal(info.checksum()),
						(info.checksum() != null) ? String.valueOf(ScriptChecksum.VERSION) : "NULL", "current_user",
						literal(host), "CURRENT_TIMESTAMP", durationMillis, "true", "NULL")
				+ ")";
	}

	/**
	 * Updates the checksum recorded for an applied revision (an audited repair).
	 */
	void updateChecksum(Connection connection, String revision, String checksum) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"UPDATE " + this.state + " SET checksum = ?, checksum_version = ? WHERE revision = ?")) {
			statement.setString(1, checksum);
			setInteger(statement, 2, (checksum != null) ? ScriptChecksum.VERSION : null);
			statement.setString(3, revision);
			statement.executeUpdate();
		}
	}

	private String literal(String value) {
		return this.dialect.stringLiteral(value);
	}

	private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
		if (value != null) {
			statement.setInt(index, value);
		}
		else {
			statement.setNull(index, Types.INTEGER);
		}
	}

	private static Integer integer(Object value) {
		return (value != null) ? ((Number) value).intValue() : null;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static List<String> split(String list) {
		if (list == null || list.isEmpty()) {
			return List.of();
		}
		// A loop, not a stream or a regex: it runs for every row of a whole-state read.
		List<String> ids = new ArrayList<>(2);
		int from = 0;
		while (from <= list.length()) {
			int comma = list.indexOf(',', from);
			int end = (comma >= 0) ? comma : list.length();
			String id = list.substring(from, end).strip();
			if (!id.isEmpty()) {
				ids.add(id);
			}
			from = end + 1;
		}
		return ids.isEmpty() ? List.of() : List.copyOf(ids);
	}

	/**
	 * One row to append to the log.
	 */
	record LogRow(String revision, String message, HistoryAction action, String checksum, String user, String host,
			Instant startedAt, Duration duration, String error) {

	}

}
