package dev.migration.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.migration.PlainDataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.dialect.Dialect;
import dev.migration.operation.Column;
import dev.migration.operation.Index;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Table;
import dev.migration.script.SqlScriptParser;
import dev.migration.script.SqlStatement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An isolated database for one test: on PostgreSQL a schema with a random name,
 * dropped afterwards; on DuckDB a database file in a directory of its own. It also
 * has a directory for the test's revision scripts and a few JDBC helpers that work in
 * the test's schema.
 */
public final class TestDatabase implements AutoCloseable {

	/**
	 * The environment variable naming the PostgreSQL server to test against.
	 */
	public static final String POSTGRES_URL_VARIABLE = "MIGRATION_TEST_POSTGRES_URL";

	/**
	 * The system property naming the PostgreSQL server to test against.
	 */
	public static final String POSTGRES_URL_PROPERTY = "migration.test.postgres.url";

	private static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	private final Database database;

	private final Path directory;

	private final String url;

	private final String schema;

	private boolean closed;

	private TestDatabase(Database database, Path directory, String url, String schema) {
		this.database = database;
		this.directory = directory;
		this.url = url;
		this.schema = schema;
	}

	/**
	 * Opens a fresh database.
	 * @param database which one
	 * @return the database
	 */
	public static TestDatabase open(Database database) {
		Path directory;
		try {
			directory = Files.createTempDirectory("migration-test-");
			Files.createDirectories(directory.resolve("scripts"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (database == Database.DUCKDB) {
			return new TestDatabase(database, directory, "jdbc:duckdb:" + directory.resolve("test.db"), "main");
		}
		String url = postgresUrl();
		String schema = "mt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		TestDatabase created = new TestDatabase(database, directory, url, schema);
		try (Connection connection = postgresDataSource(url).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			deleteRecursively(directory);
			throw new IllegalStateException("PostgreSQL is not reachable at " + redact(url) + " (" + ex.getMessage()
					+ "). These tests need a real PostgreSQL server: set " + POSTGRES_URL_VARIABLE + " (or -D"
					+ POSTGRES_URL_PROPERTY + ") to the JDBC URL of a server where schemas may be created, "
					+ "or start the local cluster (pg_ctlcluster <version> main start)", ex);
		}
		return created;
	}

	static String postgresUrl() {
		String url = System.getenv(POSTGRES_URL_VARIABLE);
		if (url == null || url.isBlank()) {
			url = System.getProperty(POSTGRES_URL_PROPERTY);
		}
		return (url != null && !url.isBlank()) ? url.strip() : DEFAULT_POSTGRES_URL;
	}

	private static String redact(String url) {
		return url.replaceAll("(?i)(password=)[^&]*", "$1***");
	}

	private static PGSimpleDataSource postgresDataSource(String url) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(url);
		return dataSource;
	}

	/**
	 * Which database this is.
	 * @return the database
	 */
	public Database database() {
		return this.database;
	}

	/**
	 * Whether this is PostgreSQL.
	 * @return {@code true} on PostgreSQL
	 */
	public boolean isPostgres() {
		return this.database == Database.POSTGRESQL;
	}

	/**
	 * The schema the test's migrations run in.
	 * @return the schema name
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * The JDBC URL.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * A new data source for the database: separate instances behave like separate
	 * application instances.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return isPostgres() ? postgresDataSource(this.url) : new DriverManagerDataSource(this.url);
	}

	/**
	 * The directory the test's scripts are written to.
	 * @return the directory
	 */
	public Path scriptDirectory() {
		return this.directory.resolve("scripts");
	}

	/**
	 * A directory for anything else the test needs.
	 * @return a fresh directory
	 */
	public Path newDirectory() {
		try {
			return Files.createTempDirectory(this.directory, "dir-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A configuration builder for the test's scripts and schema.
	 * @return the builder
	 */
	public MigrationConfiguration.Builder configuration() {
		return MigrationConfiguration.builder().locations("filesystem:" + scriptDirectory()).schema(this.schema);
	}

	/**
	 * A manager with the test's configuration.
	 * @return the manager
	 */
	public MigrationManager manager() {
		return manager(UnaryOperator.identity());
	}

	/**
	 * A manager with the test's configuration, customized.
	 * @param customizer changes to the configuration
	 * @return the manager
	 */
	public MigrationManager manager(UnaryOperator<MigrationConfiguration.Builder> customizer) {
		return MigrationManager.create(dataSource(), customizer.apply(configuration()).build());
	}

	/**
	 * Starts a script in the test's script directory.
	 * @param revision the revision id
	 * @return the script builder
	 */
	public ScriptFile script(String revision) {
		return new ScriptFile(scriptDirectory(), revision);
	}

	/**
	 * Writes a script.
	 * @param revision the revision id
	 * @param parents the comma-separated parents, or {@code null} for a root
	 * @param upgrade the upgrade SQL
	 * @param downgrade the downgrade SQL, or {@code null} for an irreversible revision
	 * @return the file written
	 */
	public Path write(String revision, String parents, String upgrade, String downgrade) {
		return script(revision).parents(parents).upgrade(upgrade).downgrade(downgrade).write();
	}

	/**
	 * Writes a revision that creates a table named after it.
	 * @param revision the revision id, also the table name
	 * @param parents the comma-separated parents, or {@code null} for a root
	 * @return the file written
	 */
	public Path writeTable(String revision, String parents) {
		return write(revision, parents, "CREATE TABLE t_" + revision + " (id INTEGER);",
				"DROP TABLE t_" + revision + ";");
	}

	/**
	 * The tables of the test's schema, history tables excluded, sorted.
	 * @return the table names
	 */
	public List<String> tables() {
		return queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + this.schema
				+ "' AND table_name NOT LIKE 'migration_history%' ORDER BY table_name");
	}

	/**
	 * Every table of the test's schema, sorted.
	 * @return the table names
	 */
	public List<String> allTables() {
		return queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + this.schema
				+ "' ORDER BY table_name");
	}

	/**
	 * Runs a query in the test's schema.
	 * @param sql the query
	 * @return the first column of every row, as strings
	 */
	public List<String> queryForList(String sql) {
		try (Connection connection = connection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Query failed: " + sql + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs a query in the test's schema that returns one number.
	 * @param sql the query
	 * @return the number
	 */
	public long queryForLong(String sql) {
		return Long.parseLong(queryForList(sql).get(0));
	}

	/**
	 * Runs statements in the test's schema.
	 * @param statements the statements
	 */
	public void execute(String... statements) {
		try (Connection connection = connection(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Statement failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The dialect of this database.
	 * @return the dialect
	 */
	public Dialect dialect() {
		return isPostgres() ? Dialect.postgresql() : Dialect.duckdb();
	}

	/**
	 * Runs SQL text, statement by statement, in one transaction.
	 * @param sql the statements, as a script section holds them
	 */
	public void run(String sql) {
		try (Connection connection = connection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (SqlStatement each : SqlScriptParser.statements("test", sql)) {
					statement.execute(each.sql());
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw new IllegalStateException("Failed to run:\n" + sql + "\n" + ex.getMessage(), ex);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The schema of the test's tables, as the engine's introspection sees it.
	 * @return the snapshot
	 */
	public SchemaSnapshot snapshot() {
		return snapshot(Set.of());
	}

	/**
	 * The names the history takes with the default configuration, to leave out of a
	 * {@link #snapshot(Set)}.
	 * @return the names
	 */
	public static Set<String> historyNames() {
		return Set.copyOf(Dialect.historyNames(MigrationConfiguration.DEFAULT_TABLE + "_state",
				MigrationConfiguration.DEFAULT_TABLE));
	}

	/**
	 * The schema of the test's tables, as the engine's introspection sees it.
	 * @param excluded tables to leave out (the history tables)
	 * @return the snapshot
	 */
	public SchemaSnapshot snapshot(Set<String> excluded) {
		try (Connection connection = connection()) {
			return dialect().introspector().snapshot(connection, this.schema, new HashSet<>(excluded));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A snapshot with columns and indexes sorted by name, for comparisons where
	 * re-adding a column puts it last.
	 * @param snapshot the snapshot
	 * @return the normalized snapshot
	 */
	public static SchemaSnapshot normalized(SchemaSnapshot snapshot) {
		Map<String, Table> tables = new LinkedHashMap<>();
		snapshot.tables()
			.forEach((name, table) -> tables.put(name,
					table.withColumns(table.columns().stream().sorted(Comparator.comparing(Column::name)).toList())
						.withIndexes(table.indexes().stream().sorted(Comparator.comparing(Index::name)).toList())));
		return new SchemaSnapshot(tables);
	}

	/**
	 * A new connection whose unqualified names resolve in the test's schema.
	 * @return the connection
	 * @throws SQLException on failure
	 */
	public Connection connection() throws SQLException {
		Connection connection = dataSource().getConnection();
		if (isPostgres()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET search_path TO " + this.schema);
			}
		}
		return connection;
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			if (isPostgres()) {
				try (Connection connection = postgresDataSource(this.url).getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
				}
				catch (SQLException ex) {
					throw new IllegalStateException("Cannot drop test schema " + this.schema, ex);
				}
			}
		}
		finally {
			deleteRecursively(this.directory);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory left behind does no harm.
		}
	}

	/**
	 * A data source that opens a connection per call, like a DuckDB application without
	 * a pool.
	 */
	static final class DriverManagerDataSource implements PlainDataSource {

		private final String url;

		DriverManagerDataSource(String url) {
			this.url = url;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return DriverManager.getConnection(this.url);
		}

	}

}
