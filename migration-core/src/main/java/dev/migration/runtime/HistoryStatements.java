package dev.migration.runtime;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.migration.DurationFormat;
import dev.migration.HistoryAction;
import dev.migration.MigrationInfo;
import dev.migration.dialect.Dialect;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptChecksum;

/**
 * The SQL of the two history tables: the dialect's DDL and catalog check, and the
 * reads and writes, which are plain standard SQL that every dialect runs as written.
 * Each written row's columns are listed once, for both its forms: with {@code ?}
 * placeholders and the binding of their values, and with literals for dry runs and
 * offline scripts. The statements are built when asked for, so that a start, which
 * only reads, builds none of the writes.
 * <p>
 * Where the dialect {@link Dialect#keepsStateInLog() keeps the state in the log}, the
 * state "table" is a view of the log, read by the same queries, and every write is an
 * insert into the log: a step's one row carries the state (or its removal) with the
 * log's columns; a stamp or a repair adds, beside its own row, a row of action
 * {@value #STATE_ACTION} per revision it changes, which the log's readers skip. The
 * log itself is then a view of its {@link Dialect#logEntriesTable entries}, and each
 * row is written there: a row of bound values with its entry packed here, by the
 * dialect's {@link Dialect#packLogEntry packing} ({@link #insertBoundEntry}); a row of
 * literals and SQL expressions (dry runs, offline scripts, a checksum's repair that
 * copies the state) packed by the database ({@link #logRow}).
 */
final class HistoryStatements {

	/**
	 * The state's columns in every version of the table: what offline scripts and dry
	 * runs write, so that they run against a table of any version.
	 */
	private static final String STATE_COLUMNS = "revision, down_revisions, depends_on, message, kind, script, checksum,"
			+ " checksum_version, transactional, reversible, downgrade_sql, applied_at, applied_by";

	/**
	 * The column that keeps an applied script's text as it was when it was applied, added
	 * to tables created before it; {@code NULL} in their older rows and for Java
	 * migrations.
	 */
	static final String SCRIPT_TEXT_COLUMN = "script_text";

	/**
	 * The state's columns as the engine writes them.
	 */
	private static final String WRITTEN_STATE_COLUMNS = STATE_COLUMNS + ", " + SCRIPT_TEXT_COLUMN;

	/**
	 * How many values a state row binds: the log row's come after them in a combined
	 * statement.
	 */
	private static final int STATE_PARAMETERS = 14;

	/**
	 * {@link #WRITTEN_STATE_COLUMNS}, one by one, in the order their values are bound.
	 */
	private static final List<String> WRITTEN_STATE_NAMES = names(WRITTEN_STATE_COLUMNS);

	/**
	 * The log's columns in every version of the table.
	 */
	private static final String LOG_COLUMNS = "revision, message, action, checksum, checksum_version, db_user, host,"
			+ " started_at, duration_ms, success, error";

	/**
	 * The column that keeps the duration to the microsecond, added to tables created
	 * before it; {@code NULL} in their older rows, which have {@code duration_ms} only.
	 */
	static final String DURATION_MICROS_COLUMN = "duration_us";

	/**
	 * The column that keeps how many statements of a failed {@code transactional: false}
	 * migration committed, added to tables created before it; {@code NULL} in every
	 * other row.
	 */
	static final String COMMITTED_STATEMENTS_COLUMN = "committed_statements";

	/**
	 * The log's columns as the engine writes them: {@code committed_checksum} is the
	 * checksum of the statements that committed, as the script had them when it failed.
	 */
	private static final String WRITTEN_LOG_COLUMNS = LOG_COLUMNS + ", " + DURATION_MICROS_COLUMN + ", "
			+ COMMITTED_STATEMENTS_COLUMN + ", committed_checksum";

	private static final int LOG_PARAMETERS = 14;

	/**
	 * {@link #WRITTEN_LOG_COLUMNS}, one by one, in the order their values are bound.
	 */
	private static final List<String> WRITTEN_LOG_NAMES = names(WRITTEN_LOG_COLUMNS);

