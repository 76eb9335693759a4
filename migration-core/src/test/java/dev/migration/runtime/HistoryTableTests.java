package dev.migration.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.migration.dialect.Dialect;
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

	@DatabaseTest
	void failedReadOfAnExistingTableIsThrown(TestDatabase database) throws Exception {
		// A state table without the columns the read selects.
		database.execute("CREATE TABLE t_state (revision VARCHAR(64))");
		try (Connection connection = database.connection()) {
			HistoryTable history = history(database, connection);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> history.readStateIfExists(connection))
				.withMessageContaining("message");
		}
	}

	private static HistoryTable history(TestDatabase database, Connection connection) throws SQLException {
		return new HistoryTable(Dialect.of(connection), database.schema(), "t_state", "t_log");
	}

}
