package dev.migration.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.migration.MigrationStateException;
import dev.migration.dialect.Dialect;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HistoryTable#readStateIfExists}: whichever way the dialect finds the
 * state table (DuckDB reads first and asks the catalog only when the read fails), an
 * absent table reads as {@code null} and leaves the connection and its transaction
 * usable, and a read that fails with the table there fails.
 */
class HistoryTableTests {

	@DatabaseTest
	void absentTableReadsAsNullAndLeavesTheConnectionUsable(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			HistoryTable history = history(database, connection);
			assertThat(history.readStateIfExists(connection)).isNull();
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE after_read (id INTEGER)");
			}
		}
		assertThat(database.tables()).containsExactly("after_read");
	}

	@DatabaseTest
	void absentTableReadInATransactionLeavesItUsable(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			HistoryTable history = history(database, connection);
			assertThat(history.readStateIfExists(connection)).isNull();
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE after_read (id INTEGER)");
			}
			connection.commit();
		}
		assertThat(database.tables()).containsExactly("after_read");
	}

	@DatabaseTest
	void existingTableIsRead(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			HistoryTable history = history(database, connection);
			history.create(connection);
			assertThat(history.readStateIfExists(connection)).isEmpty();
		}
	}

	@DatabaseTest(Database.POSTGRESQL)
	void failedReadOfAnExistingTableIsThrown(TestDatabase database) throws Exception {
		// A state table without the columns the read selects.
		database.execute("CREATE TABLE t_state (revision VARCHAR(64))");
		try (Connection connection = database.connection()) {
			HistoryTable history = history(database, connection);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> history.readStateIfExists(connection))
				.withMessageContaining("message");
		}
	}

	// DuckDB's state is a view of the log: a table of its own is of an earlier layout.
	@DatabaseTest(Database.DUCKDB)
	void failedReadOfAStateTableOfItsOwnIsRefusedAsAnEarlierLayout(TestDatabase database) throws Exception {
		database.execute("CREATE TABLE t_state (revision VARCHAR(64))");
		try (Connection connection = database.connection()) {
			HistoryTable history = history(database, connection);
			assertThatExceptionOfType(MigrationStateException.class)
				.isThrownBy(() -> history.readStateIfExists(connection))
				.withMessageContaining("'t_state' is a table of its own")
				.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
					.isInstanceOf(SQLException.class));
		}
	}

	// Only DuckDB reads before asking the catalog, and so can find the table appear between the two.
	@DatabaseTest(Database.DUCKDB)
	void tableCreatedByAnotherInstanceAfterAFailedReadIsRead(TestDatabase database) throws Exception {
		try (Connection connection = database.connection(); Connection other = database.connection()) {
			HistoryTable history = history(database, connection);
			// The other instance creates the table just after this one's first read failed.
			Connection racing = createdAfterFirstFailedRead(connection, () -> history.create(other));
			assertThat(history.readStateIfExists(racing)).isEmpty();
		}
	}

	/**
	 * The connection, with an action run on the first failure of a query it runs.
	 */
	private static Connection createdAfterFirstFailedRead(Connection connection, SqlAction action) {
		boolean[] ran = new boolean[1];
		return (Connection) Proxy.newProxyInstance(HistoryTableTests.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					Object result = invoke(method, connection, args);
					if (!method.getName().equals("createStatement")) {
						return result;
					}
					Statement statement = (Statement) result;
					return Proxy.newProxyInstance(HistoryTableTests.class.getClassLoader(),
							new Class<?>[] { Statement.class }, (statementProxy, statementMethod, statementArgs) -> {
								try {
									return invoke(statementMethod, statement, statementArgs);
								}
								catch (SQLException ex) {
									if (!ran[0]) {
										ran[0] = true;
										action.run();
									}
									throw ex;
								}
							});
				});
	}

	private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@FunctionalInterface
	private interface SqlAction {

		void run() throws SQLException;

	}

	private static HistoryTable history(TestDatabase database, Connection connection) throws SQLException {
		return new HistoryTable(Dialect.of(connection), database.schema(), "t_state", "t_log");
	}

}
