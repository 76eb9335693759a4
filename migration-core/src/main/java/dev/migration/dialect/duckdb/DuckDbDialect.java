package dev.migration.dialect.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.migration.MigrationException;
import dev.migration.MigrationLockException;
import dev.migration.autogenerate.SchemaIntrospector;
import dev.migration.dialect.Dialect;
import dev.migration.operation.OperationRenderer;
import org.jspecify.annotations.Nullable;

/**
 * DuckDB: transactional DDL, one writing process per database file (so the lock is
 * in-process), sequences for the log's ids. Not API: use {@link Dialect#duckdb()}.
 */
public final class DuckDbDialect implements Dialect {

	/**
	 * The one instance, which {@link Dialect#duckdb()} returns.
	 */
	public static final DuckDbDialect INSTANCE = new DuckDbDialect();

	/**
	 * The columns of the log's entries kept beside the entry rather than in it: those the
	 * state's view filters and joins on, and those a start reads of every applied
	 * revision.
	 */
	private static final List<String> ENTRY_COLUMNS = List.of("revision", "applied", "applied_at", "message",
			"checksum", "checksum_version");

	private DuckDbDialect() {
	}

	@Override
	public String name() {
		return "duckdb";
	}

	@Override
	public OperationRenderer renderer() {
		return new DuckDbRenderer(this);
	}

	@Override
	public SchemaIntrospector introspector() {
		return new DuckDbIntrospector();
	}

	/**
	 * An in-memory database: a named one lives while a connection to it is open.
	 */
	@Override
	public String scratchDatabaseUrl(String name) {
		return (name != null) ? "jdbc:duckdb::memory:" + name : "jdbc:duckdb:";
	}

	/**
	 * DuckDB parses {@code ON DELETE CASCADE} and the like but refuses to run them.
	 */
	@Override
	public boolean hasReferentialActions() {
		return false;
	}

	@Override
	public String defaultSchema() {
		return "main";
	}

	@Override
	public String currentSchemaQuery() {
		return "SELECT current_schema()";
	}

	@Override
	public String useSchema(String schema) {
		return "SET search_path = '" + schema.replace("'", "''") + "'";
	}

	@Override
	public String restoreSearchPath(String searchPath) {
		return (searchPath == null || searchPath.isEmpty()) ? "RESET search_path"
				: "SET search_path = '" + searchPath.replace("'", "''") + "'";
	}

	/**
	 * DuckDB plans each new query shape from scratch, 10 to 25 ms the first time in a
	 * process, and the catalog query is a shape a start needs for nothing once the
	 * table exists, as it does at every start but the first.
	 */
	@Override
	public boolean readsStateBeforeCheckingTable() {
		return true;
	}

	@Override
	public String databaseIdentityQuery() {
		return "SELECT path FROM duckdb_databases() WHERE database_name = current_database()";
	}

	/**
	 * Each row a migration's transaction writes costs DuckDB most of a millisecond,
	 * as much as a small migration's DDL: the state is kept in the log, one row per
	 * migration.
	 */
	@Override
	public boolean keepsStateInLog() {
		return true;
	}

