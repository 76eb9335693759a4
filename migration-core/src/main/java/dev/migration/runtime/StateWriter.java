package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import dev.migration.AppliedMigration;
import dev.migration.HistoryAction;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStateException.Reason;
import dev.migration.RepairAction;
import dev.migration.RollbackRefusedException;
import dev.migration.RollbackRefusedException.Refusal;
import dev.migration.TargetException;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;

/**
 * Changes what the database records without running a migration, under the lock:
 * {@code stamp}, {@code repair}, the log entry of a snapshot restore, and before a first
 * migrate the creation of the history tables and the adoption of an existing schema at
 * the configured baseline.
 */
final class StateWriter {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final StateReader reader;

	private final LockScope lock;

	private final RollbackSafety safety;

	StateWriter(DataSource dataSource, MigrationConfiguration configuration, StateReader reader, LockScope lock,
			RollbackSafety safety) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.reader = reader;
		this.lock = lock;
		this.safety = safety;
	}

	/**
	 * Records {@code revision} and its ancestors as the applied revisions, and nothing
	 * else; {@code base} records none.
	 */
	MigrationResult stamp(String revision) {
		Stopwatch stopwatch = Stopwatch.start();
		LoadedScripts scripts = this.reader.scripts();
		Set<String> wanted = stampTarget(scripts, revision);
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			return this.lock.locked(session, () -> {
				DatabaseState current = prepareForWrite(session, false);
				List<AppliedMigration> changes = writeStamp(session, current, revision, wanted);
				return this.reader.read(session).result(Command.STAMP, revision, changes, stopwatch);
			});
		}
	}

	/**
	 * Under the lock: creates the history tables and re-reads the state. Before a
	 * migrate, it also refuses a schema that has tables but no history (or stamps the
	 * configured baseline); a stamp is how such a schema is adopted, so it skips that.
	 */
	DatabaseState prepareForWrite(Session session, boolean checkAdoption) throws SQLException {
		DatabaseState state = this.reader.read(session);
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
			// One query tells both whether the schema holds tables of its own and whether
			// the history tables are all absent, as in a new tenant.
			List<String> tables = new ArrayList<>(new DefaultSchemaInspector(connection, session.dialect(),
					session.schema(), history.tableNames()).allTables());
			boolean absent = !exists && Collections.disjoint(tables, history.tableNames());
			tables.removeAll(history.tableNames());
			if (!exists) {
				history.create(connection, absent);
			}
			if (absent && tables.isEmpty()) {
				// Created here under the lock, empty: nothing to read back.
				return this.reader.empty(session);
			}
			if (!tables.isEmpty()) {
				String baseline = this.configuration.baselineOnMigrate();
				if (baseline == null) {
					String problem = "Schema '" + session.schema() + "' has " + tables.size() + " table(s) ("
							+ String.join(", ", tables.subList(0, Math.min(5, tables.size())))
							+ ((tables.size() > 5) ? ", ..." : "") + ") but no migration history; migrations were "
							+ "not run";
					throw new MigrationStateException(Reason.NO_HISTORY, List.of(), problem, problem + ". If it "
							+ "already matches a revision, record that with stamp(revision), or give that revision "
							+ "to the configuration's baselineOnMigrate(revision) to record it on migrate", null);
				}
				Set<String> wanted = stampTarget(this.reader.scripts(), baseline);
				writeStamp(session, this.reader.read(session), baseline, wanted);
				logger.log(Level.INFO, "Adopted schema ''{0}'' at baseline {1}", session.schema(), baseline);
			}
		}
		return this.reader.read(session);
	}

	private static Set<String> stampTarget(LoadedScripts scripts, String revision) {
		if (revision != null && "base".equals(revision.strip())) {
			return Set.of();
		}
		return new LinkedHashSet<>(scripts.planner().upgrade(revision, Set.of()).steps());
	}

	private List<AppliedMigration> writeStamp(Session session, DatabaseState state, String target,
			Set<String> wanted) throws SQLException {
		Connection connection = session.connection();
		HistoryTable history = session.history();
		List<AppliedMigration> changes = new ArrayList<>();
		Instant now = Instant.now();
		history.upgrade(connection);
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
					MigrationScript script = this.reader.scripts().require(id);
					history.insertState(connection, script, session.placeholders(), now, session.user());
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

	/**
	 * Corrects the recorded state of one revision, confirmed as a rollback is in
	 * production, and logs the reason.
	 */
	MigrationResult repair(RepairAction action, String revision, String reason, String confirm) {
		Stopwatch stopwatch = Stopwatch.start();
		if (reason == null || reason.isBlank()) {
			throw new MigrationException("A repair needs a reason, for the history log");
		}
		try (Session session = this.reader.open()) {
			return this.lock.locked(session, () -> {
				Connection connection = session.connection();
				HistoryTable history = session.history();
				if (!history.exists(connection)) {
					history.create(connection);
				}
				DatabaseState state = this.reader.read(session);
				String id = state.graph().resolveId(revision);
				String name = action.name().toLowerCase(Locale.ROOT).replace('_', '-');
				String operation = "Repair " + name + " " + id;
				Refusal problem = this.safety.confirmationProblem(state.graph(), id, confirm,
						"repair(RepairAction." + action + ", \"" + id + "\", reason, \"" + id + "\")");
				if (problem != null) {
					throw RollbackRefusedException.of(operation, List.of(problem));
				}
				List<AppliedMigration> changes = new ArrayList<>();
				MigrationScript script = state.scripts().byId().get(id);
				history.upgrade(connection);
				connection.setAutoCommit(false);
				try {
					switch (action) {
						case MARK_APPLIED -> changes.add(markApplied(session, state, id, script));
						case MARK_ROLLED_BACK -> changes.add(markRolledBack(session, state, id));
						case ACCEPT_CHECKSUM -> {
							if (!state.applied().containsKey(id) || script == null) {
								throw new MigrationStateException("Revision " + id
										+ " must be applied and have a script to accept its checksum");
							}
							history.updateChecksum(connection, id, script.info().checksum());
						}
					}
					history.insertLog(connection, new HistoryTable.LogRow(id, name + ": " + reason.strip(),
							HistoryAction.REPAIR, (script != null) ? script.info().checksum() : null, session.user(),
							LockOwner.host(), Instant.now(), Duration.ZERO, null));
					connection.commit();
				}
				catch (SQLException | RuntimeException ex) {
					connection.rollback();
					throw ex;
				}
				logger.log(Level.WARNING, "{0} by {1}: {2}", operation, session.user(), reason.strip());
				return this.reader.read(session).result(Command.REPAIR, revision, changes, stopwatch);
			});
		}
	}

	private static AppliedMigration markApplied(Session session, DatabaseState state, String id,
			MigrationScript script) throws SQLException {
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
		session.history().insertState(session.connection(), script, session.placeholders(), Instant.now(),
				session.user());
		return new AppliedMigration(id, script.info().message(), Direction.UPGRADE, Duration.ZERO);
	}

	private static AppliedMigration markRolledBack(Session session, DatabaseState state, String id)
			throws SQLException {
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
		session.history().deleteState(session.connection(), id);
		return new AppliedMigration(id, state.applied().get(id).message(), Direction.DOWNGRADE, Duration.ZERO);
	}

	/**
	 * Restores the database from a snapshot under the lock, and logs it when the
	 * restored database has a history.
	 */
	void restoreSnapshot(Path snapshot) {
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			this.lock.locked(session, () -> {
				Connection connection = session.connection();
				session.dialect().restoreSnapshot(connection, snapshot);
				if (session.history().exists(connection)) {
					session.history().upgrade(connection);
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

}