	/**
	 * Where the log keeps the state: the state's columns the log has not of its own, as
	 * offline scripts and dry runs write them (after {@code applied}).
	 */
	private static final String STATE_ONLY_COLUMNS = "down_revisions, depends_on, kind, script, transactional,"
			+ " reversible, downgrade_sql, applied_at, applied_by";

	/**
	 * The action of a log row that only changes the state, for a stamp or a repair whose
	 * own row, in the same transaction, is the entry of the log: not a
	 * {@link HistoryAction}, and skipped by the log's readers.
	 */
	static final String STATE_ACTION = "state";

	private final Dialect dialect;

	private final String schema;

	private final String stateTable;

	private final String logTable;

	private final String state;

	private final String log;

	/**
	 * Where the state is a view of the log, the table of the log's rows, the log being
	 * a view of it; {@code null} otherwise.
	 */
	private final String entries;

	/**
	 * Whether the state is a view of the log: see {@link Dialect#keepsStateInLog()}.
	 */
	private final boolean stateInLog;

	HistoryStatements(Dialect dialect, String schema, String stateTable, String logTable) {
		this.dialect = dialect;
		this.stateInLog = dialect.keepsStateInLog();
		this.schema = schema;
		this.stateTable = stateTable;
		this.logTable = logTable;
		this.state = dialect.qualify(schema, stateTable);
		this.log = dialect.qualify(schema, logTable);
		this.entries = this.stateInLog ? dialect.qualify(schema, Dialect.logEntriesTable(logTable)) : null;
	}

	/**
	 * The tables' names, with the log's id sequence where the dialect has one and the
	 * log's entries where the log is a view of them.
	 */
	List<String> tableNames() {
		return Dialect.historyNames(this.stateTable, this.logTable);
	}

	String stateTable() {
		return this.stateTable;
	}

	String logTable() {
		return this.logTable;
	}

	/**
	 * Whether the state is a view of the log: see {@link Dialect#keepsStateInLog()}.
	 */
	boolean stateInLog() {
		return this.stateInLog;
	}

	/**
	 * Where the state is a view of the log, the dialect's query of the layout the catalog
	 * has under the two names: see {@link Dialect#historyLayoutQuery()}.
	 */
	String layout() {
		return this.dialect.historyLayoutQuery();
	}

	/**
	 * The statements that create the schema and both tables unless they exist, in order.
	 */
	List<String> create() {
		List<String> statements = new ArrayList<>();
		statements.add(this.dialect.createSchema(this.schema));
		statements.addAll(this.dialect.createHistoryTables(this.schema, this.stateTable, this.logTable));
		return statements;
	}

	/**
	 * A query with a row when the state table exists, the names as literals.
	 */
	String exists() {
		return this.dialect.tableExistsQuery(this.schema, this.stateTable);
	}

	/**
	 * The applied revisions. Where the state is a view of the log, the view's
	 * {@code entry_id} too, unused: the state of an earlier layout (a table of its own,
	 * or a view of a log table, whose column is {@code log_id}) has none, so its read
	 * fails and the layout is refused rather than misread.
	 */
	String readState() {
		// Concatenated, not formatted: Formatter's first use costs a start a few milliseconds.
		return "SELECT revision, message, checksum, checksum_version" + (this.stateInLog ? ", entry_id" : "")
				+ " FROM " + this.state + " ORDER BY applied_at, revision";
	}

	String readStoredState() {
		return "SELECT revision, down_revisions, depends_on, message, kind, script, checksum, checksum_version,"
				+ " transactional, reversible FROM " + this.state + " ORDER BY applied_at, revision";
	}

	String readStoredScriptText() {
		return "SELECT " + SCRIPT_TEXT_COLUMN + " FROM " + this.state + " WHERE revision = ?";
	}

	/**
	 * A query with no row whose columns are the state's: which version the table is.
	 */
	String stateColumns() {
		return "SELECT * FROM " + this.state + " WHERE 1 = 0";
	}

