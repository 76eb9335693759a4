package dev.migration.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema on the test PostgreSQL server, dropped on {@link #close()}. The
 * server is {@code MIGRATION_TEST_POSTGRES_URL} (or the system property
 * {@code migration.test.postgres.url}), by default the local one. An unreachable
 * server fails the test and says how to provide one.
 */
final class PostgresSchema implements AutoCloseable {

	static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	private final String serverUrl;

	private final String name;

	private PostgresSchema(String serverUrl, String name) {
		this.serverUrl = serverUrl;
		this.name = name;
	}

	static PostgresSchema create() {
		String url = serverUrl();
		String name = "rel_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("These tests need PostgreSQL and cannot reach it at "
					+ url.replaceAll("password=[^&]*", "password=******") + " (" + ex.getMessage()
					+ "). Start the local cluster (pg_ctlcluster --skip-systemctl-redirect <version> main start) "
					+ "or set MIGRATION_TEST_POSTGRES_URL (or -Dmigration.test.postgres.url) to a server "
					+ "where schemas can be created.", ex);
		}
		return new PostgresSchema(url, name);
	}

	/**
	 * The server's JDBC URL, without a schema.
	 * @return the URL
	 */
	static String serverUrl() {
		String url = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("migration.test.postgres.url", DEFAULT_URL);
		}
		return url;
	}

	/**
	 * The server's host and port, for a forwarder.
	 * @return {@code host:port}
	 */
	static String hostAndPort() {
		String rest = serverUrl().substring("jdbc:postgresql://".length());
		int end = rest.indexOf('/');
		String hostPort = (end != -1) ? rest.substring(0, end) : rest;
		return hostPort.contains(":") ? hostPort : hostPort + ":5432";
	}

	/**
	 * A JDBC URL whose connections work in this schema.
	 * @return the URL
	 */
	String url() {
		return this.serverUrl + (this.serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + this.name;
	}

	String name() {
		return this.name;
	}

	/**
	 * Arguments that point the sample app (profile {@code staging}) at this schema.
	 * @return the arguments
	 */
	List<String> sampleAppArguments() {
		return List.of("--spring.profiles.active=staging", "--spring.datasource.url=" + url(),
				"--spring.datasource.username=postgres", "--migration.schema=" + this.name);
	}

	DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url());
		return dataSource;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(url());
	}

	/**
	 * Runs a query in this schema and returns every row, columns joined with {@code |}.
	 * @param sql the query
	 * @return the rows
	 */
	List<String> rows(String sql) {
		try (Connection connection = connect()) {
			return Sql.rows(connection, sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Query failed: " + sql + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs statements in this schema, in autocommit.
	 * @param sql the statements
	 */
	void execute(String... sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Statement failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The tables and their columns with types, for comparing the schema before and
	 * after.
	 * @return one line per column
	 */
	List<String> structure() {
		return rows("SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
				+ "FROM information_schema.columns WHERE table_schema = '" + this.name
				+ "' ORDER BY table_name, column_name");
	}

	@Override
	public void close() {
		try (Connection connection = DriverManager.getConnection(this.serverUrl);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot drop schema " + this.name + ": " + ex.getMessage(), ex);
		}
	}

}
