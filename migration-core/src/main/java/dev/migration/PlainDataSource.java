package dev.migration;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} reduced to {@link #getConnection()}, without pooling: for
 * tools, tests and scratch databases. Implement it with a lambda, or take one for a
 * JDBC URL from {@link #of(String)}.
 */
@FunctionalInterface
public interface PlainDataSource extends DataSource {

	/**
	 * A data source that opens a new connection per call through {@link DriverManager}.
	 * @param url the JDBC URL, credentials included
	 * @return the data source
	 */
	static PlainDataSource of(String url) {
		return () -> DriverManager.getConnection(url);
	}

	@Override
	Connection getConnection() throws SQLException;

	@Override
	default Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
	}

	@Override
	default @Nullable PrintWriter getLogWriter() {
		return null;
	}

	@Override
	default void setLogWriter(@Nullable PrintWriter out) {
	}

	@Override
	default void setLoginTimeout(int seconds) {
	}

	@Override
	default int getLoginTimeout() {
		return 0;
	}

	@Override
	default Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	default <T> T unwrap(Class<T> type) throws SQLException {
		throw new SQLException("Not a wrapper of " + type.getName());
	}

	@Override
	default boolean isWrapperFor(Class<?> type) {
		return false;
	}

}