	/**
	 * Adds {@link #SCRIPT_TEXT_COLUMN} to a state table created before it.
	 */
	String addScriptText() {
		return "ALTER TABLE " + this.state + " ADD COLUMN " + SCRIPT_TEXT_COLUMN + " TEXT";
	}

	String readStoredDowngrade() {
		return "SELECT downgrade_sql FROM " + this.state + " WHERE revision = ?";
	}

	/**
	 * The successful {@code reapply} and {@code unapply} rows of the repeatable
	 * migrations, oldest first: the last row of each id says whether it stands applied,
	 * and with which checksum.
	 */
	String readRepeatables() {
		return "SELECT revision, action, checksum FROM " + this.log
				+ " WHERE action IN ('reapply', 'unapply') AND success ORDER BY id";
	}

	String hasLog() {
		return "SELECT 1 FROM " + this.log + " LIMIT 1";
	}

	/**
	 * The {@code start} rows that no later row of the same revision follows, for
	 * revisions that are not applied.
	 */
	String readInterrupted() {
		return """
				SELECT l.revision, l.message, l.started_at, l.host, l.db_user FROM %1$s l
				WHERE l.action = 'start'
				  AND NOT EXISTS (SELECT 1 FROM %1$s n WHERE n.revision = l.revision AND n.id > l.id)
				  AND NOT EXISTS (SELECT 1 FROM %2$s s WHERE s.revision = l.revision)
				ORDER BY l.id""".formatted(this.log, this.state);
	}

	/**
	 * The last row of each revision that is not applied when it is a failed upgrade of
	 * a {@code transactional: false} migration that left statements committed. The log
	 * must have {@link #COMMITTED_STATEMENTS_COLUMN}.
	 */
	String readPartlyCommitted() {
		return """
				SELECT l.revision, l.committed_statements, l.committed_checksum, l.checksum, l.started_at FROM %1$s l
				WHERE l.action = 'upgrade' AND NOT l.success AND l.committed_statements > 0
				  AND NOT EXISTS (SELECT 1 FROM %1$s n WHERE n.revision = l.revision AND n.id > l.id)
				  AND NOT EXISTS (SELECT 1 FROM %2$s s WHERE s.revision = l.revision)
				ORDER BY l.id""".formatted(this.log, this.state);
	}

	/**
	 * The log, newest first; {@code limit} of 0 or less means all. Every column, so
	 * that a table of any version reads: {@link #DURATION_MICROS_COLUMN} may be missing.
	 */
	String readLog(int limit) {
		return "SELECT * FROM " + this.log + (this.stateInLog ? " WHERE action <> '" + STATE_ACTION + "'" : "")
				+ " ORDER BY id DESC" + ((limit > 0) ? " LIMIT " + limit : "");
	}

	/**
	 * A query with no row whose columns are the log's: which version the table is.
	 */
	String logColumns() {
		return "SELECT * FROM " + this.log + " WHERE 1 = 0";
	}

	/**
	 * Adds {@link #DURATION_MICROS_COLUMN} to a log created before it.
	 */
	String addDurationMicros() {
		return "ALTER TABLE " + this.log + " ADD COLUMN " + DURATION_MICROS_COLUMN + " BIGINT";
	}

	/**
	 * Adds the columns of a failed migration's committed statements to a log created
	 * before them: the dialect's DDL.
	 */
	List<String> addCommittedStatementColumns() {
		return this.dialect.addCommittedStatementColumns(this.schema, this.logTable);
	}

	/**
	 * Parameters: the checksum, its version, the revision. Where the state is a view of
	 * the log, a {@value #STATE_ACTION} row copies the revision's state with the new
	 * checksum.
	 */
	String updateChecksum() {
		if (this.stateInLog) {
			return logRow(names(WRITTEN_STATE_COLUMNS + ", action, started_at, duration_ms, success, applied"),
					List.of("revision", "down_revisions", "depends_on", "message", "kind", "script", "?", "?",
							"transactional", "reversible", "downgrade_sql", "applied_at", "applied_by",
							SCRIPT_TEXT_COLUMN, "'" + STATE_ACTION + "'", "CURRENT_TIMESTAMP", "0", "TRUE", "TRUE"),
					" FROM " + this.state + " WHERE revision = ?");
		}
		return "UPDATE " + this.state + " SET checksum = ?, checksum_version = ? WHERE revision = ?";
	}

