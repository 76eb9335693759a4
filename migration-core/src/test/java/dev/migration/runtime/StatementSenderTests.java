package dev.migration.runtime;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.migration.script.SqlStatement;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link StatementSender}: a migration's statements sent as one batch on
 * PostgreSQL, and the statement at fault named however the batch fails.
 */
class StatementSenderTests {

	private static final List<SqlStatement> THIRD_FAILS = List.of(new SqlStatement("CREATE TABLE a (id INTEGER)", 3),
			new SqlStatement("CREATE INDEX a_id ON a (id)", 4), new SqlStatement("INSERT INTO missing VALUES (1)", 7),
			new SqlStatement("CREATE TABLE b (id INTEGER)", 9));

	private final StatementSender sender = new StatementSender(new StatementLog(false));

	@DatabaseTest
	void batchRunsEveryStatementInTheTransaction(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			this.sender.sendBatch(connection, "r1",
					List.of(new SqlStatement("CREATE TABLE a (id INTEGER)", 1),
							new SqlStatement("INSERT INTO a VALUES (1), (2)", 2),
							// A statement that returns rows is accepted in the batch.
							new SqlStatement("SELECT count(*) FROM a", 3),
							new SqlStatement("CREATE INDEX a_id ON a (id)", 4)));
			connection.commit();
		}
		assertThat(database.queryForLong("SELECT count(*) FROM a")).isEqualTo(2);
	}

	@DatabaseTest
	void failedBatchNamesTheStatement(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			StatementSender.StatementFailure failure = catchThrowableOfType(StatementSender.StatementFailure.class,
					() -> this.sender.sendBatch(connection, "r1", THIRD_FAILS));
			connection.rollback();
			assertThat(failure.number()).isEqualTo(3);
			assertThat(failure.statement().line()).isEqualTo(7);
			// The database's own message, not the driver's batch wrapper.
			assertThat((Throwable) failure.getCause()).isNotInstanceOf(BatchUpdateException.class);
			assertThat(failure.getMessage()).contains("missing").doesNotContain("Batch entry");
		}
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void batchFailureTheDriverDoesNotLocateIsFoundByRunningTheStatementsAgain(TestDatabase database)
			throws Exception {
		try (Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			// The batch as the driver would report it in another language: no entry number.
			SQLException server = catchThrowableOfType(SQLException.class, () -> {
				try (var statement = connection.createStatement()) {
					statement.execute("INSERT INTO missing VALUES (1)");
				}
			});
			BatchUpdateException translated = new BatchUpdateException("Stapelverarbeitung abgebrochen",
					server.getSQLState(), new int[0], server);
			StatementSender.StatementFailure failure = this.sender.locate(connection, "r1", THIRD_FAILS, translated);
			connection.rollback();
			assertThat(failure.number()).isEqualTo(3);
			assertThat(failure.statement().line()).isEqualTo(7);
		}
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void transientBatchFailureIsNotRunAgain(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			SQLException lockTimeout = new SQLException("canceling statement due to lock timeout", "55P03");
			BatchUpdateException translated = new BatchUpdateException("Stapelverarbeitung abgebrochen", "55P03",
					new int[0], lockTimeout);
			StatementSender.StatementFailure failure = this.sender.locate(connection, "r1", THIRD_FAILS, translated);
			// Run again, the statements would have located the third as the failing one.
			assertThat(failure.number()).isZero();
			assertThat(failure.statement()).isNull();
			assertThat((Throwable) failure.getCause()).isSameAs(lockTimeout);
			connection.rollback();
		}
	}

	@Test
	void failedEntryIsReadFromTheDriversMessage() {
		assertThat(StatementSender.failedEntry(new BatchUpdateException(
				"Batch entry 2 INSERT INTO missing VALUES (1) was aborted: ERROR: relation \"missing\" does not exist",
				"42P01", new int[0]))).isEqualTo(2);
		assertThat(StatementSender.failedEntry(new BatchUpdateException("Stapelverarbeitung", "42P01", new int[0])))
			.isEqualTo(-1);
		assertThat(StatementSender.failedEntry(new SQLException("Batch entry 2 x"))).isEqualTo(-1);
	}

}
