package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.migration.AppliedMigration;
import dev.migration.DurationFormat;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.PlannedMigration;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.script.MigrationScript;
import dev.migration.script.Placeholders;
import dev.migration.script.SqlScript;
import dev.migration.script.SqlStatement;

/**
 * Executes a plan: resolves its steps before the first runs, then runs them in order,
 * each in its own transaction, trying a step again when a statement gave up waiting for
 * a table lock. Or, for a dry run, shows what each step would send.
 */
final class PlanRunner {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final MigrationConfiguration configuration;

	private final StatementLog statementLog;

	PlanRunner(MigrationConfiguration configuration, StatementLog statementLog) {
		this.configuration = configuration;
		this.statementLog = statementLog;
	}

	/**
	 * Resolves every step of a plan before the first runs, so nothing starts that
	 * cannot finish. Irreversible steps of a downgrade are added to
	 * {@code irreversible}; the caller refuses the plan when any is.
	 */
	static List<Step> steps(DatabaseState state, MigrationPlan plan, List<String> irreversible) throws SQLException {
		List<Step> steps = new ArrayList<>();
		List<MigrationScript> scripts = state.scripts(plan.steps());
		Placeholders placeholders = state.session().placeholders();
		for (int i = 0; i < scripts.size(); i++) {
			MigrationScript script = scripts.get(i);
			String id = plan.steps().get(i);
			List<SqlStatement> statements = null;
			if (plan.direction() == Direction.DOWNGRADE) {
				if (!script.info().reversible()) {
					irreversible.add("revision " + id + " (" + script.info().path()
							+ ") has no downgrade, so it cannot be rolled back");
				}
				else {
					// A rollback runs downgrades alone: the upgrade sections are not split.
					statements = script.statements(Direction.DOWNGRADE, placeholders);
				}
			}
			else {
				// The whole script: its downgrade is checked now and stored with the revision.
				SqlScript sql = script.sql(placeholders);
				statements = (sql != null) ? sql.upgrade() : null;
			}
			steps.add(new Step(script, plan.direction(), statements));
		}
		return steps;
	}

	/**
	 * The result of a dry run: what each step would send, nothing applied.
	 */
	static MigrationResult preview(Command operation, String target, Session session, List<Step> steps,
			DatabaseState state, Stopwatch stopwatch) {
		List<PlannedMigration> planned = new ArrayList<>();
		for (Step step : steps) {
			planned.add(step.planned(session.history(), LockOwner.host()));
		}
		return new MigrationResult(operation, target, List.of(), state.current(), stopwatch.elapsed(), true,
				planned);
	}

	/**
	 * Runs the steps in order, recording each; stops at the first that fails, by
	 * throwing. Called holding the lock.
	 * @return the steps run, with their durations
	 */
	List<AppliedMigration> execute(Session session, List<Step> steps) throws SQLException {
		if (steps.isEmpty()) {
			return List.of();
		}
		session.prepareForMigrations(this.configuration.statementLockTimeout());
		session.history().upgrade(session.connection());
		List<AppliedMigration> done = new ArrayList<>();
		try (HistoryTable.Recorder recorder = session.history().recorder(session.connection())) {
			StepRunner runner = new StepRunner(session, this.statementLog, this.configuration.listeners(), recorder);
			for (Step step : steps) {
				done.add(runWithLockRetries(session, runner, step));
			}
		}
		return done;
	}

	/**
	 * The result of a run that executed steps, logged: the sum of the migrations'
	 * durations, and the run's own, which also covers reading the state, planning and
	 * taking the lock, so it is never less than the sum.
	 */
	static MigrationResult ran(Command operation, String target, List<AppliedMigration> done,
			List<String> current, Stopwatch stopwatch) {
		MigrationResult result = new MigrationResult(operation, target, done, current, stopwatch.elapsed());
		if (!done.isEmpty()) {
			Duration migrations = done.stream().map(AppliedMigration::duration).reduce(Duration.ZERO, Duration::plus);
			logger.log(Level.INFO, "{0} {1} migration(s) in {2}; {3} in all, with reading the state and the lock",
					(done.get(0).direction() == Direction.UPGRADE) ? "Applied" : "Reverted", done.size(),
					DurationFormat.format(migrations), DurationFormat.format(result.duration()));
		}
		return result;
	}

	/**
	 * Runs a step; when a statement gave up waiting for a table lock (another
	 * transaction holds one), the step was rolled back whole, so it is tried again after
	 * a doubling pause, up to the configured retries.
	 */
	private AppliedMigration runWithLockRetries(Session session, StepRunner runner, Step step) {
		long pause = this.configuration.lockRetryBackoff().toMillis();
		for (int attempt = 0;; attempt++) {
			try {
				return runner.run(step.script(), step.direction(), step.statements(), step.resumeAfter());
			}
			catch (MigrationFailedException ex) {
				boolean lockTimeout = ex.getCause() instanceof SQLException cause
						&& session.dialect().isLockTimeout(cause) && step.script().info().transactional();
				if (!lockTimeout) {
					throw ex;
				}
				if (attempt >= this.configuration.lockRetries()) {
					throw new MigrationFailedException(step.script().id(), ex.getMessage() + ". Gave up after "
							+ (attempt + 1) + " attempt(s), each waiting at most "
							+ this.configuration.statementLockTimeout().toMillis() + " ms for a lock that another "
							+ "transaction holds on the table: find it in pg_stat_activity, or retry when it is done",
							ex.getCause(), ex.getDuration());
				}
				logger.log(Level.WARNING, "{0}: waited {1} ms for a table lock; rolled back, retrying in {2} ms "
						+ "({3} of {4})", step.script().id(), this.configuration.statementLockTimeout().toMillis(),
						pause, attempt + 1, this.configuration.lockRetries());
				sleep(pause);
				pause = Math.min(pause * 2, 30_000);
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("Interrupted while waiting to retry a migration", ex);
		}
	}

}