	/**
	 * A state row's insert, for a stamp or a repair. Parameters: {@link #bindState}.
	 * Where the state is a view of the log, a {@value #STATE_ACTION} row
	 * ({@link #insertBoundEntry()}).
	 */
	String insertState() {
		if (this.stateInLog) {
			return insertBoundEntry();
		}
		return insert(this.state, WRITTEN_STATE_COLUMNS, placeholders(STATE_PARAMETERS));
	}

	/**
	 * A state row's delete, for a stamp or a repair. Parameters: {@link #bindDeleteState}.
	 * Where the state is a view of the log, a {@value #STATE_ACTION} row of its removal
	 * ({@link #insertBoundEntry()}): written without reading the view, which a stamp to
	 * base would read once per revision.
	 */
	String deleteState() {
		if (this.stateInLog) {
			return insertBoundEntry();
		}
		return "DELETE FROM " + this.state + " WHERE revision = ?";
	}

	/**
	 * Parameters: {@link #bindLog}.
	 */
	String insertLog() {
		if (this.stateInLog) {
			return insertBoundEntry();
		}
		return insert(this.log, WRITTEN_LOG_COLUMNS, placeholders(LOG_PARAMETERS));
	}

	/**
	 * The one statement that records an applied step, its state and its log row, or
	 * {@code null} where that takes two ({@link #insertState()}, then
	 * {@link #insertLog()}): a writable {@code WITH} where the dialect has them, the log
	 * row that carries the state where the state is a view of the log. Parameters:
	 * {@link #bindUpgradeRecord}.
	 */
	String upgradeRecord() {
		if (this.stateInLog) {
			return insertBoundEntry();
		}
		return this.dialect.hasWritableCommonTableExpressions() ? with("applied", insertState(), insertLog()) : null;
	}

	/**
	 * The one statement that records a reverted step, or {@code null} where that takes
	 * two ({@link #deleteState()}, then {@link #insertLog()}): as
	 * {@link #upgradeRecord()}. Parameters: {@link #bindDowngradeRecord}.
	 */
	String downgradeRecord() {
		if (this.stateInLog) {
			return insertBoundEntry();
		}
		return this.dialect.hasWritableCommonTableExpressions() ? with("reverted", deleteState(), insertLog()) : null;
	}

	/**
	 * Binds the values of {@link #upgradeRecord()}: where the state is a view of the
	 * log, the log row with {@code applied} and the state's other columns.
	 */
	void bindUpgradeRecord(PreparedStatement statement, MigrationScript script, Instant appliedAt, String user,
			HistoryTable.LogRow row) throws SQLException {
		Map<String, Object> state = boundState(script, appliedAt, user);
		Map<String, Object> log = boundLog(row);
		if (this.stateInLog) {
			log.put("applied", true);
			state.forEach(log::putIfAbsent);
			bindEntry(statement, log);
		}
		else {
			bind(statement, 0, WRITTEN_STATE_NAMES, state);
			bind(statement, STATE_PARAMETERS, WRITTEN_LOG_NAMES, log);
		}
	}

	/**
	 * Binds the values of {@link #downgradeRecord()}.
	 */
	void bindDowngradeRecord(PreparedStatement statement, String revision, HistoryTable.LogRow row)
			throws SQLException {
		Map<String, Object> log = boundLog(row);
		if (this.stateInLog) {
			log.put("applied", false);
			bindEntry(statement, log);
		}
		else {
			statement.setString(1, revision);
			bind(statement, 1, WRITTEN_LOG_NAMES, log);
		}
	}

