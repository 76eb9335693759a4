package dev.migration.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh database on the test PostgreSQL server, dropped on {@link #close()}. The
 * server is {@code MIGRATION_TEST_POSTGRES_URL} (or the system property
 * {@code migration.test.postgres.url}), by default the local one.
 */
public final class PostgresDatabase implements AutoCloseable {

	static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	private final String serverUrl;

	private final String name;

	private PostgresDatabase(String serverUrl, String name) {
		this.serverUrl = serverUrl;
		this.name = name;
	}

	/**
	 * Creates a database of its own.
	 * @return the database
	 */
	public static PostgresDatabase create() {
		String url = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("migration.test.postgres.url", DEFAULT_URL);
		}
		String name = "instances_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		executeOnServer(url, "CREATE DATABASE " + name);
		return new PostgresDatabase(url, name);
	}

	/**
	 * A JDBC URL of this database, with the server URL's parameters (user, password).
	 * @return the URL
	 */
	public String url() {
		int query = this.serverUrl.indexOf('?');
		String base = (query != -1) ? this.serverUrl.substring(0, query) : this.serverUrl;
		String parameters = (query != -1) ? this.serverUrl.substring(query) : "";
		return base.substring(0, base.lastIndexOf('/') + 1) + this.name + parameters;
	}

	/**
	 * Whether a table exists in this database's {@code public} schema.
	 * @param table the table name
	 * @return {@code true} if it does
	 */
	public boolean hasTable(String table) {
		try (Connection connection = DriverManager.getConnection(url());
				ResultSet tables = connection.getMetaData().getTables(null, "public", table, null)) {
			return tables.next();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A {@link DataSource} of this database without a pool, one connection per call.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url());
	}

	/**
	 * The revisions recorded as applied in the {@code public} schema.
	 * @return the revision ids, sorted
	 */
	public List<String> revisions() {
		return revisions("public");
	}

	/**
	 * The revisions recorded as applied in a schema's history.
	 * @param schema the schema of the history table
	 * @return the revision ids, sorted
	 */
	public List<String> revisions(String schema) {
		String sql = "SELECT revision FROM " + schema + ".migration_history_state ORDER BY 1";
		List<String> revisions = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				revisions.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
		return revisions;
	}

	/**
	 * Runs statements in this database, one after the other.
	 * @param statements the SQL statements
	 */
	public void execute(String... statements) {
		try (Connection connection = DriverManager.getConnection(url());
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(String.join("; ", statements), ex);
		}
	}

	@Override
	public void close() {
		executeOnServer(this.serverUrl, "DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static void executeOnServer(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("These tests need PostgreSQL and cannot run '" + sql + "' at "
					+ url.replaceAll("password=[^&]*", "password=******") + " (" + ex.getMessage()
					+ "). Start the local cluster (pg_ctlcluster --skip-systemctl-redirect <version> main start) "
					+ "or set MIGRATION_TEST_POSTGRES_URL to a server where databases can be created.", ex);
		}
	}

}
