package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.migration.AppliedMigration;
import dev.migration.DurationFormat;
import dev.migration.HistoryAction;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationListener;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;
import dev.migration.script.SqlStatement;

/**
 * Runs one migration, upgrade or downgrade: in its own transaction together with its
 * state and log rows, or statement by statement in autocommit when it is declared
 * {@code transactional: false}. A failure rolls the migration back, logs it in a
 * transaction of its own and raises an exception naming the statement at fault.
 */
final class StepRunner {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final Session session;

	private final StatementLog statementLog;

	private final MigrationCallbacks callbacks;

	private final HistoryTable.Recorder recorder;

	private final StatementSender sender;

	private final boolean recordsInBatch;

	StepRunner(Session session, StatementLog statementLog, List<MigrationListener> listeners,
			HistoryTable.Recorder recorder) {
		this.session = session;
		this.statementLog = statementLog;
		this.callbacks = new MigrationCallbacks(listeners);
		this.recorder = recorder;
		this.sender = new StatementSender(statementLog);
		this.recordsInBatch = session.dialect().pipelinesBatches()
				&& session.dialect().hasWritableCommonTableExpressions();
	}

	/**
	 * Runs a step. Its duration is measured once, from before its first statement to
	 * after its last (the history rows and the commit come after), and that one value
	 * goes to the history row, the log line, the listeners and the result.
	 * @param script the migration
	 * @param direction up or down
	 * @param statements the SQL statements, or {@code null} for a Java migration
	 * @return what ran and how long it took
	 */
	AppliedMigration run(MigrationScript script, Direction direction, List<SqlStatement> statements) {
		return run(script, direction, statements, 0);
	}

	/**
	 * Runs a step, or resumes a {@code transactional: false} one after the statements
	 * that committed in a run that failed: they are skipped, and counted in what a
	 * failure reports committed.
	 * @param script the migration
	 * @param direction up or down
	 * @param statements all the SQL statements of the script, or {@code null} for a Java
	 * migration
	 * @param resumeAfter how many of the statements to skip, committed before
	 * @return what ran and how long it took
	 */
	AppliedMigration run(MigrationScript script, Direction direction, List<SqlStatement> statements,
			int resumeAfter) {
		MigrationInfo info = script.info();
		this.callbacks.before(info, direction);
		Connection connection = this.session.connection();
		boolean transactional = info.transactional();
		Stopwatch stopwatch = Stopwatch.start();
		StatementSender.StatementFailure failedStatement = null;
		// How many statements stay committed should this step fail: known for SQL alone.
		Integer committed = (!transactional && statements != null) ? resumeAfter : null;
		try {
			connection.setAutoCommit(!transactional);
			if (!transactional) {
				// Committed before the first statement: survives a crash half way.
				this.recorder.log(new HistoryTable.LogRow(info.revision(), info.message(), HistoryAction.START,
						info.checksum(), this.session.user(), LockOwner.host(), stopwatch.startedAt(), Duration.ZERO,
						null));
			}
			// Where the driver pipelines a batch, the statements go in one round trip, and
			// the state and log rows with the commit in another.
			boolean batched = transactional && statements != null && this.recordsInBatch;
			if (statements != null) {
				try {
					if (batched) {
						this.sender.sendBatch(connection, info.revision(), statements);
					}
					else {
						this.sender.send(connection, info.revision(),
								statements.subList(resumeAfter, statements.size()));
						if (!transactional) {
							committed = statements.size();
						}
					}
				}
				catch (StatementSender.StatementFailure ex) {
					failedStatement = ex;
					if (!transactional && ex.statement() != null) {
						committed = resumeAfter + ex.number() - 1;
					}
					throw ex.getCause();
				}
			}
			else {
				DefaultMigrationContext context = new DefaultMigrationContext(this.session, info.revision(),
						this.statementLog);
				if (direction == Direction.UPGRADE) {
					script.java().upgrade(context);
				}
				else {
					script.java().downgrade(context);
				}
			}
			Duration duration = stopwatch.elapsed();
			if (!transactional) {
				connection.setAutoCommit(false);
			}
			HistoryTable.LogRow row = logRow(info, direction, stopwatch.startedAt(), duration, null);
			if (batched) {
				try {
					this.recorder.recordAndCommit(script, direction, stopwatch.startedAt(), this.session.user(), row);
				}
				catch (SQLException ex) {
					failedStatement = StatementSender.StatementFailure.recording(ex);
					throw ex;
				}
			}
			else {
				if (direction == Direction.UPGRADE) {
					this.recorder.upgraded(script, stopwatch.startedAt(), this.session.user(), row);
				}
				else {
					this.recorder.downgraded(info.revision(), row);
				}
				connection.commit();
			}
			AppliedMigration applied = new AppliedMigration(info.revision(), info.message(), direction, duration);
			logger.log(Level.INFO, "{0} {1} {2} ({3})", (direction == Direction.UPGRADE) ? "Applied" : "Reverted",
					info.revision(), info.message(), DurationFormat.format(duration));
			this.callbacks.after(info, applied);
			return applied;
		}
		catch (Exception ex) {
			Duration duration = stopwatch.elapsed();
			MigrationFailedException failure = failure(info, direction, failedStatement, resumeAfter, committed, ex,
					duration);
			rollback(connection, failure);
			String committedChecksum = (committed != null && committed > 0)
					? CommittedStatements.checksum(statements, committed) : null;
			logFailure(info, direction, stopwatch.startedAt(), duration, failure, committed, committedChecksum);
			this.callbacks.failed(info, direction, failure);
			throw failure;
		}
	}