	/**
	 * Binds the values of {@link #insertState()}.
	 */
	void bindState(PreparedStatement statement, MigrationScript script, Instant appliedAt, String user)
			throws SQLException {
		Map<String, Object> state = boundState(script, appliedAt, user);
		if (this.stateInLog) {
			bindEntry(statement, stateChange(state, appliedAt, true));
		}
		else {
			bind(statement, 0, WRITTEN_STATE_NAMES, state);
		}
	}

	/**
	 * Binds the values of {@link #deleteState()}.
	 */
	void bindDeleteState(PreparedStatement statement, String revision) throws SQLException {
		if (this.stateInLog) {
			Map<String, Object> removal = new LinkedHashMap<>();
			removal.put("revision", revision);
			bindEntry(statement, stateChange(removal, Instant.now(), false));
		}
		else {
			statement.setString(1, revision);
		}
	}

	/**
	 * Binds the values of {@link #insertLog()}.
	 */
	void bindLog(PreparedStatement statement, HistoryTable.LogRow row) throws SQLException {
		if (this.stateInLog) {
			bindEntry(statement, boundLog(row));
		}
		else {
			bind(statement, 0, WRITTEN_LOG_NAMES, boundLog(row));
		}
	}

	/**
	 * A {@value #STATE_ACTION} row: the state's values with those of the log row that
	 * records them.
	 */
	private static Map<String, Object> stateChange(Map<String, Object> values, Instant at, boolean applied) {
		values.put("action", STATE_ACTION);
		values.put("started_at", utc(at));
		values.put("duration_ms", 0L);
		values.put("success", true);
		values.put("applied", applied);
		return values;
	}

	/**
	 * Where the log is a view of its entries: the insert of a row whose values are all
	 * bound, the {@link Dialect#logEntryColumns() columns beside the entry}, then the
	 * entry. Parameters: {@link #bindEntry}.
	 */
	private String insertBoundEntry() {
		List<String> columns = new ArrayList<>(this.dialect.logEntryColumns());
		columns.add("entry");
		return insert(this.entries, String.join(", ", columns), placeholders(columns.size()));
	}

	/**
	 * Binds {@link #insertBoundEntry()}: the values of the columns beside the entry
	 * ({@code NULL} for those the row has not), taken out of the row, then the rest of
	 * the row packed by the dialect. The row is one built for this statement alone.
	 */
	private void bindEntry(PreparedStatement statement, Map<String, Object> row) throws SQLException {
		int index = 0;
		for (String column : this.dialect.logEntryColumns()) {
			set(statement, ++index, column, row.remove(column));
		}
		statement.setString(index + 1, this.dialect.packLogEntry(row));
	}

	/**
	 * A successful step's state and log rows as literal SQL for a dry run or an offline
	 * script, applied now by the current user, with no duration (nothing was measured):
	 * the state row's insert or delete and the log row's insert, or the one log row
	 * that carries the state where the state is a view of the log. Beside the state's
	 * columns of every version of the table, they name only those of the log's every
	 * version, which an offline script may meet.
	 */
	List<String> record(MigrationScript script, Direction direction, String host) {
		MigrationInfo info = script.info();
		boolean upgrade = direction == Direction.UPGRADE;
		HistoryAction action = upgrade ? HistoryAction.UPGRADE : HistoryAction.DOWNGRADE;
		if (this.stateInLog) {
			List<String> values = values(logValues(info, action, host), upgrade ? "TRUE" : "FALSE");
			if (!upgrade) {
				return List.of(logRow(names(LOG_COLUMNS + ", applied"), values, null));
			}
			values.addAll(stateOnlyValues(script, "CURRENT_TIMESTAMP", "current_user"));
			return List.of(logRow(names(LOG_COLUMNS + ", applied, " + STATE_ONLY_COLUMNS), values, null));
		}
		String state = upgrade ? insert(this.state, STATE_COLUMNS, stateValues(script, "CURRENT_TIMESTAMP",
				"current_user")) : "DELETE FROM " + this.state + " WHERE revision = " + literal(info.revision());
		return List.of(state, insertLog(info, action, host));
	}

