package dev.migration.lint;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.MigrationException;
import dev.migration.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * What the lint reads from the database's catalog, through the dialect's queries:
 * table sizes, the server version, indexes, column types and checks. Only reads;
 * without a connection it knows nothing and says so.
 */
final class LintCatalog {

	private final @Nullable Connection connection;

	private final Dialect dialect;

	private final int serverVersion;

	// The product and version, read on first use: DuckDB's driver asks the database for it.
	private @Nullable String database;

	private final boolean onDemand;

	private final long countLimit;

	// Run before the first query, then forgotten.
	private ScriptLinter.@Nullable CatalogPreparation preparation;

	private final Map<String, Measured> sizes = new HashMap<>();

	private LintCatalog(@Nullable Connection connection, Dialect dialect, int serverVersion,
			@Nullable String database, long countLimit, ScriptLinter.@Nullable CatalogPreparation preparation) {
		this.connection = connection;
		this.dialect = dialect;
		this.serverVersion = serverVersion;
		this.database = database;
		this.countLimit = countLimit;
		this.preparation = preparation;
		this.onDemand = preparation != null;
	}

	/**
	 * The catalog of a connection's database, or none.
	 * @param connection the connection, or {@code null} to lint without a database (as
	 * PostgreSQL scripts)
	 * @param countLimit where to stop counting the rows of a table the catalog has no
	 * estimate for: one more than the small-table threshold
	 * @param preparation what to run on the connection before its first catalog query,
	 * or {@code null} for nothing
	 */
	static LintCatalog of(@Nullable Connection connection, long countLimit,
			ScriptLinter.@Nullable CatalogPreparation preparation) {
		if (connection == null) {
			return new LintCatalog(null, Dialect.postgresql(), 0, null, countLimit, null);
		}
		try {
			Dialect dialect = Dialect.of(connection);
			int version = (dialect == Dialect.postgresql()) ? connection.getMetaData().getDatabaseMajorVersion() : 0;
			return new LintCatalog(connection, dialect, version, null, countLimit, preparation);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the database's metadata for the lint: " + ex.getMessage(), ex);
		}
	}

	Dialect dialect() {
		return this.dialect;
	}

	/**
	 * The server's major version, or 0 when unknown (no database, or DuckDB).
	 */
	int serverVersion() {
		return this.serverVersion;
	}

	/**
	 * The database product and version, or {@code null} without a database, or when the
	 * connection is prepared on demand and no catalog query needed it.
	 */
	@Nullable String database() {
		if (this.database == null && this.connection != null && !(this.onDemand && this.preparation != null)) {
			try {
				DatabaseMetaData metaData = this.connection.getMetaData();
				this.database = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
			}
			catch (SQLException ex) {
				throw new MigrationException("Cannot read the database's metadata for the lint: " + ex.getMessage(),
						ex);
			}
		}
		return this.database;
	}

	boolean connected() {
		return this.connection != null;
	}

	/**
	 * The size of a table.
	 */
	Measured size(TableName table) {
		if (this.connection == null) {
			return Measured.NO_DATABASE;
		}
		return this.sizes.computeIfAbsent(key(table), (key) -> measure(table));
	}

	private Measured measure(TableName table) {
		String sizeQuery = this.dialect.lintTableSizeQuery(table.schema(), table.name());
		if (sizeQuery == null) {
			return Measured.NO_DATABASE;
		}
		prepare();
		try {
			List<List<String>> rows = query(sizeQuery);
			if (rows.isEmpty()) {
				return Measured.MISSING;
			}
			long estimate = (rows.get(0).get(0) != null) ? Long.parseLong(rows.get(0).get(0)) : -1;
			Long bytes = (rows.get(0).get(1) != null) ? Long.valueOf(rows.get(0).get(1)) : null;
			if (estimate > 0) {
				return new Measured(State.MEASURED, estimate, false, bytes, null);
			}
			// Never analyzed (or analyzed empty): count, but no further than the threshold.
			long counted = Long.parseLong(
					query(this.dialect.lintRowCountQuery(table.schema(), table.name(), this.countLimit)).get(0).get(0));
			return new Measured(State.MEASURED, counted, true, bytes, null);
		}
		catch (SQLException | RuntimeException ex) {
			return new Measured(State.FAILED, 0, false, null, ex.getMessage());
		}
	}

