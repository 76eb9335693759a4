package dev.migration.runtime;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.migration.AppliedMigration;
import dev.migration.MigrationException;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStateException.Reason;
import dev.migration.PlannedMigration;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;
import dev.migration.revision.MigrationPlan;

/**
 * The {@code migrate} command: plans the upgrade from the state read without the lock,
 * returns at once when there is nothing to do (the common case at every start), and
 * otherwise checks and lints the pending scripts ({@link MigrateLint}), takes the lock, plans again from the state read
 * under it and executes: the revisions, then the repeatable migrations that are new or
 * changed.
 */
final class Upgrade {

	private final StateReader reader;

	private final LockScope lock;

	private final StateWriter writer;

	private final ScriptVerification verification;

	private final PlanRunner runner;

	private final RepeatableRunner repeatables;

	private final MigrateLint lint;

	Upgrade(StateReader reader, LockScope lock, StateWriter writer, ScriptVerification verification,
			PlanRunner runner, RepeatableRunner repeatables, MigrateLint lint) {
		this.repeatables = repeatables;
		this.lint = lint;
		this.reader = reader;
		this.lock = lock;
		this.writer = writer;
		this.verification = verification;
		this.runner = runner;
	}

	/**
	 * Upgrades to {@code target}, or for a dry run returns the SQL it would send.
	 */
	MigrationResult migrate(String target, boolean dryRun) {
		Stopwatch stopwatch = Stopwatch.start();
		try (Session session = this.reader.open()) {
			DatabaseState state = this.reader.read(session);
			MigrationPlan plan = state.planner().upgrade(target, state.applied().keySet());
			List<MigrationScript> repeatables = state.repeatablePlan(plan.steps()).toRun();
			if (dryRun) {
				this.verification.checkBeforeMigrate(state);
				List<Step> steps = PlanRunner.steps(state, plan, new ArrayList<>());
				List<PlannedMigration> planned = new ArrayList<>(
						PlanRunner.preview(Command.MIGRATE, target, session, steps, state, stopwatch).planned());
				planned.addAll(RepeatableRunner.preview(session,
						RepeatableRunner.steps(session, repeatables, Direction.UPGRADE)));
				return new MigrationResult(Command.MIGRATE, target, List.of(), state.current(), stopwatch.elapsed(),
						true, planned);
			}
			if (plan.isEmpty() && repeatables.isEmpty() && state.hasHistory()) {
				// Nothing to do: no lock, no write. The common case at every start.
				this.verification.checkBeforeMigrate(state);
				return state.result(Command.MIGRATE, target, List.of(), stopwatch);
			}
			// Split and check the pending scripts before anything is written.
			PlanRunner.steps(state, plan, new ArrayList<>());
			RepeatableRunner.steps(session, repeatables, Direction.UPGRADE);
			// Logs what the scripts risk, and refuses before the lock when told to.
			this.lint.check(session, state, plan, repeatables);
			return this.lock.locked(session, () -> {
				DatabaseState current = this.writer.prepareForWrite(session, true);
				this.verification.checkBeforeMigrate(current);
				MigrationPlan fresh = current.planner().upgrade(target, current.applied().keySet());
				if (current.hasHistory()) {
					// An empty log has no interrupted or partly committed migration to refuse.
					refuseInterrupted(session, fresh);
					Resume.refuseRerun(session, current, fresh);
				}
				List<AppliedMigration> applied = new ArrayList<>(this.runner.execute(session,
						PlanRunner.steps(current, fresh, new ArrayList<>())));
				// Repeatables after every revision of the run, against the state they left.
				applied.addAll(this.repeatables.execute(session, RepeatableRunner.steps(session,
						current.repeatablePlan(fresh.steps()).toRun(), Direction.UPGRADE)));
				// Every step committed, or execute threw: no need to read the state again.
				return PlanRunner.ran(Command.MIGRATE, target, applied, current.currentAfter(fresh), stopwatch);
			});
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A non-transactional migration that was interrupted may have left part of its work
	 * committed: running it again blindly could fail half way or do it twice.
	 */
	private static void refuseInterrupted(Session session, MigrationPlan plan) throws SQLException {
		List<HistoryTable.Interrupted> interrupted = session.history()
			.interrupted(session.connection())
			.stream()
			.filter((candidate) -> plan.steps().contains(candidate.revision()))
			.toList();
		if (!interrupted.isEmpty()) {
			String problem = "Refusing to migrate: "
					+ interrupted.stream().map(HistoryTable.Interrupted::describe).collect(Collectors.joining("\n"));
			String repairs = interrupted.stream()
				.map((each) -> "repair(RepairAction.MARK_APPLIED, \"" + each.revision() + "\", reason, null)")
				.collect(Collectors.joining(", "));
			throw new MigrationStateException(Reason.INTERRUPTED,
					interrupted.stream().map(HistoryTable.Interrupted::revision).toList(), problem,
					problem + "\nTo record one completed by hand: " + repairs, null);
		}
	}

}