	/**
	 * A successful log row's insert as literal SQL for a dry run or an offline script:
	 * started now, by the current user, with no duration (nothing was measured). It
	 * names only the columns of every version of the table, which an offline script
	 * may meet.
	 */
	String insertLog(MigrationInfo info, HistoryAction action, String host) {
		List<String> values = logValues(info, action, host);
		return this.stateInLog ? logRow(names(LOG_COLUMNS), values, null)
				: insert(this.log, LOG_COLUMNS, String.join(", ", values));
	}

	private List<String> logValues(MigrationInfo info, HistoryAction action, String host) {
		return List.of(literal(info.revision()), literal(info.message()), literal(lower(action)),
				literal(info.checksum()), number(checksumVersion(info.checksum())), "current_user", literal(host),
				"CURRENT_TIMESTAMP", "0", "true", "NULL");
	}

	/**
	 * The values of {@link #STATE_COLUMNS} as literals, with the given expressions for
	 * when and by whom it was applied.
	 */
	private String stateValues(MigrationScript script, String appliedAt, String appliedBy) {
		MigrationInfo info = script.info();
		return String.join(", ", literal(info.revision()), literal(String.join(",", info.downRevisions())),
				literal(String.join(",", info.dependsOn())), literal(info.message()), literal(lower(info.kind())),
				literal(info.path()), literal(info.checksum()), number(checksumVersion(info.checksum())),
				String.valueOf(info.transactional()), String.valueOf(info.reversible()), literal(downgradeSql(script)),
				appliedAt, appliedBy);
	}

	/**
	 * The values of {@link #STATE_ONLY_COLUMNS} as literals, as {@link #stateValues}.
	 */
	private List<String> stateOnlyValues(MigrationScript script, String appliedAt, String appliedBy) {
		MigrationInfo info = script.info();
		return List.of(literal(String.join(",", info.downRevisions())),
				literal(String.join(",", info.dependsOn())), literal(lower(info.kind())), literal(info.path()),
				String.valueOf(info.transactional()), String.valueOf(info.reversible()), literal(downgradeSql(script)),
				appliedAt, appliedBy);
	}

	/**
	 * A state row's values, by column: every one of {@link #WRITTEN_STATE_COLUMNS}.
	 */
	private static Map<String, Object> boundState(MigrationScript script, Instant appliedAt, String user) {
		MigrationInfo info = script.info();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("revision", info.revision());
		values.put("down_revisions", String.join(",", info.downRevisions()));
		values.put("depends_on", String.join(",", info.dependsOn()));
		values.put("message", info.message());
		values.put("kind", lower(info.kind()));
		values.put("script", info.path());
		values.put("checksum", info.checksum());
		values.put("checksum_version", checksumVersion(info.checksum()));
		values.put("transactional", info.transactional());
		values.put("reversible", info.reversible());
		values.put("downgrade_sql", downgradeSql(script));
		values.put("applied_at", utc(appliedAt));
		values.put("applied_by", user);
		values.put(SCRIPT_TEXT_COLUMN, script.text());
		return values;
	}

