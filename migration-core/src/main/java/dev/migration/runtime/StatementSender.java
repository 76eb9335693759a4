package dev.migration.runtime;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.script.SqlStatement;

/**
 * Sends the SQL statements of one migration. Inside a migration's transaction on a
 * database whose driver pipelines a batch (PostgreSQL), they go as one JDBC batch, and
 * the statement recording the migration goes with the {@code COMMIT}
 * ({@link HistoryTable.Recorder#recordAndCommit}): two round trips for the whole
 * migration instead of one per statement, which is most of what a migration of small
 * DDL statements costs, and the recorded duration is the one the engine measured
 * between them. Elsewhere they go one by one.
 * <p>
 * Either way a failure names the statement at fault. A failed batch is located from
 * the driver's report ({@code Batch entry N}); when the driver does not say (its
 * messages are translated), the statements run again one by one in a fresh
 * transaction up to the failing one, which the caller rolls back with the migration.
 * A transient failure (lock or statement timeout, serialization, lost connection) is
 * not run again: it would only wait twice.
 */
final class StatementSender {

	private static final Pattern BATCH_ENTRY = Pattern.compile("^Batch entry (\\d+) ");

	/** SQL state classes of failures that running the statements again would not explain. */
	private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40", "53", "55", "57");

	private final StatementLog statementLog;

	StatementSender(StatementLog statementLog) {
		this.statementLog = statementLog;
	}

	/**
	 * Runs the statements one by one.
	 * @param connection the connection
	 * @param revision the revision, for the statement log
	 * @param statements the statements
	 * @throws StatementFailure naming the statement that failed
	 */
	void send(Connection connection, String revision, List<SqlStatement> statements) throws StatementFailure {
		sendOneByOne(connection, revision, statements, true);
	}

	/**
	 * Runs the statements as one batch, on a connection in the migration's transaction.
	 * @param connection the connection
	 * @param revision the revision, for the statement log
	 * @param statements the statements
	 * @throws StatementFailure naming the statement that failed
	 */
	void sendBatch(Connection connection, String revision, List<SqlStatement> statements) throws StatementFailure {
		try (Statement statement = connection.createStatement()) {
			for (SqlStatement sql : statements) {
				this.statementLog.log(revision, sql.sql());
				statement.addBatch(sql.sql());
			}
			statement.executeBatch();
		}
		catch (SQLException ex) {
			throw locate(connection, revision, statements, ex);
		}
	}

	private void sendOneByOne(Connection connection, String revision, List<SqlStatement> statements, boolean echo)
			throws StatementFailure {
		int number = 0;
		try (Statement statement = connection.createStatement()) {
			for (SqlStatement sql : statements) {
				number++;
				if (echo) {
					this.statementLog.log(revision, sql.sql());
				}
				statement.execute(sql.sql());
			}
		}
		catch (SQLException ex) {
			throw (number > 0) ? new StatementFailure(number, statements.get(number - 1), ex)
					: new StatementFailure(0, null, ex);
		}
	}

	StatementFailure locate(Connection connection, String revision, List<SqlStatement> statements,
			SQLException ex) {
		SQLException cause = cause(ex);
		int index = failedEntry(ex);
		if (index >= 0 && index < statements.size()) {
			return new StatementFailure(index + 1, statements.get(index), cause);
		}
		if (isTransient(cause)) {
			return new StatementFailure(0, null, cause);
		}
		try {
			connection.rollback();
			sendOneByOne(connection, revision, statements, false);
		}
		catch (StatementFailure replayed) {
			return replayed;
		}
		catch (SQLException rollbackFailure) {
			cause.addSuppressed(rollbackFailure);
		}
		// The statements passed when run again: the failure depended on timing.
		return new StatementFailure(0, null, cause);
	}

	/**
	 * The 0-based index of the failed entry in a batch failure, as the PostgreSQL
	 * driver reports it in its (English) message.
	 * @param failure the failure
	 * @return the index, or -1 when the failure does not say
	 */
	static int failedEntry(SQLException failure) {
		if (failure instanceof BatchUpdateException && failure.getMessage() != null) {
			Matcher matcher = BATCH_ENTRY.matcher(failure.getMessage());
			if (matcher.find()) {
				try {
					return Integer.parseInt(matcher.group(1));
				}
				catch (NumberFormatException ex) {
					return -1;
				}
			}
		}
		return -1;
	}

	/**
	 * The database's own error behind a batch failure, whose message is the server's.
	 */
	private static SQLException cause(SQLException failure) {
		if (failure instanceof BatchUpdateException) {
			if (failure.getNextException() != null) {
				return failure.getNextException();
			}
			if (failure.getCause() instanceof SQLException cause) {
				return cause;
			}
		}
		return failure;
	}

	private static boolean isTransient(SQLException failure) {
		String state = failure.getSQLState();
		return state != null && state.length() >= 2 && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2));
	}

	/**
	 * A statement failed.
	 */
	static final class StatementFailure extends Exception {

		private static final long serialVersionUID = 1L;

		private final int number;

		private final transient SqlStatement statement;

		private final boolean recording;

		StatementFailure(int number, SqlStatement statement, SQLException cause) {
			this(number, statement, false, cause);
		}

		private StatementFailure(int number, SqlStatement statement, boolean recording, SQLException cause) {
			super(cause.getMessage(), cause);
			this.number = number;
			this.statement = statement;
			this.recording = recording;
		}

		static StatementFailure recording(SQLException cause) {
			return new StatementFailure(0, null, true, cause);
		}

		/**
		 * Whether it was the statement recording the migration that failed.
		 */
		boolean recording() {
			return this.recording;
		}

		/**
		 * The 1-based number of the statement in its section, or 0 when unknown.
		 */
		int number() {
			return this.number;
		}

		/**
		 * The statement, or {@code null} when unknown.
		 */
		SqlStatement statement() {
			return this.statement;
		}

		@Override
		public synchronized SQLException getCause() {
			return (SQLException) super.getCause();
		}

	}

}
