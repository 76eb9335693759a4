package dev.migration.autogenerate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.migration.PlainDataSource;

import dev.migration.dialect.Dialect;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Table;
import dev.migration.script.SqlScriptParser;
import dev.migration.script.SqlStatement;

/**
 * A real database for one test: a fresh random schema on PostgreSQL (dropped with
 * CASCADE on close), or a DuckDB file in a temporary directory.
 */
public final class TestDatabase implements AutoCloseable {

	/**
	 * The databases tests run on.
	 */
	public enum Kind {

		/**
		 * PostgreSQL, at {@code migration.test.postgres.url} or
		 * {@code MIGRATION_TEST_POSTGRES_URL}.
		 */
		POSTGRESQL,

		/**
		 * DuckDB, a file in a temporary directory.
		 */
		DUCKDB

	}

	private static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	private final Kind kind;

	private final String url;

	private final String schema;

	private final Connection connection;

	private TestDatabase(Kind kind, String url, String schema) throws SQLException {
		this.kind = kind;
		this.url = url;
		this.schema = schema;
		this.connection = DriverManager.getConnection(url);
	}

	public static TestDatabase create(Kind kind, Path directory) {
		return (kind == Kind.POSTGRESQL) ? postgres() : duckdb(directory);
	}

	public static TestDatabase postgres() {
		String base = System.getProperty("migration.test.postgres.url");
		if (base == null || base.isBlank()) {
			base = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		}
		if (base == null || base.isBlank()) {
			base = DEFAULT_POSTGRES_URL;
		}
		String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection admin = DriverManager.getConnection(base); Statement statement = admin.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL is not reachable at " + base + " (" + ex.getMessage()
					+ "). Start PostgreSQL there, or give its JDBC URL in the system property"
					+ " migration.test.postgres.url or the environment variable MIGRATION_TEST_POSTGRES_URL", ex);
		}
		String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		try {
			return new TestDatabase(Kind.POSTGRESQL, url, schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static TestDatabase duckdb(Path directory) {
		try {
			return new TestDatabase(Kind.DUCKDB,
					"jdbc:duckdb:" + directory.resolve("test-" + UUID.randomUUID() + ".duckdb"), "main");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Kind kind() {
		return this.kind;
	}

	public Dialect dialect() {
		return (this.kind == Kind.POSTGRESQL) ? Dialect.postgresql() : Dialect.duckdb();
	}

	public String schema() {
		return this.schema;
	}

	public Connection connection() {
		return this.connection;
	}

	/**
	 * A data source handing out the test's own connection, its close suppressed:
	 * DuckDB allows one writer per file and process anyway.
	 */
	public DataSource dataSource() {
		return new SharedConnectionDataSource(this.connection);
	}

	/**
	 * Runs SQL text, statement by statement, in one transaction.
	 */
	public void run(String sql) {
		try {
			this.connection.setAutoCommit(false);
			try (Statement statement = this.connection.createStatement()) {
				for (SqlStatement each : SqlScriptParser.statements("test", sql)) {
					statement.execute(each.sql());
				}
				this.connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				this.connection.rollback();
				throw new IllegalStateException("Failed to run:\n" + sql + "\n" + ex.getMessage(), ex);
			}
			finally {
				this.connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public SchemaSnapshot snapshot() {
		return snapshot(Set.of());
	}

	public SchemaSnapshot snapshot(Set<String> excluded) {
		try {
			return SchemaIntrospector.of(dialect()).snapshot(this.connection, this.schema, new HashSet<>(excluded));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A snapshot with columns sorted by name, for comparisons where re-adding a column
	 * puts it last.
	 */
	public static SchemaSnapshot normalized(SchemaSnapshot snapshot) {
		Map<String, Table> tables = new LinkedHashMap<>();
		snapshot.tables().forEach((name, table) -> tables.put(name, table.withColumns(table.columns()
			.stream()
			.sorted(Comparator.comparing(dev.migration.operation.Column::name))
			.toList())
			.withIndexes(table.indexes().stream().sorted(Comparator.comparing(dev.migration.operation.Index::name)).toList())));
		return new SchemaSnapshot(tables);
	}

	@Override
	public void close() {
		try {
			if (this.kind == Kind.POSTGRESQL) {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
				}
			}
			this.connection.close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return this.kind + " " + this.url;
	}

	private static final class SharedConnectionDataSource implements PlainDataSource {

		private final Connection connection;

		SharedConnectionDataSource(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Connection getConnection() {
			return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						if (method.getName().equals("close")) {
							return null;
						}
						if (method.getName().equals("isClosed")) {
							return false;
						}
						try {
							return method.invoke(this.connection, args);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			return this.connection.unwrap(iface);
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return iface.isInstance(this.connection);
		}

	}

}
