package dev.migration.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.migration.EditedScript;
import dev.migration.HistoryEntry;
import dev.migration.HistoryQuery;
import dev.migration.HistoryRecord;
import dev.migration.LockHolder;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationInfo;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.MigrationStatus;
import dev.migration.RepairAction;
import dev.migration.ResumeOptions;
import dev.migration.RollbackOptions;
import dev.migration.VerifyReport;
import dev.migration.dialect.Dialect;
import dev.migration.lint.LintReport;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.revision.RevisionGraph;

/**
 * The engine behind {@link MigrationManager#create}: plans from the revision graph and
 * the database state, then executes under the lock. Internal: use the interface.
 * <p>
 * A facade: each command is the job of one class of this package. {@link StateReader}
 * reads the {@link DatabaseState}; {@link Upgrade} and {@link Rollback} plan and run
 * through {@link PlanRunner} inside a {@link LockScope}, as does {@link Resume};
 * {@link StateWriter} stamps,
 * repairs, restores and adopts; {@link ScriptVerification} verifies; {@link ScriptLint} lints.
 * This class tells
 * the listeners where each run starts and ends.
 */
public final class MigrationEngine implements MigrationManager {

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final ScriptPrefetch scripts;

	private final RunListeners runListeners;

	private final StateReader reader;

	private final LockScope lock;

	private final StateWriter writer;

	private final ScriptVerification verification;

	private final Upgrade upgrade;

	private final RollbackSafety safety;

	private final PlanRunner runner;

	private final RepeatableRunner repeatables;

	// The parts of the commands a start never runs, created on first use: guarded by this.
	private Rollback rollback;

	private Resume resume;

	private HistorySearch historySearch;

	private ScriptLint lint;

	/**
	 * Creates an engine; prefer {@link MigrationManager#create}.
	 * @param dataSource the database
	 * @param configuration the configuration
	 */
	public MigrationEngine(DataSource dataSource, MigrationConfiguration configuration) {
		this(dataSource, configuration, new ScriptPrefetch(configuration), false);
	}

