package dev.migration.autoconfigure.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The databases the command line's tests run on: a DuckDB file in the test's
 * directory, or a fresh schema on the test PostgreSQL server
 * ({@code MIGRATION_TEST_POSTGRES_URL}, or the system property
 * {@code migration.test.postgres.url}, by default the local one), dropped afterwards.
 */
enum CommandDatabase {

	/**
	 * A DuckDB file.
	 */
	DUCKDB,

	/**
	 * A PostgreSQL schema.
	 */
	POSTGRESQL;

	private static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	/**
	 * Opens a database of this kind for one test.
	 * @param directory the test's directory, for a DuckDB file
	 * @return the database
	 */
	Opened open(Path directory) {
		if (this == DUCKDB) {
			SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
			dataSource.setDriverClass(org.duckdb.DuckDBDriver.class);
			dataSource.setUrl(CommandLine.url(directory));
			return new Opened(dataSource, null, () -> {
			});
		}
		String server = postgresUrl();
		String schema = "cli_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		execute(server, "CREATE SCHEMA " + schema);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		return new Opened(dataSource, schema, () -> execute(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
	}

	private static String postgresUrl() {
		String url = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("migration.test.postgres.url", DEFAULT_POSTGRES_URL);
		}
		return url;
	}

	private static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("These tests need PostgreSQL and cannot run '" + sql + "' at "
					+ url.replaceAll("password=[^&]*", "password=******") + " (" + ex.getMessage()
					+ "). Start the local cluster (pg_ctlcluster --skip-systemctl-redirect <version> main start) "
					+ "or set MIGRATION_TEST_POSTGRES_URL (or -Dmigration.test.postgres.url) to a server "
					+ "where schemas can be created.", ex);
		}
	}

	/**
	 * An open database.
	 *
	 * @param dataSource its data source
	 * @param schema the schema of the tests, or {@code null} for the default one
	 * @param close what removes it
	 */
	record Opened(DataSource dataSource, String schema, Runnable close) {

	}

}