	/**
	 * The log's entries, the log as a view of them, and the state as a view of the
	 * log. DuckDB's insert costs by the columns of the table: a row of 26 columns took
	 * it about three times as long as a row of one, so an entry keeps the row's columns
	 * in one JSON text, and beside it only those a start reads of every applied revision
	 * (its state, ordered by when it was applied), which unpacking from the JSON would
	 * make three times slower to read. The entries' id comes from a sequence and they
	 * are append-only: no primary key, whose index DuckDB would maintain on every
	 * insert. The state's view is read at every start, and DuckDB plans each new query
	 * shape from scratch: a scan and a semi-join on each revision's latest id (a window
	 * over the rows instead reads more slowly: it carries every column of the view, the
	 * script texts among them).
	 */
	@Override
	public List<String> createHistoryTables(String schema, String stateTable, String logTable) {
		String sequence = qualify(schema, logTable + "_seq");
		String entries = qualify(schema, Dialect.logEntriesTable(logTable));
		String log = qualify(schema, logTable);
		return List.of("CREATE SEQUENCE IF NOT EXISTS " + sequence, """
				CREATE TABLE IF NOT EXISTS %s (
				    id BIGINT NOT NULL DEFAULT nextval('%s'),
				    revision VARCHAR NOT NULL,
				    applied BOOLEAN,
				    applied_at TIMESTAMPTZ,
				    message VARCHAR,
				    checksum VARCHAR,
				    checksum_version INTEGER,
				    entry VARCHAR NOT NULL
				)""".formatted(entries, sequence.replace("'", "''")), """
				CREATE VIEW IF NOT EXISTS %1$s AS
				SELECT id, revision, message,
				    entry ->> 'action' AS action,
				    checksum, checksum_version,
				    entry ->> 'db_user' AS db_user,
				    entry ->> 'host' AS host,
				    CAST(entry ->> 'started_at' AS TIMESTAMPTZ) AS started_at,
				    CAST(entry ->> 'duration_ms' AS BIGINT) AS duration_ms,
				    CAST(entry ->> 'success' AS BOOLEAN) AS success,
				    entry ->> 'error' AS error,
				    CAST(entry ->> 'duration_us' AS BIGINT) AS duration_us,
				    CAST(entry ->> 'committed_statements' AS INTEGER) AS committed_statements,
				    entry ->> 'committed_checksum' AS committed_checksum,
				    applied,
				    entry ->> 'down_revisions' AS down_revisions,
				    entry ->> 'depends_on' AS depends_on,
				    entry ->> 'kind' AS kind,
				    entry ->> 'script' AS script,
				    CAST(entry ->> 'transactional' AS BOOLEAN) AS transactional,
				    CAST(entry ->> 'reversible' AS BOOLEAN) AS reversible,
				    entry ->> 'downgrade_sql' AS downgrade_sql,
				    applied_at,
				    entry ->> 'applied_by' AS applied_by,
				    entry ->> 'script_text' AS script_text
				FROM %2$s""".formatted(log, entries), """
				CREATE VIEW IF NOT EXISTS %1$s AS
				SELECT revision, down_revisions, depends_on, message, kind, script, checksum, checksum_version,
				    transactional, reversible, downgrade_sql, applied_at, applied_by, script_text, id AS entry_id
				FROM %2$s
				WHERE applied AND id IN (SELECT max(id) FROM %3$s WHERE applied IS NOT NULL GROUP BY revision)"""
			.formatted(qualify(schema, stateTable), log, entries));
	}

	/**
	 * The {@link #ENTRY_COLUMNS} in their own columns, the others as a JSON object built
	 * by {@code json_object}, built into DuckDB (each value keeps its JSON type: a bound
	 * timestamp becomes its text, with its offset). The placeholders become numbered
	 * ones ({@code $1}, {@code $2}, ...) in the order they came: the values go to the
	 * entry's columns in another order, and an {@code INSERT ... VALUES} costs DuckDB
	 * less than an {@code INSERT ... SELECT} that would keep them in theirs.
	 */
	@Override
	public String insertLogEntry(String entries, List<String> columns, List<String> values, String from) {
		int next = 1;
		Map<String, String> beside = new LinkedHashMap<>();
		for (String column : ENTRY_COLUMNS) {
			beside.put(column, "NULL");
		}
		StringJoiner entry = new StringJoiner(", ", "json_object(", ")::VARCHAR");
		for (int i = 0; i < columns.size(); i++) {
			String value = values.get(i).equals("?") ? "$" + next++ : values.get(i);
			if (beside.containsKey(columns.get(i))) {
				beside.put(columns.get(i), value);
			}
			else {
				entry.add(stringLiteral(columns.get(i)) + ", " + value);
			}
		}
		String row = String.join(", ", beside.values()) + ", " + entry;
		String insert = "INSERT INTO " + entries + " (" + String.join(", ", ENTRY_COLUMNS) + ", entry) ";
		return (from != null) ? insert + "SELECT " + row + from.substring(0, from.length() - 1) + "$" + next
				: insert + "VALUES (" + row + ")";
	}

	@Override
	public List<String> logEntryColumns() {
		return ENTRY_COLUMNS;
	}

	/**
	 * The JSON object {@code json_object} would build ({@link #insertLogEntry}): built
	 * here, it spares DuckDB binding each of the row's twenty-odd values and building
	 * the text, 0.15 to 0.3 ms of each step's insert.
	 */
	@Override
	public String packLogEntry(Map<String, ?> values) {
		return JsonEntry.of(values);
	}

	@Override
	public String historyLayoutQuery() {
		return """
				SELECT t.table_name, t.table_type = 'VIEW', EXISTS (SELECT 1 FROM information_schema.columns c
				    WHERE c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema
				      AND c.table_name = t.table_name AND c.column_name = 'applied')
				FROM information_schema.tables t
				WHERE t.table_catalog = current_database() AND t.table_schema = ? AND t.table_name IN (?, ?)""";
	}

