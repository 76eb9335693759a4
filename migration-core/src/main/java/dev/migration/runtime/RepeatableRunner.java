package dev.migration.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.lang.System.Logger.Level;

import dev.migration.AppliedMigration;
import dev.migration.DurationFormat;
import dev.migration.HistoryAction;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationInfo;
import dev.migration.PlannedMigration;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;
import dev.migration.script.SqlStatement;

/**
 * Runs repeatable migrations: each in its own transaction with its log row
 * ({@code reapply} when its upgrade runs, {@code unapply} when a rollback takes it down
 * with its downgrade). A failure rolls that repeatable back, logs it and raises an
 * exception naming the statement at fault; those that ran before it stay applied.
 */
final class RepeatableRunner {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final MigrationConfiguration configuration;

	private final StatementSender sender;

	private final MigrationCallbacks callbacks;

	RepeatableRunner(MigrationConfiguration configuration, StatementLog statementLog) {
		this.configuration = configuration;
		this.sender = new StatementSender(statementLog);
		this.callbacks = new MigrationCallbacks(configuration.listeners());
	}

	/**
	 * The statements of each repeatable in the given direction, split and checked
	 * before anything runs.
	 * @throws dev.migration.ScriptException for a malformed statement or an unknown
	 * placeholder, naming file and line
	 */
	static List<Step> steps(Session session, List<MigrationScript> repeatables, Direction direction)
			throws SQLException {
		List<Step> steps = new ArrayList<>(repeatables.size());
		for (MigrationScript script : repeatables) {
			// Taken down, a repeatable runs its downgrade alone; applied, it is split whole
			// so that its downgrade is checked before it is needed.
			List<SqlStatement> statements = (direction == Direction.UPGRADE)
					? script.sql(session.placeholders()).upgrade()
					: script.statements(Direction.DOWNGRADE, session.placeholders());
			steps.add(new Step(script, direction, statements));
		}
		return steps;
	}

	/**
	 * What each step would send, its log row included, for dry runs.
	 */
	static List<PlannedMigration> preview(Session session, List<Step> steps) {
		List<PlannedMigration> planned = new ArrayList<>();
		for (Step step : steps) {
			MigrationInfo info = step.script().info();
			List<String> sql = new ArrayList<>();
			step.statements().forEach((statement) -> sql.add(statement.sql()));
			sql.add(session.history().renderInsertLog(info, action(step.direction()), LockOwner.host()));
			planned.add(new PlannedMigration(info.revision(), info.message(), step.direction(), sql));
		}
		return planned;
	}

	/**
	 * Runs the steps in order; stops at the first that fails, by throwing. Called
	 * holding the lock.
	 * @return the steps run, with their durations
	 */
	List<AppliedMigration> execute(Session session, List<Step> steps) throws SQLException {
		if (steps.isEmpty()) {
			return List.of();
		}
		session.prepareForMigrations(this.configuration.statementLockTimeout());
		session.history().upgrade(session.connection());
		List<AppliedMigration> done = new ArrayList<>(steps.size());
		try (HistoryTable.Recorder recorder = session.history().recorder(session.connection())) {
			for (Step step : steps) {
				done.add(run(session, recorder, step));
			}
		}
		return done;
	}

	private AppliedMigration run(Session session, HistoryTable.Recorder recorder, Step step) {
		MigrationInfo info = step.script().info();
		Direction direction = step.direction();
		MigrationCallbacks callbacks = this.callbacks;
		callbacks.before(info, direction);
		Connection connection = session.connection();
		Stopwatch stopwatch = Stopwatch.start();
		StatementSender.StatementFailure failedStatement = null;
		try {
			connection.setAutoCommit(false);
			try {
				this.sender.send(connection, info.revision(), step.statements());
			}
			catch (StatementSender.StatementFailure ex) {
				failedStatement = ex;
				throw ex.getCause();
			}
			Duration duration = stopwatch.elapsed();
			recorder.log(logRow(session, info, direction, stopwatch.startedAt(), duration, null));
			connection.commit();
			AppliedMigration applied = new AppliedMigration(info.revision(), info.message(), direction, duration);
			logger.log(Level.INFO, "{0} repeatable {1} {2} ({3})",
					(direction == Direction.UPGRADE) ? "Applied" : "Took down", info.revision(), info.message(),
					DurationFormat.format(duration));
			callbacks.after(info, applied);
			return applied;
		}
		catch (Exception ex) {
			Duration duration = stopwatch.elapsed();
			MigrationFailedException failure = failure(info, direction, failedStatement, ex, duration);
			try {
				connection.rollback();
				recorder.log(logRow(session, info, direction, stopwatch.startedAt(), duration, failure.getMessage()));
				connection.commit();
			}
			catch (SQLException logFailure) {
				failure.addSuppressed(logFailure);
			}
			callbacks.failed(info, direction, failure);
			throw failure;
		}
	}

	private static MigrationFailedException failure(MigrationInfo info, Direction direction,
			StatementSender.StatementFailure failedStatement, Exception ex, Duration duration) {
		StringBuilder message = new StringBuilder();
		message.append((direction == Direction.UPGRADE) ? "Repeatable migration " : "Downgrade of repeatable migration ")
			.append(info.revision())
			.append(" (")
			.append(info.path())
			.append(") failed");
		SqlStatement statement = (failedStatement != null) ? failedStatement.statement() : null;
		if (statement != null) {
			message.append(" at statement ")
				.append(failedStatement.number())
				.append(" (line ")
				.append(statement.line())
				.append(": ")
				.append(statement.firstLine())
				.append(")");
		}
		message.append(": ");
		if (ex instanceof SQLException sqlException && sqlException.getSQLState() != null) {
			message.append("SQL state ").append(sqlException.getSQLState()).append(": ");
		}
		message.append(String.valueOf(ex.getMessage()).strip())
			.append(". It was rolled back; the revisions and repeatables before it stay applied");
		return new MigrationFailedException(info.revision(), message.toString(), ex, duration);
	}

	private static HistoryTable.LogRow logRow(Session session, MigrationInfo info, Direction direction,
			Instant startedAt, Duration duration, String error) throws SQLException {
		return new HistoryTable.LogRow(info.revision(), info.message(), action(direction), info.checksum(),
				session.user(), LockOwner.host(), startedAt, duration, error);
	}

	private static HistoryAction action(Direction direction) {
		return (direction == Direction.UPGRADE) ? HistoryAction.REAPPLY : HistoryAction.UNAPPLY;
	}

}
