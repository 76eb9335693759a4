package dev.migration.runtime;

import java.lang.System.Logger.Level;
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

import javax.sql.DataSource;

import dev.migration.AheadPolicy;
import dev.migration.AppliedMigration;
import dev.migration.HistoryAction;
import dev.migration.HistoryEntry;
import dev.migration.LockHolder;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Operation;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStatus;
import dev.migration.RevisionGraphException;
import dev.migration.ScriptException;
import dev.migration.TargetException;
import dev.migration.VerifyReport;
import dev.migration.VerifyReport.Kind;
import dev.migration.VerifyReport.Problem;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.Revision;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptChecksum;
import dev.migration.script.ScriptLoader;
import dev.migration.script.SqlScriptParser;
import dev.migration.script.SqlStatement;

/**
 * The engine behind {@link MigrationManager#create}: plans from the revision graph and
 * the database state, then executes under the lock. Internal: use the interface.
 */
public final class MigrationEngine implements MigrationManager {

	private static final System.Logger logger = System.getLogger("dev.migration");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final StatementLog statementLog;

	private volatile Scripts scripts;

	/**
	 * Creates an engine; prefer {@link MigrationManager#create}.
	 * @param dataSource the database
	 * @param configuration the configuration
	 */
	public MigrationEngine(DataSource dataSource, MigrationConfiguration configuration) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.statementLog = new StatementLog(configuration.echo());
	}

	@Override
	public List<MigrationInfo> migrations() {
		Scripts scripts = scripts();
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
			return new MigrationStatus(summary, state.current(), scripts().graph().heads(), pending,
					List.copyOf(state.unknown().keySet()), holder);
		});
	}

	private List<MigrationInfo> pending(State state) {
		MigrationPlan plan = state.planner().upgrade("heads", state.applied().keySet());
		return plan.steps().stream().map((id) -> scripts().info(id)).toList();
	}

	@Override
	public MigrationResult migrate(String target) {
		long start = System.nanoTime();
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			State state = readState(session, true);
			MigrationPlan plan = state.planner().upgrade(target, state.applied().keySet());
			if (plan.isEmpty() && state.hasHistory()) {
				// Nothing to do: no lock, no write. The common case at every start.
				checkBeforeMigrate(state);
				return result(Operation.MIGRATE, target, List.of(), state, start);
			}
			return locked(session, () -> {
				State current = prepareForWrite(session, true);
				checkBeforeMigrate(current);
				MigrationPlan fresh = current.planner().upgrade(target, current.applied().keySet());
				List<AppliedMigration> applied = execute(session, current, fresh);
				return result(Operation.MIGRATE, target, applied, readState(session, true), start);
			});
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	@Override
	public MigrationResult rollback(String target) {
		long start = System.nanoTime();
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			State state = readState(session, true);
			MigrationPlan plan = state.planner().downgrade(target, state.applied().keySet());
			if (plan.isEmpty()) {
				return result(Operation.ROLLBACK, target, List.of(), state, start);
			}
			return locked(session, () -> {
				State current = readState(session, true);
				MigrationPlan fresh = current.planner().downgrade(target, current.applied().keySet());
				List<AppliedMigration> reverted = execute(session, current, fresh);
				return result(Operation.ROLLBACK, target, reverted, readState(session, true), start);
			});
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	@Override
	public MigrationResult stamp(String revision) {
		long start = System.nanoTime();
		Scripts scripts = scripts();
		Set<String> wanted = stampTarget(scripts, revision);
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			return locked(session, () -> {
				State current = prepareForWrite(session, false);
				List<AppliedMigration> changes = writeStamp(session, current, revision, wanted);
				return result(Operation.STAMP, revision, changes, readState(session, true), start);
			});
		}
	}

	private Set<String> stampTarget(Scripts scripts, String revision) {
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
			loaded = new ScriptLoader(this.configuration).load();
		}
		catch (ScriptException ex) {
			problems.add(new Problem(Kind.GRAPH_PROBLEM, null, ex.getMessage()));
			return new VerifyReport(problems);
		}
		Map<String, MigrationScript> byId = new LinkedHashMap<>();
		loaded.forEach((script) -> byId.putIfAbsent(script.id(), script));
		try {
			RevisionGraph.of(loaded.stream().map(MigrationScript::revision).toList());
		}
		catch (RevisionGraphException ex) {
			ex.getMessage().lines().skip(1).map(String::strip).filter((line) -> !line.isEmpty())
				.forEach((line) -> problems.add(new Problem(Kind.GRAPH_PROBLEM, null, line)));
			if (problems.isEmpty()) {
				problems.add(new Problem(Kind.GRAPH_PROBLEM, null, ex.getMessage()));
			}
		}
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			if (session.history().exists(session.connection())) {
				for (AppliedRevision applied : session.history().readState(session.connection()).values()) {
					MigrationScript script = byId.get(applied.revision());
					if (script == null) {
						problems.add(new Problem(Kind.MISSING_SCRIPT, applied.revision(), "Applied revision "
								+ applied.revision() + " (" + applied.script() + ") has no script in "
								+ this.configuration.locations()));
					}
					else if (checksumDiffers(applied, script)) {
						problems.add(new Problem(Kind.CHECKSUM_MISMATCH, applied.revision(),
								checksumMessage(applied, script)));
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

	private List<AppliedMigration> execute(Session session, State state, MigrationPlan plan) throws SQLException {
		List<MigrationScript> steps = new ArrayList<>();
		List<List<SqlStatement>> statements = new ArrayList<>();
		// Resolve every step before the first runs: nothing starts that cannot finish.
		for (String id : plan.steps()) {
			MigrationScript script = state.script(id);
			steps.add(script);
			statements.add(statementsFor(session, script, plan.direction()));
		}
		session.useMigrationSchema();
		StepRunner runner = new StepRunner(session, this.statementLog, this.configuration.listeners());
		List<AppliedMigration> done = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			done.add(runner.run(steps.get(i), plan.direction(), statements.get(i)));
		}
		if (!done.isEmpty()) {
			long total = done.stream().mapToLong((step) -> step.duration().toMillis()).sum();
			logger.log(Level.INFO, "{0} {1} migration(s) in {2} ms",
					(plan.direction() == Direction.UPGRADE) ? "Applied" : "Reverted", done.size(), total);
		}
		return done;
	}

	private List<SqlStatement> statementsFor(Session session, MigrationScript script, Direction direction)
			throws SQLException {
		if (script.java() != null) {
			if (direction == Direction.DOWNGRADE && !script.info().reversible()) {
				throw irreversible(script);
			}
			return null;
		}
		if (direction == Direction.UPGRADE) {
			return script.sql().upgrade();
		}
		if (script.sql().downgrade() == null) {
			throw irreversible(script);
		}
		return script.sql().downgrade();
	}

	private static MigrationException irreversible(MigrationScript script) {
		return new MigrationException("Cannot roll back revision " + script.id() + " (" + script.info().path()
				+ "): it has no downgrade section, so it is irreversible. Nothing was rolled back");
	}

	/**
	 * Under the lock: creates the history tables and re-reads the state. Before a
	 * migrate, it also refuses a schema that has tables but no history (or stamps the
	 * configured baseline); a stamp is how such a schema is adopted, so it skips that.
	 */
	private State prepareForWrite(Session session, boolean checkAdoption) throws SQLException {
		HistoryTable history = session.history();
		Connection connection = session.connection();
		boolean exists = history.exists(connection);
		boolean hasHistory = exists && (!history.readState(connection).isEmpty() || history.hasLog(connection));
		if (!hasHistory && !checkAdoption) {
			if (!exists) {
				history.create(connection);
			}
		}
		else if (!hasHistory) {
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
				writeStamp(session, readState(session, false), baseline, wanted);
				logger.log(Level.INFO, "Adopted schema ''{0}'' at baseline {1}", session.schema(), baseline);
			}
		}
		return readState(session, true);
	}

	private <T> T locked(Session session, SqlWork<T> work) {
		DatabaseLock lock = newLock(session);
		lock.acquire();
		T result;
		try {
			result = work.run();
		}
		catch (SQLException ex) {
			releaseAfterFailure(lock, ex);
			throw new MigrationException("Database error: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			releaseAfterFailure(lock, ex);
			throw ex;
		}
		lock.release();
		return result;
	}

	private static void releaseAfterFailure(DatabaseLock lock, Exception failure) {
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
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			return reader.read(session, readState(session, false));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	private State readState(Session session, boolean forWrite) throws SQLException {
		Scripts scripts = scripts();
		Connection connection = session.connection();
		boolean exists = session.history().exists(connection);
		Map<String, AppliedRevision> applied = exists ? session.history().readState(connection) : Map.of();
		boolean hasHistory = !applied.isEmpty() || (exists && session.history().hasLog(connection));
		Map<String, AppliedRevision> unknown = new LinkedHashMap<>();
		applied.forEach((id, revision) -> {
			if (!scripts.byId().containsKey(id)) {
				unknown.put(id, revision);
			}
		});
		RevisionGraph graph = scripts.graph();
		if (!unknown.isEmpty()) {
			graph = extendedGraph(scripts, unknown);
		}
		return new State(applied, unknown, graph, new MigrationPlanner(graph), hasHistory, scripts, session);
	}

	/**
	 * The scripts' graph plus the applied revisions this build does not know, from what
	 * the state table recorded; refuses a history that does not descend from the
	 * scripts.
	 */
	private RevisionGraph extendedGraph(Scripts scripts, Map<String, AppliedRevision> unknown) {
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
		return new MigrationResult(operation, target, applied, state.current(),
				Duration.ofNanos(System.nanoTime() - start));
	}

	private Scripts scripts() {
		Scripts loaded = this.scripts;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.scripts;
				if (loaded == null) {
					loaded = Scripts.load(this.configuration);
					this.scripts = loaded;
				}
			}
		}
		return loaded;
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
	 * The loaded scripts and their graph; immutable, loaded once per engine.
	 */
	private record Scripts(Map<String, MigrationScript> byId, RevisionGraph graph, MigrationPlanner planner) {

		static Scripts load(MigrationConfiguration configuration) {
			List<MigrationScript> loaded = new ScriptLoader(configuration).load();
			RevisionGraph graph = RevisionGraph.of(loaded.stream().map(MigrationScript::revision).toList());
			Map<String, MigrationScript> byId = new LinkedHashMap<>();
			loaded.forEach((script) -> byId.put(script.id(), script));
			return new Scripts(Map.copyOf(byId), graph, new MigrationPlanner(graph));
		}

		MigrationScript require(String id) {
			MigrationScript script = this.byId.get(id);
			if (script == null) {
				throw new TargetException("Unknown revision '" + id + "'");
			}
			return script;
		}

		MigrationInfo info(String id) {
			return require(id).info();
		}

	}

	/**
	 * The database state read in one session, with the graph to plan against.
	 */
	private record State(Map<String, AppliedRevision> applied, Map<String, AppliedRevision> unknown,
			RevisionGraph graph, MigrationPlanner planner, boolean hasHistory, Scripts scripts, Session session) {

		List<String> current() {
			return this.graph.topologicalOrder(this.graph.currentRevisions(this.applied.keySet()));
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
			AppliedRevision applied = this.unknown.get(id);
			if (applied == null) {
				throw new TargetException("Unknown revision '" + id + "'");
			}
			String downgrade = this.session.history().storedDowngrade(this.session.connection(), id);
			String source = applied.script() + " (stored in the database)";
			return StoredScript.of(applied, source, downgrade);
		}

	}

}