	/**
	 * A log row's values, by column: every one of {@link #WRITTEN_LOG_COLUMNS}.
	 * {@code duration_ms} keeps the whole milliseconds that readers of earlier versions
	 * expect.
	 */
	private static Map<String, Object> boundLog(HistoryTable.LogRow row) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("revision", row.revision());
		values.put("message", row.message());
		values.put("action", lower(row.action()));
		values.put("checksum", row.checksum());
		values.put("checksum_version", checksumVersion(row.checksum()));
		values.put("db_user", row.user());
		values.put("host", row.host());
		values.put("started_at", utc(row.startedAt()));
		values.put("duration_ms", row.duration().toMillis());
		values.put("success", row.error() == null);
		values.put("error", row.error());
		values.put(DURATION_MICROS_COLUMN, DurationFormat.micros(row.duration()));
		values.put(COMMITTED_STATEMENTS_COLUMN, row.committedStatements());
		values.put("committed_checksum", row.committedChecksum());
		return values;
	}

	/**
	 * Binds the values of {@code columns} after {@code offset} parameters.
	 */
	private static void bind(PreparedStatement statement, int offset, List<String> columns,
			Map<String, Object> values) throws SQLException {
		int index = offset;
		for (String column : columns) {
			if (!values.containsKey(column)) {
				throw new IllegalStateException("No value for history column '" + column + "'");
			}
			set(statement, ++index, column, values.get(column));
		}
	}

	private static void set(PreparedStatement statement, int index, String column, Object value)
			throws SQLException {
		if (value == null) {
			statement.setNull(index, nullType(column));
		}
		else if (value instanceof String text) {
			statement.setString(index, text);
		}
		else if (value instanceof Integer number) {
			statement.setInt(index, number);
		}
		else if (value instanceof Long number) {
			statement.setLong(index, number);
		}
		else if (value instanceof Boolean flag) {
			statement.setBoolean(index, flag);
		}
		else {
			statement.setObject(index, value);
		}
	}

	/**
	 * The type a column's {@code NULL} is bound as: the type the driver would give a
	 * value, so that a prepared statement keeps one shape whether the value is there
	 * or not.
	 */
	private static int nullType(String column) {
		return switch (column) {
			case "checksum_version", COMMITTED_STATEMENTS_COLUMN -> Types.INTEGER;
			case "duration_ms", DURATION_MICROS_COLUMN -> Types.BIGINT;
			case "transactional", "reversible", "success", "applied" -> Types.BOOLEAN;
			case "started_at", "applied_at" -> Types.TIMESTAMP_WITH_TIMEZONE;
			default -> Types.VARCHAR;
		};
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * The version of the checksum algorithm recorded beside a checksum, {@code null}
	 * without one.
	 */
	static Integer checksumVersion(String checksum) {
		return (checksum != null) ? ScriptChecksum.VERSION : null;
	}

	static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
		if (value != null) {
			statement.setInt(index, value);
		}
		else {
			statement.setNull(index, Types.INTEGER);
		}
	}

	private static String insert(String table, String columns, String values) {
		return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
	}

	/**
	 * Where the log is a view of its entries: the insert of a log row into them, as the
	 * dialect packs it ({@link Dialect#insertLogEntry}).
	 * @param columns the row's columns
	 * @param values their values
	 * @param from {@code null} for a row of values, or the rest of a {@code SELECT}
	 * whose list the values are, ending with its one placeholder
	 */
	private String logRow(List<String> columns, List<String> values, String from) {
		if (columns.size() != values.size()) {
			throw new IllegalStateException("A log row has " + columns.size() + " columns and " + values.size()
					+ " values: " + columns);
		}
		return this.dialect.insertLogEntry(this.entries, columns, values, from);
	}

	private static List<String> names(String columns) {
		return List.of(columns.split("\\s*,\\s*"));
	}

	/**
	 * The values, then more: a list that can take more still.
	 */
	private static List<String> values(List<String> first, String... more) {
		List<String> values = new ArrayList<>(first);
		values.addAll(List.of(more));
		return values;
	}

	private static String with(String name, String first, String then) {
		return "WITH " + name + " AS (" + first + ") " + then;
	}

	private static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	private static String downgradeSql(MigrationScript script) {
		return (script.sql() != null) ? script.sql().downgradeSql() : null;
	}

	private String literal(String value) {
		return this.dialect.stringLiteral(value);
	}

	private static String number(Integer value) {
		return (value != null) ? String.valueOf(value) : "NULL";
	}

	/**
	 * Reads the stored downgrade SQL of several revisions in one query. Columns:
	 * revision, downgrade SQL.
	 * @param count how many revision parameters the query takes
	 */
	String readStoredDowngrades(int count) {
		return "SELECT revision, downgrade_sql FROM " + this.state + " WHERE revision IN (" + placeholders(count) + ")";
	}

}
