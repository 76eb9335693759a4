package dev.migration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that migrations and their history land in the configured schema and leave the
 * connection's own settings as they were.
 */
class MigrationManagerSchemaTests {

	@DatabaseTest
	void historyTablesAndMigratedTablesLandInTheConfiguredSchema(TestDatabase database) {
		String schema = schema(database);
		database.writeTable("r1", null);
		MigrationManager manager = database.manager((configuration) -> configuration.schema(schema));
		manager.migrate();
		assertThat(database.queryForList("SELECT table_schema || '.' || table_name FROM information_schema.tables"
				+ " WHERE table_name IN ('t_r1', 'migration_history', 'migration_history_state')"
				// Only this test's schemas and the defaults: other schemas belong to others.
				+ " AND table_schema IN ('" + schema + "', '" + database.schema() + "', 'public', 'main')"
				+ " ORDER BY table_name"))
			.containsExactly(schema + ".migration_history", schema + ".migration_history_state", schema + ".t_r1");
		assertThat(manager.currentRevisions()).containsExactly("r1");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void migrateCreatesTheConfiguredSchemaWhenItDoesNotExist(TestDatabase database) {
		String schema = database.schema() + "_new";
		database.writeTable("r1", null);
		try {
			database.manager((configuration) -> configuration.schema(schema)).migrate();
			assertThat(database.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
					+ schema + "' ORDER BY table_name"))
				.containsExactly("migration_history", "migration_history_state", "t_r1");
		}
		finally {
			database.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

	@DatabaseTest
	void migrateRestoresTheConnectionsSearchPath(TestDatabase database) throws SQLException {
		String schema = schema(database);
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		try (ReusedConnectionDataSource dataSource = new ReusedConnectionDataSource(database.dataSource())) {
			String searchPath = useOwnSearchPath(database, dataSource.connection);
			MigrationManager manager = MigrationManager.create(dataSource,
					database.configuration().schema(schema).build());
			manager.migrate();
			assertThat(dataSource.borrowed).isGreaterThan(0);
			assertThat(searchPath(dataSource.connection)).isEqualTo(searchPath);
			assertThat(dataSource.connection.getAutoCommit()).isTrue();
			manager.rollback("base");
			assertThat(searchPath(dataSource.connection)).isEqualTo(searchPath);
		}
	}

	@DatabaseTest
	void failedMigrateRestoresTheConnectionsSearchPath(TestDatabase database) throws SQLException {
		String schema = schema(database);
		database.writeTable("r1", null);
		database.write("r2", "r1", "INSERT INTO no_such_table VALUES (1);", null);
		try (ReusedConnectionDataSource dataSource = new ReusedConnectionDataSource(database.dataSource())) {
			String searchPath = useOwnSearchPath(database, dataSource.connection);
			MigrationManager manager = MigrationManager.create(dataSource,
					database.configuration().schema(schema).build());
			assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
				.withMessageStartingWith("Upgrade of revision r2");
			assertThat(searchPath(dataSource.connection)).isEqualTo(searchPath);
			assertThat(dataSource.connection.getAutoCommit()).isTrue();
		}
	}

	/**
	 * On PostgreSQL the test's own schema; on DuckDB a schema other than
	 * {@code main}, so that landing there is not a coincidence.
	 */
	private static String schema(TestDatabase database) {
		return database.isPostgres() ? database.schema() : "app";
	}

	private static String useOwnSearchPath(TestDatabase database, Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(
					database.isPostgres() ? "SET search_path TO pg_catalog, public" : "SET search_path = 'main'");
		}
		String searchPath = searchPath(connection);
		assertThat(searchPath).contains(database.isPostgres() ? "pg_catalog" : "main");
		return searchPath;
	}

	private static String searchPath(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT current_setting('search_path')")) {
			rows.next();
			return rows.getString(1);
		}
	}

	/**
	 * Like a pool of one: hands out the same physical connection whenever it is free,
	 * so the test can see what the engine left on it, and new connections otherwise
	 * (the PostgreSQL lock takes a second one).
	 */
	private static final class ReusedConnectionDataSource implements PlainDataSource, AutoCloseable {

		private final DataSource delegate;

		private final Connection connection;

		private boolean inUse;

		private int borrowed;

		ReusedConnectionDataSource(DataSource delegate) throws SQLException {
			this.delegate = delegate;
			this.connection = delegate.getConnection();
		}

		@Override
		public synchronized Connection getConnection() throws SQLException {
			if (this.inUse) {
				return this.delegate.getConnection();
			}
			this.inUse = true;
			this.borrowed++;
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, arguments) -> {
						if (method.getName().equals("close")) {
							release();
							return null;
						}
						try {
							return method.invoke(this.connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		private synchronized void release() {
			this.inUse = false;
		}

		@Override
		public void close() throws SQLException {
			this.connection.close();
		}

	}

}
