package dev.migration.autoconfigure.command;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.migration.MigrationException;
import dev.migration.dialect.Dialect;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.AbstractDriverBasedDataSource;
import org.springframework.util.ClassUtils;

/**
 * The dialect of a DataSource that came without a URL in the configuration (a bean):
 * from the URL it was built with when it tells it (HikariCP, Spring's driver-based
 * DataSources), so that nothing connects; otherwise from a connection's metadata.
 */
final class DataSourceDialect {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			DataSourceDialect.class.getClassLoader());

	private DataSourceDialect() {
	}

	/**
	 * Finds the dialect of a DataSource.
	 * @param dataSource the DataSource
	 * @return its dialect
	 * @throws MigrationException when it cannot be connected to, or is of an unsupported
	 * database
	 */
	static Dialect of(DataSource dataSource) {
		String url = url(dataSource);
		if (url != null) {
			return Dialect.forJdbcUrl(url);
		}
		try (Connection connection = dataSource.getConnection()) {
			return Dialect.of(connection);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot connect to the database to find its dialect (" + ex.getMessage()
					+ "): give --dialect postgresql or --dialect duckdb", ex);
		}
	}

	private static @Nullable String url(DataSource dataSource) {
		if (dataSource instanceof AbstractDriverBasedDataSource driverBased) {
			return driverBased.getUrl();
		}
		return HIKARI_PRESENT ? Hikari.url(dataSource) : null;
	}

	/**
	 * Apart so that HikariCP stays optional.
	 */
	private static final class Hikari {

		static @Nullable String url(DataSource dataSource) {
			return (dataSource instanceof HikariDataSource pool) ? pool.getJdbcUrl() : null;
		}

	}

}
