package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.migration.AheadPolicy;
import dev.migration.AppliedMigration;
import dev.migration.HistoryAction;
import dev.migration.HistoryEntry;
import dev.migration.LockHolder;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Operation;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStatus;
import dev.migration.PlannedMigration;
import dev.migration.RepairAction;
import dev.migration.RollbackOptions;
import dev.migration.RollbackRefusedException;
import dev.migration.RevisionGraphException;
import dev.migration.ScriptException;
import dev.migration.TargetException;
import dev.migration.VerifyReport;
import dev.migration.VerifyReport.Kind;
import dev.migration.VerifyReport.Problem;
import dev.migration.dialect.Dialect;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.Revision;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptChecksum;
import dev.migration.script.ScriptLoader;
import dev.migration.script.SqlStatement;

/**
 * The engine behind {@link MigrationManager#create}: plans from the revision graph and
 * the database state, then executes under the lock. Internal: use the interface.
 */
public final class MigrationEngine implements MigrationManager {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final StatementLog statementLog;

	private final RollbackSafety safety;

	private final ScriptPrefetch scripts;

	private final RunListeners runListeners;

	/**
	 * Creates an engine; prefer {@link MigrationManager#create}.
	 * @param dataSource the database
	 * @param configuration the configuration
	 */
	public MigrationEngine(DataSource dataSource, MigrationConfiguration configuration) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.statementLog = new StatementLog(configuration.echo());
		this.safety = new RollbackSafety(configuration);
		this.scripts = new ScriptPrefetch(configuration);
		this.runListeners = new RunListeners(configuration.listeners());
	}

	@Override
	public List<MigrationInfo> migrations() {
		LoadedScripts scripts = scripts();
		return scripts.graph().revisions().stream().map((revision) -> scripts.info(revision.id())).toList();
	}

	@Override
	public List<String> currentRevisions() {
		return read((session, state) -> state.current());
	}

	@Override
	public List<String> headRevisions() {
		return scripts().graph().heads();
	}

	@Override
	public List<MigrationInfo> pendingMigrations() {
		return read((session, state) -> pending(state));
	}

	@Override
	public MigrationStatus status() {
		return read((session, state) -> {
			List<MigrationInfo> pending = pending(state);
			MigrationStatus.State summary = !state.unknown().isEmpty() ? MigrationStatus.State.AHEAD
					: pending.isEmpty() ? MigrationStatus.State.UP_TO_DATE : MigrationStatus.State.PENDING;
			LockHolder holder = newLock(session).holder();
			List<String> interrupted = state.hasHistory() ? session.history()
				.interrupted(session.connection())
				.stream()
				.map(HistoryTable.Interrupted::describe)
				.toList() : List.of();
			return new MigrationStatus(summary, state.current(), scripts().graph().heads(), pending,
					List.copyOf(state.unknown().keySet()), holder, interrupted);
		});
	}

	private List<MigrationInfo> pending(State state) {
		MigrationPlan plan = state.planner().upgrade("heads", state.applied().keySet());
		return plan.steps().stream().map((id) -> scripts().info(id)).toList();
	}

	@Override
	public MigrationPlan plan(String target, Direction direction) {
		return read((session, state) -> (direction == Direction.UPGRADE)
				? state.planner().upgrade(target, state.applied().keySet())
				: state.planner().downgrade(target, state.applied().keySet()));
	}

	@Override
	public String resolve(String revision) {
		return scripts().graph().resolveId(revision);
	}

	@Override
	public MigrationResult migrate(String target) {
		return migrate(target, false);
	}

	@Override
	public MigrationResult migrate(String target, boolean dryRun) {
		if (dryRun) {
			return migrateOrPlan(target, true);
		}
		return this.runListeners.run(Operation.MIGRATE, target, () -> migrateOrPlan(target, false));
	}

	private MigrationResult migrateOrPlan(String target, boolean dryRun) {
		long start = System.nanoTime();
		try (Session session = open()) {
			State state = readState(session);
			MigrationPlan plan = state.planner().upgrade(target, state.applied().keySet());
			if (dryRun) {
				checkBeforeMigrate(state);
				List<Step> steps = steps(state, plan, new ArrayList<>());
				return planned(Operation.MIGRATE, target, session, steps, state, start);
			}
			if (plan.isEmpty() && state.hasHistory()) {
				// Nothing to do: no lock, no write. The common case at every start.
				checkBeforeMigrate(state);
				return result(Operation.MIGRATE, target, List.of(), state, start);
			}
			// Split and check the pending scripts before anything is written.
			steps(state, plan, new ArrayList<>());
			return locked(session, () -> {
				State current = prepareForWrite(session, true);
				checkBeforeMigrate(current);
				MigrationPlan fresh = current.planner().upgrade(target, current.applied().keySet());
				refuseInterrupted(session, fresh);
				List<AppliedMigration> applied = execute(session, steps(current, fresh, new ArrayList<>()), fresh);
				// Every step committed, or execute threw: no need to read the state again.
				return result(Operation.MIGRATE, target, applied, current.currentAfter(fresh), start);
			});
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	@Override
	public MigrationResult rollback(String target, RollbackOptions options) {
		Function<State, MigrationPlan> planning = (state) -> state.planner()
			.downgrade(target, state.applied().keySet());
		if (options.dryRun()) {
			return rollback(target, options, planning);
		}
		return this.runListeners.run(Operation.ROLLBACK, target, () -> rollback(target, options, planning));
	}

	/**
	 * Reverts one applied revision alone, whatever else is applied: the round trip
	 * verification's downgrade of the revision it just applied, where {@code -1} may
	 * have several revisions to choose from. Not a run of the listeners' own: it is a
	 * step of a verification.
	 * @param revision the full revision id, applied and needed by no other applied one
	 * @param options how the rollback runs
	 * @return the result
	 */
	MigrationResult revert(String revision, RollbackOptions options) {
		return rollback(revision, options, (state) -> state.planner().revert(revision, state.applied().keySet()));
	}

	private MigrationResult rollback(String target, RollbackOptions options, Function<State, MigrationPlan> planning) {
		long start = System.nanoTime();
		Session opened;
		try {
			opened = open();
		}
		catch (MigrationException ex) {
			throw new RollbackRefusedException("Rollback to '" + target + "'",
					List.of("Database accessible: " + ex.getMessage()));
		}
		try (Session session = opened) {
			if (options.dryRun()) {
				return checkedRollback(session, target, options, planning, start);
			}
			return locked(session, () -> checkedRollback(session, target, options, planning, start));
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
			Function<State, MigrationPlan> planning, long start) throws SQLException {
		String operation = "Rollback to '" + target + "'";
		State state;
		try {
			state = readState(session);
		}
		catch (SQLException ex) {
			throw new RollbackRefusedException(operation,
					List.of("Database accessible: cannot read the state table: " + ex.getMessage()));
		}
		MigrationPlan plan = planning.apply(state);
		if (plan.isEmpty()) {
			return result(Operation.ROLLBACK, target, List.of(), state, start);
		}
		List<String> failures = new ArrayList<>();
		List<String> irreversible = new ArrayList<>();
		List<Step> steps = steps(state, plan, irreversible);
		irreversible.forEach((message) -> failures.add("Irreversible migration: " + message));
		String resolved = RollbackSafety.resolvedTarget(state.graph(), state.applied().keySet(), plan);
		if (options.safetyCheck()) {
			if (!session.connection().isValid(5)) {
				failures.add("Database accessible: the connection did not validate within 5 s");
			}
			String confirmation = this.safety.confirmationProblem(state.graph(), resolved, options.confirm(),
					"rollback --revision=" + target, "rollback(\"" + target + "\", RollbackOptions.defaults()"
							+ ".withConfirm(\"" + resolved + "\"))");
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
			throw new RollbackRefusedException(operation, failures);
		}
		if (options.safetyCheck()) {
			this.safety.verifyBackups(session, operation, resolved, options.dryRun());
		}
		if (options.dryRun()) {
			return planned(Operation.ROLLBACK, target, session, steps, state, start);
		}
		List<AppliedMigration> reverted = execute(session, steps, plan);
		return result(Operation.ROLLBACK, target, reverted, state.currentAfter(plan), start);
	}

	private MigrationResult planned(Operation operation, String target, Session session, List<Step> steps,
			State state, long start) {
		List<PlannedMigration> planned = new ArrayList<>();
		for (Step step : steps) {
			planned.add(step.planned(session.history(), LockOwner.host()));
		}
		return new MigrationResult(operation, target, List.of(), state.current(),
				Duration.ofNanos(System.nanoTime() - start), true, planned);
	}

	@Override
	public MigrationResult stamp(String revision) {
		return this.runListeners.run(Operation.STAMP, revision, () -> stampNow(revision));
	}

	private MigrationResult stampNow(String revision) {
		long start = System.nanoTime();
		LoadedScripts scripts = scripts();
		Set<String> wanted = stampTarget(scripts, revision);
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			return locked(session, () -> {
				State current = prepareForWrite(session, false);
				List<AppliedMigration> changes = writeStamp(session, current, revision, wanted);
				return result(Operation.STAMP, revision, changes, readState(session), start);
			});
		}
	}

	private Set<String> stampTarget(LoadedScripts scripts, String revision) {
		if (revision != null && "base".equals(revision.strip())) {
			return Set.of();
		}
		return new LinkedHashSet<>(scripts.planner().upgrade(revision, Set.of()).steps());
	}

	private List<AppliedMigration> writeStamp(Session session, State state, String target, Set<String> wanted)
			throws SQLException {
		Connection connection = session.connection();
		HistoryTable history = session.history();
		List<AppliedMigration> changes = new ArrayList<>();
		Instant now = Instant.now();
		connection.setAutoCommit(false);
		try {
			List<String> removed = new ArrayList<>(state.applied().keySet());
			removed.removeAll(wanted);
			for (String id : removed) {
				history.deleteState(connection, id);
				changes.add(new AppliedMigration(id, state.applied().get(id).message(), Direction.DOWNGRADE,
						Duration.ZERO));
			}
			for (String id : wanted) {
				if (!state.applied().containsKey(id)) {
					MigrationScript script = scripts().require(id);
					history.insertState(connection, script, now, session.user());
					changes.add(new AppliedMigration(id, script.info().message(), Direction.UPGRADE, Duration.ZERO));
				}
			}
			history.insertLog(connection, new HistoryTable.LogRow(target.strip(), "stamp", HistoryAction.STAMP, null,
					session.user(), LockOwner.host(), now, Duration.ZERO, null));
			connection.commit();
			logger.log(Level.INFO, "Stamped {0}: {1} revision(s) marked applied, {2} unmarked", target.strip(),
					changes.stream().filter((change) -> change.direction() == Direction.UPGRADE).count(),
					removed.size());
			return changes;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
	}

	@Override
	public String sql(String range, Dialect dialect) {
		return new OfflineScript(this.configuration, scripts()).render(range, dialect);
	}

	static MigrationException irreversible(MigrationScript script) {
		return new MigrationException("Cannot roll back revision " + script.id() + " (" + script.info().path()
				+ "): it has no downgrade section, so it is irreversible");
	}

	@Override
	public MigrationResult repair(RepairAction action, String revision, String reason, String confirm) {
		long start = System.nanoTime();
		if (reason == null || reason.isBlank()) {
			throw new MigrationException("A repair needs a reason, for the history log");
		}
		try (Session session = open()) {
			return locked(session, () -> {
				Connection connection = session.connection();
				HistoryTable history = session.history();
				if (!history.exists(connection)) {
					history.create(connection);
				}
				State state = readState(session);
				String id = state.graph().resolveId(revision);
				String operation = "Repair " + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
						+ " " + id;
				String problem = this.safety.confirmationProblem(state.graph(), id, confirm,
						"repair " + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + id
								+ " --reason=\"...\"",
						"repair(RepairAction." + action + ", \"" + id + "\", reason, \"" + id + "\")");
				if (problem != null) {
					throw new RollbackRefusedException(operation, List.of(problem));
				}
				List<AppliedMigration> changes = new ArrayList<>();
				MigrationScript script = state.scripts().byId().get(id);
				connection.setAutoCommit(false);
				try {
					switch (action) {
						case MARK_APPLIED -> {
							if (state.applied().containsKey(id)) {
								throw new MigrationStateException("Revision " + id + " is already applied");
							}
							if (script == null) {
								throw new TargetException("Unknown revision '" + id + "'");
							}
							List<String> missing = state.graph().ancestors(id).stream()
								.filter((ancestor) -> !state.applied().containsKey(ancestor))
								.toList();
							if (!missing.isEmpty()) {
								throw new MigrationStateException("Cannot mark " + id + " applied: it needs "
										+ String.join(", ", missing) + " applied first");
							}
							history.insertState(connection, script, Instant.now(), session.user());
							changes.add(new AppliedMigration(id, script.info().message(), Direction.UPGRADE,
									Duration.ZERO));
						}
						case MARK_ROLLED_BACK -> {
							if (!state.applied().containsKey(id)) {
								throw new MigrationStateException("Revision " + id + " is not applied");
							}
							List<String> dependents = state.graph().descendants(id).stream()
								.filter(state.applied()::containsKey)
								.toList();
							if (!dependents.isEmpty()) {
								throw new MigrationStateException("Cannot mark " + id + " rolled back: "
										+ String.join(", ", dependents) + " depend on it and are applied");
							}
							history.deleteState(connection, id);
							changes.add(new AppliedMigration(id, state.applied().get(id).message(),
									Direction.DOWNGRADE, Duration.ZERO));
						}
						case ACCEPT_CHECKSUM -> {
							if (!state.applied().containsKey(id) || script == null) {
								throw new MigrationStateException("Revision " + id
										+ " must be applied and have a script to accept its checksum");
							}
							history.updateChecksum(connection, id, script.info().checksum());
						}
					}
					history.insertLog(connection, new HistoryTable.LogRow(id,
							action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": " + reason.strip(),
							HistoryAction.REPAIR, (script != null) ? script.info().checksum() : null, session.user(),
							LockOwner.host(), Instant.now(), Duration.ZERO, null));
					connection.commit();
				}
				catch (SQLException | RuntimeException ex) {
					connection.rollback();
					throw ex;
				}
				logger.log(Level.WARNING, "{0} by {1}: {2}", operation, session.user(), reason.strip());
				return result(Operation.REPAIR, revision, changes, readState(session), start);
			});
		}
	}

	@Override
	public void restoreSnapshot(Path snapshot) {
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			locked(session, () -> {
				Connection connection = session.connection();
				session.dialect().restoreSnapshot(connection, snapshot);
				if (session.history().exists(connection)) {
					connection.setAutoCommit(false);
					session.history().insertLog(connection, new HistoryTable.LogRow("-", "restore-snapshot: " + snapshot,
							HistoryAction.REPAIR, null, session.user(), LockOwner.host(), Instant.now(), Duration.ZERO,
							null));
					connection.commit();
				}
				logger.log(Level.WARNING, "Restored the database from snapshot {0}", snapshot);
				return null;
			});
		}
	}

	@Override
	public List<HistoryEntry> history() {
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			if (!session.history().exists(session.connection())) {
				return List.of();
			}
			return session.history().readLog(session.connection(), 0);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration history: " + ex.getMessage(), ex);
		}
	}

	@Override
	public VerifyReport verify() {
		List<Problem> problems = new ArrayList<>();
		List<MigrationScript> loaded;
		try {
			// The files as they are now, not as this engine loaded them: verify is how an
			// edit made since is found.
			loaded = new ScriptLoader(this.configuration).load();
		}
		catch (ScriptException ex) {
			problems.add(new Problem(Kind.GRAPH_PROBLEM, null, ex.getMessage()));
			return new VerifyReport(problems);
		}
		RevisionGraphException graphProblem = null;
		try {
			RevisionGraph.of(loaded.stream().map(MigrationScript::revision).toList());
		}
		catch (RevisionGraphException ex) {
			graphProblem = ex;
		}
		Map<String, MigrationScript> byId = new LinkedHashMap<>();
		loaded.forEach((script) -> byId.putIfAbsent(script.id(), script));
		for (MigrationScript script : loaded) {
			try {
				// Split every script (once): a start splits only those about to run.
				script.sql();
			}
			catch (ScriptException ex) {
				problems.add(new Problem(Kind.GRAPH_PROBLEM, script.id(), ex.getMessage()));
			}
		}
		if (graphProblem != null) {
			RevisionGraphException ex = graphProblem;
			ex.getMessage().lines().skip(1).map(String::strip).filter((line) -> !line.isEmpty())
				.forEach((line) -> problems.add(new Problem(Kind.GRAPH_PROBLEM, null, line)));
			if (problems.isEmpty()) {
				problems.add(new Problem(Kind.GRAPH_PROBLEM, null, ex.getMessage()));
			}
		}
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			if (session.history().exists(session.connection())) {
				for (HistoryTable.Interrupted interrupted : session.history().interrupted(session.connection())) {
					problems.add(new Problem(Kind.INTERRUPTED, interrupted.revision(), interrupted.describe()));
				}
				for (StoredRevision stored : session.history().readStoredState(session.connection()).values()) {
					MigrationScript script = byId.get(stored.revision());
					if (script == null) {
						problems.add(new Problem(Kind.MISSING_SCRIPT, stored.revision(), "Applied revision "
								+ stored.revision() + " (" + stored.script() + ") has no script in "
								+ this.configuration.locations()));
					}
					else if (checksumDiffers(stored.applied(), script)) {
						problems.add(new Problem(Kind.CHECKSUM_MISMATCH, stored.revision(),
								checksumMessage(stored.applied(), script)));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
		for (MigrationScript script : byId.values()) {
			if (!script.info().reversible()) {
				problems.add(new Problem(Kind.IRREVERSIBLE, script.id(), "Revision " + script.id() + " ("
						+ script.info().path() + ") has no downgrade: it cannot be rolled back"));
			}
		}
		return new VerifyReport(problems);
	}

	@Override
	public VerifyReport verifyRoundTrip() {
		return new VerifyReport(new RoundTripVerifier(this.configuration, this.dataSource).verify());
	}

	private static boolean checksumDiffers(AppliedRevision applied, MigrationScript script) {
		return applied.checksum() != null && script.info().checksum() != null
				&& applied.checksumVersion() != null && applied.checksumVersion() == ScriptChecksum.VERSION
				&& !applied.checksum().equals(script.info().checksum());
	}

	private static String checksumMessage(AppliedRevision applied, MigrationScript script) {
		return "Revision " + applied.revision() + " (" + script.info().path()
				+ ") was edited after it was applied: checksum " + applied.checksum() + " when applied, "
				+ script.info().checksum() + " now";
	}

	private void checkBeforeMigrate(State state) {
		if (!state.unknown().isEmpty()) {
			String message = "The database is ahead of the scripts: applied revision(s) "
					+ String.join(", ", state.unknown().keySet()) + " are unknown to this build";
			if (this.configuration.aheadPolicy() == AheadPolicy.FAIL) {
				throw new MigrationStateException(message
						+ ". Deploy the build that has them, roll them back, or set the ahead policy to WARN");
			}
			logger.log(Level.WARNING, message + "; carrying on as the ahead policy is WARN");
		}
		if (this.configuration.validateOnMigrate()) {
			List<String> edited = new ArrayList<>();
			for (AppliedRevision applied : state.applied().values()) {
				MigrationScript script = scripts().byId().get(applied.revision());
				if (script != null && checksumDiffers(applied, script)) {
					edited.add(checksumMessage(applied, script));
				}
			}
			if (!edited.isEmpty()) {
				throw new MigrationStateException("Refusing to migrate: applied scripts were edited.\n  "
						+ String.join("\n  ", edited)
						+ "\nRevert the edits (write a new revision instead), or disable validate-on-migrate");
			}
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
			throw new MigrationStateException("Refusing to migrate: "
					+ interrupted.stream().map(HistoryTable.Interrupted::describe).collect(Collectors.joining("\n")));
		}
	}

	/**
	 * Resolves every step of a plan before the first runs, so nothing starts that
	 * cannot finish. Irreversible steps of a downgrade are added to
	 * {@code irreversible}; the caller refuses the plan when any is.
	 */
	private List<Step> steps(State state, MigrationPlan plan, List<String> irreversible) throws SQLException {
		List<Step> steps = new ArrayList<>();
		for (String id : plan.steps()) {
			MigrationScript script = state.script(id);
			List<SqlStatement> statements = null;
			if (plan.direction() == Direction.DOWNGRADE && !script.info().reversible()) {
				irreversible.add("revision " + id + " (" + script.info().path()
						+ ") has no downgrade, so it cannot be rolled back");
			}
			else if (script.sql() != null) {
				statements = (plan.direction() == Direction.UPGRADE) ? script.sql().upgrade()
						: script.sql().downgrade();
			}
			steps.add(new Step(script, plan.direction(), statements));
		}
		return steps;
	}

	private List<AppliedMigration> execute(Session session, List<Step> steps, MigrationPlan plan)
			throws SQLException {
		if (steps.isEmpty()) {
			return List.of();
		}
		session.useMigrationSchema();
		session.applyMigrationSettings(this.configuration.statementLockTimeout());
		List<AppliedMigration> done = new ArrayList<>();
		try (HistoryTable.Recorder recorder = session.history().recorder(session.connection())) {
			StepRunner runner = new StepRunner(session, this.statementLog, this.configuration.listeners(), recorder);
			for (Step step : steps) {
				done.add(runWithLockRetries(session, runner, step));
			}
		}
		long total = done.stream().mapToLong((step) -> step.duration().toMillis()).sum();
		logger.log(Level.INFO, "{0} {1} migration(s) in {2} ms",
				(plan.direction() == Direction.UPGRADE) ? "Applied" : "Reverted", done.size(), total);
		return done;
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
				return runner.run(step.script(), step.direction(), step.statements());
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
							ex.getCause());
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

	/**
	 * Under the lock: creates the history tables and re-reads the state. Before a
	 * migrate, it also refuses a schema that has tables but no history (or stamps the
	 * configured baseline); a stamp is how such a schema is adopted, so it skips that.
	 */
	private State prepareForWrite(Session session, boolean checkAdoption) throws SQLException {
		State state = readState(session);
		if (state.hasHistory()) {
			// The usual case: one read of the state, as at the start of every operation.
			return state;
		}
		HistoryTable history = session.history();
		Connection connection = session.connection();
		// The read under the lock found whether the table is there: no second catalog query.
		boolean exists = state.tableExists();
		if (!checkAdoption) {
			if (!exists) {
				history.create(connection);
			}
		}
		else {
			List<String> tables = new DefaultSchemaInspector(connection, session.dialect(), session.schema(),
					history.tableNames()).tables();
			if (!exists) {
				history.create(connection);
			}
			if (!tables.isEmpty()) {
				String baseline = this.configuration.baselineOnMigrate();
				if (baseline == null) {
					throw new MigrationStateException("Schema '" + session.schema() + "' has " + tables.size()
							+ " table(s) (" + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
							+ ((tables.size() > 5) ? ", ..." : "") + ") but no migration history. If it already "
							+ "matches a revision, record that with stamp(\"<revision>\") (command: migration stamp "
							+ "<revision>) or set baseline-on-migrate to it; migrations were not run");
				}
				Set<String> wanted = stampTarget(scripts(), baseline);
				writeStamp(session, readState(session), baseline, wanted);
				logger.log(Level.INFO, "Adopted schema ''{0}'' at baseline {1}", session.schema(), baseline);
			}
		}
		return readState(session);
	}

	private <T> T locked(Session session, SqlWork<T> work) {
		DatabaseLock lock = newLock(session);
		long waitStart = System.nanoTime();
		lock.acquire();
		Duration waited = Duration.ofNanos(System.nanoTime() - waitStart);
		for (dev.migration.MigrationListener listener : this.configuration.listeners()) {
			try {
				listener.onLockAcquired(waited);
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "A migration listener failed; ignoring it", ex);
			}
		}
		T result;
		try {
			result = work.run();
		}
		catch (SQLException ex) {
			releaseAfterFailure(lock, ex);
			throw new MigrationException("Database error: " + ex.getMessage(), ex);
		}
		catch (RuntimeException | Error ex) {
			releaseAfterFailure(lock, ex);
			throw ex;
		}
		lock.release();
		return result;
	}

	private static void releaseAfterFailure(DatabaseLock lock, Throwable failure) {
		try {
			lock.release();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private DatabaseLock newLock(Session session) {
		if (session.dialect().hasAdvisoryLocks()) {
			return new AdvisoryLock(this.dataSource, session.dialect(), session.schema(), this.configuration.table(),
					this.configuration.lockTimeout());
		}
		String database;
		try {
			database = Session.queryString(session.connection(), session.dialect().databaseIdentityQuery());
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot identify the database for its lock: " + ex.getMessage(), ex);
		}
		String identity = (database != null && !database.isEmpty()) ? database
				: "memory@" + System.identityHashCode(this.dataSource);
		return new InProcessLock(session.dialect().name() + ":" + identity + ":" + session.schema() + "."
				+ this.configuration.table(), this.configuration.lockTimeout());
	}

	private <T> T read(StateReader<T> reader) {
		try (Session session = open()) {
			return reader.read(session, readState(session));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	private State readState(Session session) throws SQLException {
		LoadedScripts scripts = scripts();
		Connection connection = session.connection();
		Map<String, AppliedRevision> applied = session.history().readStateIfExists(connection);
		boolean exists = applied != null;
		if (!exists) {
			applied = Map.of();
		}
		boolean hasHistory = !applied.isEmpty() || (exists && session.history().hasLog(connection));
		Map<String, StoredRevision> unknown = Map.of();
		if (!scripts.byId().keySet().containsAll(applied.keySet())) {
			// The database is ahead of this build: its rows describe the revisions missing
			// here. Read whole, both maps from this one read of the state.
			Map<String, StoredRevision> stored = session.history().readStoredState(connection);
			applied = new LinkedHashMap<>();
			unknown = new LinkedHashMap<>();
			for (StoredRevision revision : stored.values()) {
				applied.put(revision.revision(), revision.applied());
				if (!scripts.byId().containsKey(revision.revision())) {
					unknown.put(revision.revision(), revision);
				}
			}
		}
		RevisionGraph graph = scripts.graph();
		if (!unknown.isEmpty()) {
			graph = extendedGraph(scripts, unknown);
		}
		return new State(applied, unknown, graph, new MigrationPlanner(graph), exists, hasHistory, scripts,
				session);
	}

	/**
	 * The scripts' graph plus the applied revisions this build does not know, from what
	 * the state table recorded; refuses a history that does not descend from the
	 * scripts.
	 */
	private RevisionGraph extendedGraph(LoadedScripts scripts, Map<String, StoredRevision> unknown) {
		List<Revision> revisions = new ArrayList<>(scripts.graph().revisions());
		unknown.values().forEach((applied) -> revisions.add(applied.toRevision()));
		RevisionGraph graph;
		try {
			graph = RevisionGraph.of(revisions);
		}
		catch (RevisionGraphException ex) {
			throw new MigrationStateException("The database history diverges from the scripts: applied revision(s) "
					+ String.join(", ", unknown.keySet()) + " do not fit the scripts' graph.\n" + ex.getMessage(), ex);
		}
		for (String id : unknown.keySet()) {
			boolean descendsFromKnown = graph.ancestors(id).stream().anyMatch(scripts.byId()::containsKey);
			if (!descendsFromKnown && !scripts.byId().isEmpty()) {
				throw new MigrationStateException("The database history diverges from the scripts: applied revision "
						+ id + " (" + unknown.get(id).script() + ") descends from no revision this build knows. "
						+ "Check the script locations " + this.configuration.locations());
			}
		}
		return graph;
	}

	private MigrationResult result(Operation operation, String target, List<AppliedMigration> applied, State state,
			long start) {
		return result(operation, target, applied, state.current(), start);
	}

	private MigrationResult result(Operation operation, String target, List<AppliedMigration> applied,
			List<String> current, long start) {
		return new MigrationResult(operation, target, applied, current, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Opens a session for an operation that reads the state against the scripts: the
	 * scripts load meanwhile, the first time, on another thread.
	 */
	private Session open() {
		this.scripts.prefetch();
		return Session.open(this.dataSource, this.configuration);
	}

	private LoadedScripts scripts() {
		return this.scripts.get();
	}

	@FunctionalInterface
	private interface SqlWork<T> {

		T run() throws SQLException;

	}

	@FunctionalInterface
	private interface StateReader<T> {

		T read(Session session, State state) throws SQLException;

	}

	/**
	 * The database state read in one session, with the graph to plan against.
	 */
	private record State(Map<String, AppliedRevision> applied, Map<String, StoredRevision> unknown,
			RevisionGraph graph, MigrationPlanner planner, boolean tableExists, boolean hasHistory,
			LoadedScripts scripts, Session session) {

		List<String> current() {
			return this.graph.topologicalOrder(this.graph.currentRevisions(this.applied.keySet()));
		}

		/**
		 * The current revisions once every step of a plan ran.
		 */
		List<String> currentAfter(MigrationPlan plan) {
			Set<String> after = new LinkedHashSet<>(this.applied.keySet());
			if (plan.direction() == Direction.UPGRADE) {
				after.addAll(plan.steps());
			}
			else {
				plan.steps().forEach(after::remove);
			}
			return this.graph.topologicalOrder(this.graph.currentRevisions(after));
		}

		/**
		 * The script of a revision; for one this build does not know, a script rebuilt
		 * from the state table with the downgrade stored when it was applied.
		 */
		MigrationScript script(String id) throws SQLException {
			MigrationScript script = this.scripts.byId().get(id);
			if (script != null) {
				return script;
			}
			StoredRevision applied = this.unknown.get(id);
			if (applied == null) {
				throw new TargetException("Unknown revision '" + id + "'");
			}
			String downgrade = this.session.history().storedDowngrade(this.session.connection(), id);
			String source = applied.script() + " (stored in the database)";
			return StoredScript.of(applied, source, downgrade);
		}

	}

}
