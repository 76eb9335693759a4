package dev.migration.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.migration.MigrationException;
import dev.migration.autogenerate.SchemaIntrospector;
import dev.migration.dialect.duckdb.DuckDbDialect;
import dev.migration.dialect.postgresql.PostgresDialect;
import dev.migration.operation.OperationRenderer;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to know of one database: its statements for the history
 * tables, the lock and introspection, how it switches schema, and the dialect's own
 * {@link #renderer() renderer} and {@link #introspector() introspector}. Each dialect
 * lives in one package of its own ({@code dialect.postgresql}, {@code dialect.duckdb}):
 * nothing else in the engine tells the databases apart by name.
 */
public interface Dialect {

	/**
	 * The dialect's name: {@code postgresql} or {@code duckdb}, for messages; ask the
	 * dialect's capabilities rather than compare it.
	 * @return the name
	 */
	String name();

	/**
	 * A new renderer of operations as this dialect's DDL.
	 * @return the renderer
	 */
	OperationRenderer renderer();

	/**
	 * A new reader of this dialect's catalog.
	 * @return the introspector
	 */
	SchemaIntrospector introspector();

	/**
	 * Where scratch work (the model that autogenerate compares with, the round trip of
	 * {@code verify}) happens: the JDBC URL of a new in-memory database of this
	 * dialect, or {@code null} where it happens in a temporary schema of the database
	 * itself, dropped afterwards.
	 * @param name a name for a database that several connections of this process
	 * share while one stays open, or {@code null} for one private to a single connection
	 * @return the URL, or {@code null} for a temporary schema
	 */
	default String scratchDatabaseUrl(String name) {
		return null;
	}

	/**
	 * Whether a {@code ON DELETE} action other than {@code NO ACTION} can be declared on a
	 * foreign key.
	 * @return {@code false} for DuckDB
	 */
	default boolean hasReferentialActions() {
		return true;
	}

	/**
	 * Quotes an identifier, doubling any embedded quote.
	 * @param identifier the identifier
	 * @return the quoted identifier
	 */
	default String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/**
	 * A schema-qualified, quoted table name.
	 * @param schema the schema
	 * @param table the table
	 * @return {@code "schema"."table"}
	 */
	default String qualify(String schema, String table) {
		return quote(schema) + "." + quote(table);
	}

	/**
	 * The schema a new connection uses by default, for offline scripts.
	 * @return {@code public} or {@code main}
	 */
	String defaultSchema();

	/**
	 * A query returning the connection's current schema in its first column.
	 * @return the query
	 */
	String currentSchemaQuery();

	/**
	 * The statement that makes a schema the connection's default for unqualified names.
	 * @param schema the schema
	 * @return the statement
	 */
	String useSchema(String schema);

	/**
	 * The statement that creates a schema unless it exists.
	 * @param schema the schema
	 * @return the statement
	 */
	default String createSchema(String schema) {
		return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
	}

	/**
	 * A query that returns a row when the table exists and none when it does not; run at
	 * the start of every operation, so it should be cheap to plan.
	 * @param schema the schema
	 * @param table the table
	 * @return the query, with the names as literals
	 */
	default String tableExistsQuery(String schema, String table) {
		return "SELECT 1 FROM information_schema.tables WHERE table_schema = " + stringLiteral(schema)
				+ " AND table_name = " + stringLiteral(table);
	}

	/**
	 * Whether a start learns that the state table exists by reading it, asking the
	 * catalog ({@link #tableExistsQuery}) only when the read fails, rather than asking
	 * first: for a database where the catalog query costs a start more than the read it
	 * would spare, and where a failed read outside a transaction leaves nothing behind.
	 * Inside a transaction the catalog is always asked first.
	 * @return {@code true} for DuckDB
	 */
	default boolean readsStateBeforeCheckingTable() {
		return false;
	}

	/**
	 * The statements that create the state and log tables unless they exist (where the
	 * dialect {@link #keepsStateInLog() keeps the state in the log}, the log and the
	 * state's view).
	 * @param schema the schema
	 * @param stateTable the state table
	 * @param logTable the log table
	 * @return the statements, in order
	 */
	List<String> createHistoryTables(String schema, String stateTable, String logTable);

	/**
	 * Whether the history keeps the state in the log, so that recording a migration
	 * writes one row, not two: for a database where each row written in a migration's
	 * transaction costs much. Each log row that changes the state carries it: the
	 * revision's whole state and {@code applied = TRUE}, or {@code applied = FALSE} for
	 * its removal ({@code NULL} in the rows that change no state); the state table is a
	 * view of each revision's latest such row, still applied, with that row's id as
	 * {@code entry_id}. Each column a row has costs such a database's insert too, so the
	 * rows are kept in a narrow table, {@link #logEntriesTable the log's entries}: the
	 * id, the revision, {@code applied}, the few columns every start reads, and one
	 * {@code entry} that packs the row's other columns ({@link #insertLogEntry}); the log
	 * is a view of the entries with every column, read by the same queries as a log
	 * table. {@link #createHistoryTables} creates the entries and both views.
	 * @return {@code true} for DuckDB
	 */
	default boolean keepsStateInLog() {
		return false;
	}

	/**
	 * Where the dialect {@link #keepsStateInLog() keeps the state in the log}: the name
	 * of the table that keeps the log's rows, the log being a view of it.
	 * @param logTable the log's name
	 * @return the entries table's name
	 */
	static String logEntriesTable(String logTable) {
		return logTable + "_entries";
	}

	/**
	 * The names the history takes in the migration schema, in every dialect: the state
	 * and the log (tables or views), the log's id sequence where the dialect numbers it
	 * with one, the log's entries where the log is a view of them. What the schema has
	 * under these names is the history's, not the application's.
	 * @param stateTable the state's name
	 * @param logTable the log's name
	 * @return the names
	 */
	static List<String> historyNames(String stateTable, String logTable) {
		return List.of(stateTable, logTable, logTable + "_seq", logEntriesTable(logTable));
	}

	/**
	 * Where the dialect {@link #keepsStateInLog() keeps the state in the log}: the insert
	 * of one log row into the {@link #logEntriesTable log's entries}, its columns packed
	 * into the entry but for those kept beside it, which the log's view unpacks with
	 * their types. The statement takes its parameters in the order of the values'
	 * {@code ?} placeholders, then the one of {@code from}.
	 * @param entries the entries table, qualified
	 * @param columns the row's columns, {@code revision} among them (a column the row
	 * does not name is {@code NULL})
	 * @param values their values, SQL expressions or {@code ?} placeholders, in the same
	 * order
	 * @param from {@code null} for a row of values, or the rest of a {@code SELECT} whose
	 * list the values are, ending with its one placeholder ({@code WHERE revision = ?})
	 * @return the statement
	 */
	default String insertLogEntry(String entries, List<String> columns, List<String> values, String from) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps the state in a table of its own");
	}

	/**
	 * Where the dialect {@link #keepsStateInLog() keeps the state in the log}: the
	 * columns of the {@link #logEntriesTable log's entries} that a row keeps beside its
	 * entry, in their own columns. A row whose values are all bound is inserted as
	 * these columns and the entry, {@link #packLogEntry packed} by the engine, which
	 * costs the database less than packing the values itself
	 * ({@link #insertLogEntry}).
	 * @return the columns, in the order they are inserted
	 */
	default List<String> logEntryColumns() {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps the state in a table of its own");
	}

	/**
	 * Where the dialect {@link #keepsStateInLog() keeps the state in the log}: the entry
	 * of a row whose values are bound, packing its columns but for the
	 * {@link #logEntryColumns() ones beside it} as the log's view unpacks them.
	 * @param values the row's other columns and their values: text, whole numbers,
	 * booleans, {@link java.time.OffsetDateTime timestamps} or {@code null}
	 * @return the entry's text
	 */
	default String packLogEntry(Map<String, ?> values) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps the state in a table of its own");
	}

	/**
	 * For a dialect that {@link #keepsStateInLog() keeps the state in the log}: a query
	 * of what the catalog has under the history's two names, to refuse a layout of
	 * another version (where the log is a view, both the state and the log are views).
	 * One row per table or view found: its name, whether it is a view, and whether it
	 * has the column {@code applied}. Parameters: schema, state table, log table.
	 * @return the query, or {@code null} where the state is a table of its own
	 */
	default String historyLayoutQuery() {
		return null;
	}

	/**
	 * The statements that add to a log table created by an earlier release the columns
	 * that keep a failed {@code transactional: false} migration's progress
	 * ({@code committed_statements}, {@code committed_checksum}), each unless it exists.
	 * @param schema the schema
	 * @param logTable the log table
	 * @return the statements, in order
	 */
	List<String> addCommittedStatementColumns(String schema, String logTable);

	/**
	 * A query of the indexes of a schema that are not valid, such as one left behind by
	 * a failed {@code CREATE INDEX CONCURRENTLY}: the index name and its table's, one
	 * row each, sorted. Parameter: the schema.
	 * @return the query, or {@code null} where the database has no invalid indexes
	 */
	default String invalidIndexesQuery() {
		return null;
	}

	/**
	 * A query of the base tables and views of a schema, one name per row, sorted.
	 * Parameter: the schema.
	 * @return the query
	 */
	default String tablesQuery() {
		return """
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = ? ORDER BY table_name""";
	}

	/**
	 * A query of the columns of a table, in declared order. Parameters: schema, table.
	 * @return the query
	 */
	default String columnsQuery() {
		return """
				SELECT column_name FROM information_schema.columns
				WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position""";
	}

	/**
	 * A query listing the columns of the tables in some schemas, for the data-loss
	 * guard, with whether each table may hold rows: {@code false} only when the table
	 * provably holds none (its storage is empty), so that counting its rows can be
	 * skipped. A dialect may leave such a table out instead (the guard treats a table it
	 * is not told of as one with nothing to lose), which spares sending its columns.
	 * Columns: schema, table, column, may hold rows.
	 * @param schemas how many schema parameters the query takes
	 * @return the query
	 */
	default String columnsQuery(int schemas) {
		return "SELECT table_schema, table_name, column_name, TRUE FROM information_schema.columns"
				+ " WHERE table_schema IN (" + String.join(", ", java.util.Collections.nCopies(schemas, "?")) + ")";
	}

	/**
	 * A query returning a row when an index exists. Parameters: schema, index.
	 * @return the query
	 */
	String indexExistsQuery();

	/**
	 * A query of the connection's search path setting, to restore it after the migrations
	 * ran with the migration schema first.
	 * @return the query
	 */
	default String searchPathQuery() {
		return "SELECT current_setting('search_path')";
	}

	/**
	 * The statement that restores a search path read with {@link #searchPathQuery()}.
	 * @param searchPath the value read
	 * @return the statement
	 */
	String restoreSearchPath(String searchPath);

	/**
	 * For a database without advisory locks: a query returning what identifies the
	 * database within this process (its file), or {@code null} in memory.
	 * @return the query
	 */
	default String databaseIdentityQuery() {
		return "SELECT current_database()";
	}

	/**
	 * The session settings to use while migrations run, by name: for PostgreSQL, how
	 * long a statement waits for a table lock, and how often the server checks that the
	 * client is still there (so the query of a killed process stops and releases its
	 * locks). Empty where the database has none.
	 * @param lockWaitLimit how long a statement may wait for a table lock, or
	 * {@code null} for no limit
	 * @return the settings
	 */
	default java.util.Map<String, String> migrationSettings(java.time.Duration lockWaitLimit) {
		return java.util.Map.of();
	}

	/**
	 * A query that reads a session setting, or {@code null} when the database has no
	 * such setting; its parameter is the name.
	 * @return the query
	 */
	default String readSettingQuery() {
		return "SELECT current_setting(?, true)";
	}

	/**
	 * A query that sets a session setting; its parameters are the name and the value.
	 * @return the query
	 */
	default String writeSettingQuery() {
		return "SELECT set_config(?, ?, false)";
	}

	/**
	 * A query that labels the session as {@link #labelSessionQuery()} does and then
	 * tries the advisory lock as {@link #tryLockQuery()} does, in one round trip; its
	 * parameters are the lock's two keys and the label.
	 * @return the query, or {@code null} where the two are sent apart
	 */
	default String labelAndTryLockQuery() {
		return null;
	}

	/**
	 * A query that releases the advisory lock as {@link #unlockQuery()} does and restores
	 * the connection's label, in one round trip; its parameters are the lock's two keys and
	 * the label. Its first column is the release's result.
	 * @return the query, or {@code null} where the two are sent apart
	 */
	default String unlockAndLabelQuery() {
		return null;
	}

	/**
	 * A query that reads several session settings in one row, a column per setting, for
	 * a session that prepares to run migrations in one round trip rather than one per
	 * setting; its parameters are the names. A setting the server does not know reads as
	 * {@code null}.
	 * @param count how many settings
	 * @return the query, or {@code null} where each setting is read on its own with
	 * {@link #readSettingQuery()}
	 */
	default String readSettingsQuery(int count) {
		return null;
	}

	/**
	 * A query that sets several session settings at once; its parameters are each
	 * setting's name and value in turn. Used with {@link #readSettingsQuery(int)}.
	 * @param count how many settings
	 * @return the query, or {@code null} where each is set on its own
	 */
	default String writeSettingsQuery(int count) {
		return null;
	}

	/**
	 * The name of the search path among the session settings, and the value that puts
	 * the migration schema first, for {@link #writeSettingsQuery(int)}.
	 * @param schema the migration schema
	 * @return the setting's name and value, or {@code null} where the search path is set
	 * with {@link #useSchema(String)} alone
	 */
	default java.util.Map.Entry<String, String> searchPathSetting(String schema) {
		return null;
	}

	/**
	 * Whether a failure is a statement giving up waiting for a table lock.
	 * @param failure the failure
	 * @return {@code true} for a lock timeout
	 */
	default boolean isLockTimeout(java.sql.SQLException failure) {
		return false;
	}

	/**
	 * A string as an SQL literal.
	 * @param value the string, or {@code null}
	 * @return the literal, {@code NULL} for {@code null}
	 */
	default String stringLiteral(String value) {
		return (value != null) ? "'" + value.replace("'", "''") + "'" : "NULL";
	}

	/**
	 * Whether the driver sends a JDBC batch of statements in one round trip, so a
	 * migration's statements go together instead of one by one.
	 * @return {@code true} for PostgreSQL
	 */
	default boolean pipelinesBatches() {
		return false;
	}

	/**
	 * Whether a data-modifying statement can sit in a {@code WITH} clause of another,
	 * so the state and log rows of a migration go in one round trip.
	 * @return {@code true} for PostgreSQL
	 */
	default boolean hasWritableCommonTableExpressions() {
		return false;
	}

	/**
	 * Whether the database has session-level advisory locks that the server releases
	 * when the session ends.
	 * @return {@code true} for PostgreSQL
	 */
	boolean hasAdvisoryLocks();

	/**
	 * A query that tries the advisory lock once without waiting; it returns one boolean.
	 * Parameters: two {@code int} keys.
	 * @return the query
	 */
	default String tryLockQuery() {
		throw new UnsupportedOperationException(name() + " has no advisory locks");
	}

	/**
	 * A query that releases the advisory lock; it returns whether it was held.
	 * Parameters: two {@code int} keys.
	 * @return the query
	 */
	default String unlockQuery() {
		throw new UnsupportedOperationException(name() + " has no advisory locks");
	}

	/**
	 * A query of who holds the advisory lock: owner description and since when.
	 * Parameters: two {@code int} keys.
	 * @return the query
	 */
	default String lockHolderQuery() {
		throw new UnsupportedOperationException(name() + " has no advisory locks");
	}

	/**
	 * A query that labels the session so others can see who holds the lock; it takes
	 * the label as its parameter.
	 * @return the query
	 */
	default String labelSessionQuery() {
		throw new UnsupportedOperationException(name() + " has no session labels");
	}

	/**
	 * Turns a failure to connect into a clearer exception where the dialect knows the
	 * cause (for example, another process holding a database file).
	 * @param failure the failure
	 * @return the exception to throw
	 */
	default MigrationException connectionFailure(SQLException failure) {
		return new MigrationException("Cannot connect to the database: " + failure.getMessage(), failure);
	}

	/**
	 * Whether {@link #snapshot(Connection, java.nio.file.Path)} can copy the whole
	 * database into a file, and {@link #restoreSnapshot} bring it back.
	 * @return {@code true} for DuckDB
	 */
	default boolean canSnapshot() {
		return false;
	}

	/**
	 * Copies the whole database, consistently, into a new file.
	 * @param connection a connection to the database
	 * @param file the snapshot file to create
	 * @throws SQLException on failure
	 */
	default void snapshot(Connection connection, java.nio.file.Path file) throws SQLException {
		throw new MigrationException(name() + " databases cannot be snapshotted by the engine: use your backup tooling");
	}

	/**
	 * Replaces the database's content with a snapshot taken by
	 * {@link #snapshot(Connection, java.nio.file.Path)}.
	 * @param connection a connection to the database
	 * @param file the snapshot file
	 * @throws SQLException on failure
	 */
	default void restoreSnapshot(Connection connection, java.nio.file.Path file) throws SQLException {
		throw new MigrationException(name() + " databases cannot be restored by the engine: use your backup tooling");
	}

	/**
	 * A query of a table's size, for the lint: one row of the estimated row count
	 * (negative when the database has not estimated it yet) and the size in bytes,
	 * indexes and TOAST included ({@code NULL} where the database does not tell); no row
	 * when there is no such table.
	 * @param schema the schema, or {@code null} for the search path
	 * @param table the table
	 * @return the query, or {@code null} where the catalog does not tell sizes
	 */
	default @Nullable String lintTableSizeQuery(@Nullable String schema, String table) {
		return null;
	}

	/**
	 * A query counting a table's rows, but no more than a limit: for a table whose size
	 * the catalog has not estimated yet.
	 * @param schema the schema, or {@code null} for the search path
	 * @param table the table
	 * @param limit the most rows to count
	 * @return the query, returning one number
	 */
	default String lintRowCountQuery(@Nullable String schema, String table, long limit) {
		String name = (schema != null) ? qualify(schema, table) : quote(table);
		return "SELECT count(*) FROM (SELECT 1 FROM " + name + " LIMIT " + limit + ") counted";
	}

	/**
	 * A query of the table an index belongs to: one row of its schema and name, none
	 * when there is no such index.
	 * @param schema the index's schema, or {@code null} for the search path
	 * @param index the index
	 * @return the query, or {@code null} where the lint does not need it
	 */
	default @Nullable String lintIndexTableQuery(@Nullable String schema, String index) {
		return null;
	}

	/**
	 * A query of the valid unique indexes of a table on plain columns: one row per index
	 * of its name and its columns, comma-separated, in index order.
	 * @param schema the schema, or {@code null} for the search path
	 * @param table the table
	 * @return the query, or {@code null} where the lint does not need it
	 */
	default @Nullable String lintUniqueIndexesQuery(@Nullable String schema, String table) {
		return null;
	}

	/**
	 * A query of a column's type, as the database writes it ({@code character
	 * varying(20)}): one row, none when there is no such column.
	 * @param schema the schema, or {@code null} for the search path
	 * @param table the table
	 * @param column the column
	 * @return the query, or {@code null} where the lint does not need it
	 */
	default @Nullable String lintColumnTypeQuery(@Nullable String schema, String table, String column) {
		return null;
	}

	/**
	 * A query of the validated check constraints of a table: one row per constraint of
	 * its definition ({@code CHECK ((email IS NOT NULL))}).
	 * @param schema the schema, or {@code null} for the search path
	 * @param table the table
	 * @return the query, or {@code null} where the lint does not need it
	 */
	default @Nullable String lintValidatedChecksQuery(@Nullable String schema, String table) {
		return null;
	}

	/**
	 * A query of whether a function of the given name is volatile: one boolean row,
	 * {@code NULL} when there is no function of that name.
	 * @param function the function's name, lower case
	 * @return the query, or {@code null} where the lint does not need it
	 */
	default @Nullable String lintVolatileFunctionQuery(String function) {
		return null;
	}

	/**
	 * Finds the dialect of a connection: from the driver's connection class when it is
	 * PostgreSQL's or DuckDB's own (a pool's proxy unwraps to it), else from the
	 * metadata's product name. Every operation starts here, and PostgreSQL's metadata is
	 * an 88 KB class that a fresh JVM would load for this one name.
	 * @param connection the connection
	 * @return the dialect
	 * @throws SQLException if the metadata cannot be read
	 * @throws MigrationException for an unsupported database
	 */
	static Dialect of(Connection connection) throws SQLException {
		String driverClass;
		try {
			driverClass = connection.unwrap(Connection.class).getClass().getName();
		}
		catch (SQLException ex) {
			// A wrapper that does not unwrap: the metadata tells.
			driverClass = "";
		}
		if (driverClass.startsWith("org.postgresql.")) {
			return PostgresDialect.INSTANCE;
		}
		if (driverClass.startsWith("org.duckdb.")) {
			return DuckDbDialect.INSTANCE;
		}
		return forProductName(connection.getMetaData().getDatabaseProductName());
	}

	/**
	 * Finds the dialect for a database product or dialect name.
	 * @param name a product name ({@code PostgreSQL}, {@code DuckDB}) or dialect name
	 * @return the dialect
	 * @throws MigrationException for an unsupported database, naming it
	 */
	static Dialect forProductName(String name) {
		String lower = (name != null) ? name.toLowerCase(Locale.ROOT) : "";
		if (lower.contains("postgres")) {
			return PostgresDialect.INSTANCE;
		}
		if (lower.contains("duckdb")) {
			return DuckDbDialect.INSTANCE;
		}
		throw new MigrationException("Unsupported database '" + name + "': supported are PostgreSQL and DuckDB");
	}

	/**
	 * Finds the dialect of a JDBC URL from its scheme ({@code jdbc:postgresql:},
	 * {@code jdbc:duckdb:}), never from the rest of the URL: a DuckDB file may well be
	 * named {@code postgres_copy.db}. A wrapping driver's prefix, as in
	 * {@code jdbc:tc:postgresql:} or {@code jdbc:p6spy:postgresql:}, is looked through.
	 * @param url the JDBC URL
	 * @return the dialect
	 * @throws MigrationException for a URL of an unsupported database, naming its
	 * scheme only (the rest may hold credentials)
	 */
	static Dialect forJdbcUrl(String url) {
		String text = (url != null) ? url.strip() : "";
		// The scheme's words, up to the first part that is not one (a path, a host).
		int from = 0;
		int end;
		while ((end = text.indexOf(':', from)) > from && isWord(text, from, end)) {
			String word = text.substring(from, end);
			if (from > 0 && word.equalsIgnoreCase("postgresql")) {
				return PostgresDialect.INSTANCE;
			}
			if (from > 0 && word.equalsIgnoreCase("duckdb")) {
				return DuckDbDialect.INSTANCE;
			}
			if (from == 0 && !word.equalsIgnoreCase("jdbc")) {
				break;
			}
			from = end + 1;
		}
		int colon = text.indexOf(':');
		String scheme = (from > 0) ? text.substring(0, from) + "..." : (colon >= 0) ? text.substring(0, colon + 1) + "..." : text;
		throw new MigrationException(
				"Unsupported database URL '" + scheme + "': supported are jdbc:postgresql: and jdbc:duckdb: URLs");
	}

	private static boolean isWord(String text, int from, int end) {
		for (int i = from; i < end; i++) {
			if (!Character.isLetterOrDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The PostgreSQL dialect.
	 * @return the dialect
	 */
	static Dialect postgresql() {
		return PostgresDialect.INSTANCE;
	}

	/**
	 * The DuckDB dialect.
	 * @return the dialect
	 */
	static Dialect duckdb() {
		return DuckDbDialect.INSTANCE;
	}

}