	private MigrationFailedException failure(MigrationInfo info, Direction direction,
			StatementSender.StatementFailure failedStatement, int resumeAfter, Integer committed, Exception ex,
			Duration duration) {
		SqlStatement statement = (failedStatement != null) ? failedStatement.statement() : null;
		int number = (failedStatement != null) ? resumeAfter + failedStatement.number() : 0;
		StringBuilder message = new StringBuilder();
		message.append((direction == Direction.UPGRADE) ? "Upgrade" : "Downgrade")
			.append(" of revision ")
			.append(info.revision())
			.append(" (")
			.append(info.path())
			.append(") failed");
		if (statement != null) {
			message.append(" at statement ")
				.append(number)
				.append(" (line ")
				.append(statement.line())
				.append(": ")
				.append(statement.firstLine())
				.append(")");
		}
		else if (failedStatement != null && failedStatement.recording()) {
			message.append(" while recording it in the history table");
		}
		else if (failedStatement != null) {
			message.append(" in its statements (the driver did not say which)");
		}
		message.append(": ");
		if (ex instanceof SQLException sqlException && sqlException.getSQLState() != null) {
			message.append("SQL state ").append(sqlException.getSQLState()).append(": ");
		}
		message.append(String.valueOf(ex.getMessage()).strip());
		if (info.transactional()) {
			message.append(". The migration was rolled back; earlier revisions stay applied");
		}
		else if (committed != null && committed > 0) {
			message.append(". The migration is declared transactional: false, so statements 1 to ")
				.append(committed)
				.append(" stay committed and the revision is NOT recorded as applied. A migrate will refuse to run ")
				.append("it from statement 1 again: fix the cause, then resume it after statement ")
				.append(committed)
				.append(" with resume(\"")
				.append(info.revision())
				.append("\", options), or complete it by hand and record it with a mark-applied repair");
		}
		else if (!info.transactional() && statement != null) {
			message.append(". The migration is declared transactional: false; no statement of it committed and ")
				.append("the revision is NOT recorded as applied: fix the cause and migrate again");
		}
		if (!info.transactional() && statement != null
				&& statement.sql().toUpperCase(Locale.ROOT).contains("CONCURRENTLY")) {
			appendInvalidIndexes(message);
		}
		return new MigrationFailedException(info.revision(), message.toString(), ex, duration,
				(committed != null) ? committed : 0);
	}

	/**
	 * Names the invalid indexes of the migration schema after a failed concurrent index
	 * build, which leaves one behind: the database keeps updating it, and running the
	 * statement again fails as the name is taken.
	 */
	private void appendInvalidIndexes(StringBuilder message) {
		try {
			List<InvalidIndexes.InvalidIndex> invalid = InvalidIndexes.find(this.session);
			if (!invalid.isEmpty()) {
				message.append(". It left ")
					.append(InvalidIndexes.describe(invalid))
					.append(": drop it with ")
					.append(InvalidIndexes.fix(invalid, this.session))
					.append(" before running it again");
			}
		}
		catch (SQLException ex) {
			// The failure is what matters; the catalog is read again by verify.
			logger.log(Level.DEBUG, "Cannot read the invalid indexes", ex);
		}
	}

	private void rollback(Connection connection, MigrationFailedException failure) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private void logFailure(MigrationInfo info, Direction direction, Instant startedAt, Duration duration,
			MigrationFailedException failure, Integer committed, String committedChecksum) {
		Connection connection = this.session.connection();
		try {
			connection.setAutoCommit(false);
			HistoryTable.LogRow row = logRow(info, direction, startedAt, duration, failure.getMessage());
			this.recorder.log(new HistoryTable.LogRow(row.revision(), row.message(), row.action(), row.checksum(),
					row.user(), row.host(), row.startedAt(), row.duration(), row.error(),
					committed, committedChecksum));
			connection.commit();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
			rollback(connection, failure);
		}
	}

	private HistoryTable.LogRow logRow(MigrationInfo info, Direction direction, Instant startedAt,
			Duration duration, String error) throws SQLException {
		return new HistoryTable.LogRow(info.revision(), info.message(),
				(direction == Direction.UPGRADE) ? HistoryAction.UPGRADE : HistoryAction.DOWNGRADE, info.checksum(),
				this.session.user(), LockOwner.host(), startedAt, duration, error);
	}

}
