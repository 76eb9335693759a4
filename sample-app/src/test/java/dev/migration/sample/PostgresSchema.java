package dev.migration.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh schema on the test PostgreSQL server, dropped on {@link #close()}. The
 * server is {@code MIGRATION_TEST_POSTGRES_URL} (or the system property
 * {@code migration.test.postgres.url}), by default the local one.
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
		String url = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("migration.test.postgres.url", DEFAULT_URL);
		}
		String name = "sample_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("These tests need PostgreSQL and cannot reach it at "
					+ url.replaceAll("password=[^&]*", "password=******") + " (" + ex.getMessage()
					+ "). Start the local cluster (pg_ctlcluster --skip-systemctl-redirect <version> main start) "
					+ "or set MIGRATION_TEST_POSTGRES_URL to a server where schemas can be created.", ex);
		}
		return new PostgresSchema(url, name);
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
