package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A DuckDB database in a file, for wiring tests.
 */
final class TestDatabase {

	private TestDatabase() {
	}

	static String url(Path directory, String name) {
		return "jdbc:duckdb:" + directory.resolve(name + ".db").toAbsolutePath();
	}

	static DataSource dataSource(Path directory, String name) {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
		dataSource.setDriverClass(org.duckdb.DuckDBDriver.class);
		dataSource.setUrl(url(directory, name));
		return dataSource;
	}

	static boolean hasTable(DataSource dataSource, String table) {
		try (Connection connection = dataSource.getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
			return tables.next();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean hasTable(Path directory, String name, String table) {
		return hasTable(dataSource(directory, name), table);
	}

}
