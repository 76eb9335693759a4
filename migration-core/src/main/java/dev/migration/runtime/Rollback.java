package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.migration.AppliedMigration;
import dev.migration.MigrationException;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.RollbackOptions;
import dev.migration.RollbackRefusedException;
import dev.migration.RollbackRefusedException.Check;
import dev.migration.RollbackRefusedException.Refusal;
import dev.migration.PlannedMigration;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.script.MigrationScript;

/**
 * The {@code rollback} command: plans the downgrade under the lock, runs every safety
 * check (database reachable, every step reversible, production confirmation, data
 * loss, backups) and refuses with all the failures at once, or executes. A repeatable
 * migration that depends on a revision the rollback removes is taken down first, by its
 * own downgrade; it is applied again when a migrate brings the revision back.
 */
final class Rollback {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final StateReader reader;

	private final LockScope lock;

	private final RollbackSafety safety;

	private final PlanRunner runner;

	private final RepeatableRunner repeatables;

	Rollback(StateReader reader, LockScope lock, RollbackSafety safety, PlanRunner runner,
			RepeatableRunner repeatables) {
		this.repeatables = repeatables;
		this.reader = reader;
		this.lock = lock;
		this.safety = safety;
		this.runner = runner;
	}

	/**
	 * Rolls back to {@code target}: a revision, a relative step, or {@code base}.
	 */
	MigrationResult to(String target, RollbackOptions options) {
		return rollback(target, options, (state) -> state.planner().downgrade(target, state.applied().keySet()));
	}

	/**
	 * Reverts one applied revision alone, whatever else is applied.
	 * @param revision the full revision id, applied and needed by no other applied one
	 */
	MigrationResult revert(String revision, RollbackOptions options) {
		return rollback(revision, options, (state) -> state.planner().revert(revision, state.applied().keySet()));
	}

	private MigrationResult rollback(String target, RollbackOptions options,
			Function<DatabaseState, MigrationPlan> planning) {
		Stopwatch stopwatch = Stopwatch.start();
		Session opened;
		try {
			opened = this.reader.open();
		}
		catch (MigrationException ex) {
			throw RollbackRefusedException.of("Rollback to '" + target + "'",
					List.of(new Refusal(Check.DATABASE_ACCESS, "Database accessible: " + ex.getMessage(), null, null)));
		}
		try (Session session = opened) {
			if (options.dryRun()) {
				return checkedRollback(session, target, options, planning, stopwatch);
			}
			return this.lock.locked(session, () -> checkedRollback(session, target, options, planning, stopwatch));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Plans a rollback, runs every safety check, then executes it (or, for a dry run,
	 * returns its SQL). Called holding the lock unless it is a dry run.
	 */
	private MigrationResult checkedRollback(Session session, String target, RollbackOptions options,
			Function<DatabaseState, MigrationPlan> planning, Stopwatch stopwatch) throws SQLException {
		String operation = "Rollback to '" + target + "'";
		DatabaseState state;
		try {
			state = this.reader.read(session);
		}
		catch (SQLException ex) {
			throw RollbackRefusedException.of(operation, List.of(new Refusal(Check.DATABASE_ACCESS,
					"Database accessible: cannot read the state table: " + ex.getMessage(), null, null)));
		}
		MigrationPlan plan = planning.apply(state);
		if (plan.isEmpty()) {
			return state.result(Command.ROLLBACK, target, List.of(), stopwatch);
		}
		List<Refusal> failures = new ArrayList<>();
		List<String> irreversible = new ArrayList<>();
		List<Step> steps = PlanRunner.steps(state, plan, irreversible);
		// The repeatables that depend on a revision going go first, by their own downgrade.
		List<MigrationScript> takenDown = RepeatablePlan.takenDown(state.scripts().repeatables(),
				state.repeatables(), plan.steps());
		takenDown.stream()
			.filter((repeatable) -> !repeatable.info().reversible())
			.forEach((repeatable) -> irreversible.add("repeatable migration " + repeatable.id() + " ("
					+ repeatable.info().path() + ") depends on "
					+ repeatable.info().dependsOn().stream().filter(plan.steps()::contains).findFirst()
						.orElse("a repeatable migration taken down")
					+ ", which the rollback removes, and has no '-- downgrade' section to take it down first"));
		List<Step> repeatableSteps = irreversible.isEmpty()
				? RepeatableRunner.steps(session, takenDown, Direction.DOWNGRADE) : List.of();
		irreversible.forEach((message) -> failures
			.add(new Refusal(Check.IRREVERSIBLE, "Irreversible migration: " + message, null, null)));
		String resolved = RollbackSafety.resolvedTarget(state.graph(), state.applied().keySet(), plan);
		if (options.safetyCheck()) {
			if (!session.connection().isValid(5)) {
				failures.add(new Refusal(Check.DATABASE_ACCESS,
						"Database accessible: the connection did not validate within 5 s", null, null));
			}
			Refusal confirmation = this.safety.confirmationProblem(state.graph(), resolved, options.confirm(),
					"rollback(\"" + target + "\", RollbackOptions.defaults().withConfirm(\"" + resolved + "\"))");
			if (confirmation != null) {
				failures.add(confirmation);
			}
			if (!options.allowDataLoss()) {
				failures.addAll(this.safety.dataLoss(session, steps));
			}
		}
		else {
			logger.log(Level.WARNING, "Safety checks are OFF for the rollback to {0} (resolved: {1}), as the "
					+ "caller asked", target, resolved);
		}
		if (!failures.isEmpty()) {
			throw RollbackRefusedException.of(operation, failures);
		}
		if (options.safetyCheck()) {
			this.safety.verifyBackups(session, operation, resolved, options.dryRun());
		}
		if (options.dryRun()) {
			List<PlannedMigration> planned = new ArrayList<>(RepeatableRunner.preview(session, repeatableSteps));
			planned.addAll(PlanRunner.preview(Command.ROLLBACK, target, session, steps, state, stopwatch).planned());
			return new MigrationResult(Command.ROLLBACK, target, List.of(), state.current(), stopwatch.elapsed(), true,
					planned);
		}
		List<AppliedMigration> reverted = new ArrayList<>(this.repeatables.execute(session, repeatableSteps));
		reverted.addAll(this.runner.execute(session, steps));
		return PlanRunner.ran(Command.ROLLBACK, target, reverted, state.currentAfter(plan), stopwatch);
	}

}