	/**
	 * Creates the engine of a fleet's tenant.
	 * @param dataSource the database
	 * @param configuration the tenant's configuration
	 * @param scripts the scripts, shared with the other tenants where they can be
	 * @param borrowed whether the data source lends the one connection of a fleet's
	 * worker, whose tenants have their tables at every run but the first: the state is
	 * read before the catalog is asked
	 */
	MigrationEngine(DataSource dataSource, MigrationConfiguration configuration, ScriptPrefetch scripts,
			boolean borrowed) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.scripts = scripts;
		this.runListeners = new RunListeners(configuration.listeners());
		this.reader = new StateReader(dataSource, configuration, this.scripts, borrowed);
		this.lock = new LockScope(dataSource, configuration);
		this.safety = new RollbackSafety(configuration);
		this.runner = new PlanRunner(configuration, new StatementLog(configuration.echo()));
		this.writer = new StateWriter(dataSource, configuration, this.reader, this.lock, this.safety);
		this.verification = new ScriptVerification(dataSource, configuration);
		this.repeatables = new RepeatableRunner(configuration, new StatementLog(configuration.echo()));
		this.upgrade = new Upgrade(this.reader, this.lock, this.writer, this.verification, this.runner,
				this.repeatables, new MigrateLint(configuration));
	}

	private synchronized Rollback rollbacks() {
		if (this.rollback == null) {
			this.rollback = new Rollback(this.reader, this.lock, this.safety, this.runner, this.repeatables);
		}
		return this.rollback;
	}

	private synchronized Resume resumes() {
		if (this.resume == null) {
			this.resume = new Resume(this.reader, this.lock, this.safety, this.runner);
		}
		return this.resume;
	}

	private synchronized HistorySearch historySearch() {
		if (this.historySearch == null) {
			this.historySearch = new HistorySearch(this.dataSource, this.configuration, this.reader);
		}
		return this.historySearch;
	}

	private synchronized ScriptLint lints() {
		if (this.lint == null) {
			this.lint = new ScriptLint(this.dataSource, this.configuration, this.reader);
		}
		return this.lint;
	}

	@Override
	public List<MigrationInfo> migrations() {
		LoadedScripts scripts = this.reader.scripts();
		return scripts.graph().revisions().stream().map((revision) -> scripts.info(revision.id())).toList();
	}

	@Override
	public List<String> currentRevisions() {
		return this.reader.read((session, state) -> state.current());
	}

	@Override
	public List<String> headRevisions() {
		return this.reader.scripts().graph().heads();
	}

	@Override
	public List<MigrationInfo> pendingMigrations() {
		return this.reader.read((session, state) -> state.pending());
	}

	@Override
	public MigrationStatus status() {
		return this.reader.read((session, state) -> {
			List<MigrationInfo> pending = state.pending();
			LockHolder holder = this.lock.holder(session);
			List<HistoryTable.Interrupted> interrupted = state.hasHistory()
					? session.history().interrupted(session.connection()) : List.of();
			List<VerifyReport.Problem> problems = new ArrayList<>();
			List<EditedScript> edited = ScriptVerification.edited(state);
			edited.forEach((script) -> problems.add(ScriptVerification.edited(script)));
			state.unknown()
				.values()
				.forEach((stored) -> problems.add(ScriptVerification.missing(stored, this.configuration)));
			interrupted.forEach((migration) -> problems
				.add(new VerifyReport.Problem(VerifyReport.Kind.INTERRUPTED, migration.revision(), migration.describe())));
			// Against the revisions applied now: one waiting for a pending revision says so.
			List<MigrationStatus.Repeatable> repeatables = state.repeatablePlan(List.of()).describe();
			boolean repeatablesPending = repeatables.stream().anyMatch(MigrationStatus.Repeatable::pending);
			MigrationStatus.State summary = !edited.isEmpty() ? MigrationStatus.State.EDITED
					: !state.unknown().isEmpty() ? MigrationStatus.State.AHEAD
					: (pending.isEmpty() && !repeatablesPending) ? MigrationStatus.State.UP_TO_DATE
					: MigrationStatus.State.PENDING;
			return new MigrationStatus(summary, state.current(), this.reader.scripts().graph().heads(), pending,
					List.copyOf(state.unknown().keySet()), holder,
					interrupted.stream().map(HistoryTable.Interrupted::describe).toList(), problems,
					branches(this.reader.scripts().graph(), state), repeatables);
		});
	}

	/**
	 * Each labelled branch of the scripts with its heads, and the database's current
	 * revisions on it: from the state's graph, which also has the applied revisions
	 * this build does not know.
	 */
	private static List<MigrationStatus.Branch> branches(RevisionGraph scripts, DatabaseState state) {
		List<MigrationStatus.Branch> branches = new ArrayList<>();
		scripts.branchLabels().forEach((label, base) -> {
			Set<String> members = state.graph().branch(label);
			branches.add(new MigrationStatus.Branch(label, base, scripts.branchHeads(label),
					state.current().stream().filter(members::contains).toList()));
		});
		return branches;
	}

	@Override
	public MigrationPlan plan(String target, Direction direction) {
		return this.reader.read((session, state) -> (direction == Direction.UPGRADE)
				? state.planner().upgrade(target, state.applied().keySet())
				: state.planner().downgrade(target, state.applied().keySet()));
	}

	@Override
	public String resolve(String revision) {
		return this.reader.scripts().planner().revision(revision);
	}

	@Override
	public MigrationResult migrate(String target) {
		return migrate(target, false);
	}

	@Override
	public MigrationResult migrate(String target, boolean dryRun) {
		if (dryRun) {
			return this.upgrade.migrate(target, true);
		}
		return this.runListeners.run(Command.MIGRATE, target, () -> this.upgrade.migrate(target, false));
	}

	@Override
	public MigrationResult rollback(String target, RollbackOptions options) {
		if (options.dryRun()) {
			return rollbacks().to(target, options);
		}
		return this.runListeners.run(Command.ROLLBACK, target, () -> rollbacks().to(target, options));
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
		return rollbacks().revert(revision, options);
	}

	@Override
	public MigrationResult stamp(String revision) {
		return this.runListeners.run(Command.STAMP, revision, () -> this.writer.stamp(revision));
	}

	@Override
	public String sql(String range, Dialect dialect) {
		return new OfflineScript(this.configuration, this.reader.scripts()).render(range, dialect);
	}

	@Override
	public MigrationResult repair(RepairAction action, String revision, String reason, String confirm) {
		return this.writer.repair(action, revision, reason, confirm);
	}

	@Override
	public MigrationResult resume(String revision, ResumeOptions options) {
		return this.runListeners.run(Command.MIGRATE, revision, () -> resumes().resume(revision, options));
	}

	@Override
	public void restoreSnapshot(Path snapshot) {
		this.writer.restoreSnapshot(snapshot);
	}

	@Override
	public List<HistoryEntry> history() {
		return this.reader.history();
	}

	@Override
	public List<HistoryRecord> history(HistoryQuery query) {
		return historySearch().history(query);
	}

	@Override
	public VerifyReport verify() {
		return this.verification.verify();
	}

	@Override
	public VerifyReport verifySingleHead() {
		RevisionGraph graph = this.reader.scripts().graph();
		List<String> heads = graph.heads();
		if (heads.size() <= 1) {
			return new VerifyReport(List.of());
		}
		Map<String, List<String>> labels = new LinkedHashMap<>();
		heads.forEach((head) -> labels.put(head, graph.branchLabels(head)));
		return new VerifyReport(List.of(VerifyReport.Problem.multipleHeads(heads, labels)));
	}

	@Override
	public VerifyReport verifyRoundTrip() {
		return new VerifyReport(new RoundTripVerifier(this.configuration, this.dataSource).verify());
	}

	@Override
	public LintReport lint() {
		return lints().all();
	}

	@Override
	public LintReport lint(Collection<String> revisions) {
		return lints().revisions(revisions);
	}

	@Override
	public LintReport lintScript(Path file) {
		return lints().file(file);
	}

	@Override
	public LintReport lintScript(String path, String content) {
		return lints().text(path, content);
	}

}
