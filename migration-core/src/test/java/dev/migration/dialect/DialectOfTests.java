package dev.migration.dialect;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Dialect#of}: the dialect of a real connection, whether it is the
 * driver's own, a wrapper that unwraps to it, or one that hides it (then the metadata
 * tells).
 */
class DialectOfTests {

	@DatabaseTest
	void findsTheDialectOfTheDriversConnection(TestDatabase database) throws SQLException {
		try (Connection connection = database.dataSource().getConnection()) {
			assertThat(Dialect.of(connection).name()).isEqualTo(expected(database));
		}
	}

	@DatabaseTest
	void findsTheDialectThroughAWrapperThatUnwraps(TestDatabase database) throws SQLException {
		try (Connection connection = database.dataSource().getConnection()) {
			assertThat(Dialect.of(wrapper(connection, true)).name()).isEqualTo(expected(database));
		}
	}

	@DatabaseTest
	void asksTheMetadataOfAWrapperThatDoesNotUnwrap(TestDatabase database) throws SQLException {
		try (Connection connection = database.dataSource().getConnection()) {
			assertThat(Dialect.of(wrapper(connection, false)).name()).isEqualTo(expected(database));
		}
	}

	private static String expected(TestDatabase database) {
		return database.isPostgres() ? Dialect.postgresql().name() : Dialect.duckdb().name();
	}

	/**
	 * A connection of a class no driver has, delegating everything; {@code unwrap} either
	 * reaches the driver's connection or fails, as some wrappers' do.
	 */
	private static Connection wrapper(Connection target, boolean unwraps) {
		return (Connection) Proxy.newProxyInstance(DialectOfTests.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("unwrap") && !unwraps) {
						throw new SQLException("Cannot unwrap");
					}
					try {
						return method.invoke(target, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
