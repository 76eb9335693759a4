package dev.migration.benchmark;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;

import javax.sql.DataSource;

import dev.migration.PlainDataSource;

/**
 * A {@link DataSource} that opens a new physical connection on every call, as the first
 * connections of a real start are. The driver is called directly rather than through
 * {@code DriverManager}, so that its service scan costs neither side.
 */
final class UnpooledDataSource implements PlainDataSource {

	private final Driver driver;

	private final String url;

	UnpooledDataSource(Driver driver, String url) {
		this.driver = driver;
		this.url = url;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = this.driver.connect(this.url, new Properties());
		if (connection == null) {
			throw new SQLException("Driver " + this.driver.getClass().getName() + " does not accept " + this.url);
		}
		return connection;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException("The URL carries the credentials");
	}

}