	/**
	 * The table an index belongs to, or {@code null} when unknown.
	 */
	@Nullable TableName indexTable(TableName index) {
		String sql = (this.connection != null) ? this.dialect.lintIndexTableQuery(index.schema(), index.name()) : null;
		List<List<String>> rows = quietly(sql);
		return rows.isEmpty() ? null : new TableName(rows.get(0).get(0), rows.get(0).get(1), rows.get(0).get(1));
	}

	/**
	 * The valid unique indexes on plain columns of a table: name to columns.
	 */
	Map<String, List<String>> uniqueIndexes(TableName table) {
		String sql = (this.connection != null) ? this.dialect.lintUniqueIndexesQuery(table.schema(), table.name())
				: null;
		Map<String, List<String>> indexes = new LinkedHashMap<>();
		for (List<String> row : quietly(sql)) {
			indexes.put(row.get(0), List.of(row.get(1).split(",")));
		}
		return indexes;
	}

	/**
	 * A column's type as the database writes it, or {@code null} when unknown.
	 */
	@Nullable String columnType(TableName table, String column) {
		String sql = (this.connection != null)
				? this.dialect.lintColumnTypeQuery(table.schema(), table.name(), column) : null;
		List<List<String>> rows = quietly(sql);
		return rows.isEmpty() ? null : rows.get(0).get(0);
	}

	/**
	 * The columns a validated {@code CHECK (column IS NOT NULL)} of the table proves.
	 */
	List<String> provenNotNull(TableName table) {
		String sql = (this.connection != null)
				? this.dialect.lintValidatedChecksQuery(table.schema(), table.name()) : null;
		List<String> columns = new ArrayList<>();
		for (List<String> row : quietly(sql)) {
			String definition = row.get(0);
			if (definition.regionMatches(true, 0, "CHECK", 0, 5)) {
				String column = StatementAnalysis.notNullColumn(SqlTokens.read(definition.substring(5)));
				if (column != null) {
					columns.add(column);
				}
			}
		}
		return columns;
	}

	/**
	 * Whether a function of that name is volatile, or {@code null} when unknown.
	 */
	@Nullable Boolean volatileFunction(String function) {
		String sql = (this.connection != null) ? this.dialect.lintVolatileFunctionQuery(function) : null;
		List<List<String>> rows = quietly(sql);
		return (rows.isEmpty() || rows.get(0).get(0) == null) ? null
				: rows.get(0).get(0).equals("t") || rows.get(0).get(0).equalsIgnoreCase("true");
	}

	/**
	 * A catalog query's rows; none when there is no query or it fails: what the lint
	 * cannot read, it does not assume.
	 */
	private List<List<String>> quietly(@Nullable String sql) {
		if (sql == null) {
			return List.of();
		}
		prepare();
		try {
			return query(sql);
		}
		catch (SQLException ex) {
			return List.of();
		}
	}

	/**
	 * Prepares the connection before its first query. Outside the catch of a query's
	 * failure: a connection that cannot be prepared ends the lint, as it was asked.
	 */
	private void prepare() {
		ScriptLinter.CatalogPreparation pending = this.preparation;
		if (pending == null) {
			return;
		}
		this.preparation = null;
		try {
			pending.prepare();
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot prepare the connection for the lint's catalog queries: "
					+ ex.getMessage(), ex);
		}
	}

	private List<List<String>> query(String sql) throws SQLException {
		List<List<String>> result = new ArrayList<>();
		try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			int columns = rows.getMetaData().getColumnCount();
			while (rows.next()) {
				List<String> row = new ArrayList<>(columns);
				for (int i = 1; i <= columns; i++) {
					row.add(rows.getString(i));
				}
				result.add(row);
			}
		}
		return result;
	}

	private static String key(TableName table) {
		return table.schema() + "." + table.name();
	}

	/**
	 * Whether a table's size is known.
	 */
	enum State {

		/** Read from the catalog (or counted). */
		MEASURED,

		/** The database has no such table. */
		MISSING,

		/** Linted without a database. */
		NO_DATABASE,

		/** The catalog query failed. */
		FAILED

	}

	/**
	 * A table's size.
	 * @param state whether it is known
	 * @param rows the estimated (or counted) rows
	 * @param counted whether the rows were counted, up to the limit, for want of an
	 * estimate
	 * @param bytes the size in bytes, or {@code null} where the database does not tell
	 * @param failure why the catalog could not tell, or {@code null}
	 */
	record Measured(State state, long rows, boolean counted, @Nullable Long bytes, @Nullable String failure) {

		static final Measured NO_DATABASE = new Measured(State.NO_DATABASE, 0, false, null, null);

		static final Measured MISSING = new Measured(State.MISSING, 0, false, null, null);

	}

}