	/**
	 * None: a history of an earlier layout is refused, not brought up to date (the
	 * layout that keeps the state in the log is the first released).
	 */
	@Override
	public List<String> addCommittedStatementColumns(String schema, String logTable) {
		return List.of();
	}

	@Override
	public String columnsQuery(int schemas) {
		// estimated_size counts the rows in the table's row groups, deleted ones
		// included: zero means the table holds no row at all, and its columns are left
		// out.
		return "SELECT c.schema_name, c.table_name, c.column_name, TRUE"
				+ " FROM duckdb_columns() c JOIN duckdb_tables() t ON t.table_oid = c.table_oid"
				+ " WHERE c.database_name = current_database() AND t.estimated_size > 0 AND c.schema_name IN ("
				+ String.join(", ", java.util.Collections.nCopies(schemas, "?")) + ")";
	}

	@Override
	public String indexExistsQuery() {
		return "SELECT 1 FROM duckdb_indexes() WHERE schema_name = ? AND index_name = ?";
	}

	@Override
	public boolean hasAdvisoryLocks() {
		return false;
	}

	@Override
	public boolean canSnapshot() {
		return true;
	}

	@Override
	public void snapshot(Connection connection, Path file) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			String database = currentDatabase(statement);
			statement.execute("CHECKPOINT");
			statement.execute("ATTACH " + literal(file.toString()) + " AS migration_snapshot");
			try {
				statement.execute("COPY FROM DATABASE " + quote(database) + " TO migration_snapshot");
			}
			finally {
				statement.execute("DETACH migration_snapshot");
			}
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	@Override
	public void restoreSnapshot(Connection connection, Path file) throws SQLException {
		if (!Files.isRegularFile(file)) {
			throw new MigrationException("No snapshot at " + file);
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			String database = currentDatabase(statement);
			statement.execute("ATTACH " + literal(file.toString()) + " AS migration_snapshot (READ_ONLY)");
			try {
				for (String drop : dropEverything(statement, database)) {
					statement.execute(drop);
				}
				statement.execute("COPY FROM DATABASE migration_snapshot TO " + quote(database));
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
				try (Statement detach = connection.createStatement()) {
					detach.execute("DETACH migration_snapshot");
				}
			}
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private List<String> dropEverything(Statement statement, String database) throws SQLException {
		List<String> drops = new ArrayList<>();
		String db = literal(database);
		collect(statement, "SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = " + db
				+ " AND NOT internal", "DROP VIEW %s", drops);
		collect(statement, "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = " + db,
				"DROP TABLE %s CASCADE", drops);
		collect(statement, "SELECT schema_name, sequence_name FROM duckdb_sequences() WHERE database_name = " + db,
				"DROP SEQUENCE %s CASCADE", drops);
		try (ResultSet rows = statement.executeQuery("SELECT schema_name FROM duckdb_schemas() WHERE database_name = "
				+ db + " AND NOT internal AND schema_name <> 'main'")) {
			while (rows.next()) {
				drops.add("DROP SCHEMA " + quote(rows.getString(1)) + " CASCADE");
			}
		}
		return drops;
	}

	private void collect(Statement statement, String query, String format, List<String> into) throws SQLException {
		try (ResultSet rows = statement.executeQuery(query)) {
			while (rows.next()) {
				into.add(format.formatted(qualify(rows.getString(1), rows.getString(2))));
			}
		}
	}

	private static String currentDatabase(Statement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery("SELECT current_database()")) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	@Override
	public MigrationException connectionFailure(SQLException failure) {
		String message = String.valueOf(failure.getMessage());
		if (message.contains("Could not set lock on file")) {
			return new MigrationLockException("The DuckDB database file is held by another process, "
					+ "so migrations cannot run from this one. Stop that process or run the migrations in it. "
					+ "DuckDB said: " + message, failure);
		}
		return Dialect.super.connectionFailure(failure);
	}

	/**
	 * DuckDB keeps an exact row count per table; it does not tell the size in bytes.
	 */
	@Override
	public String lintTableSizeQuery(@Nullable String schema, String table) {
		return "SELECT estimated_size, NULL FROM duckdb_tables() WHERE table_name = " + stringLiteral(table)
				+ " AND schema_name = " + ((schema != null) ? stringLiteral(schema) : "current_schema()");
	}

}
