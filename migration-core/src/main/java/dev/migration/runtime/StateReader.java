package dev.migration.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migration.HistoryEntry;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStateException.Reason;
import dev.migration.RevisionGraphException;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.Revision;
import dev.migration.revision.RevisionGraph;

/**
 * Reads what the database records against the scripts: opens the sessions that do so
 * (the scripts loading meanwhile), reads the {@link DatabaseState} in one query in the
 * usual case, and the history log.
 */
final class StateReader {

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final ScriptPrefetch scripts;

	private final boolean readFirst;

	StateReader(DataSource dataSource, MigrationConfiguration configuration, ScriptPrefetch scripts) {
		this(dataSource, configuration, scripts, false);
	}

	/**
	 * A reader that may read the state before asking the catalog for its table.
	 * @param readFirst whether the sessions it opens read the state table straight away,
	 * asking the catalog only when that fails: one query where the table exists, as it
	 * does for a fleet's tenants at every run but the first
	 */
	StateReader(DataSource dataSource, MigrationConfiguration configuration, ScriptPrefetch scripts,
			boolean readFirst) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.scripts = scripts;
		this.readFirst = readFirst;
	}

	/**
	 * The scripts, loaded on first use.
	 */
	LoadedScripts scripts() {
		return this.scripts.get();
	}

	/**
	 * Opens a session for an operation that reads the state against the scripts: the
	 * scripts load meanwhile, the first time, on another thread.
	 */
	Session open() {
		this.scripts.prefetch();
		Session session = Session.open(this.dataSource, this.configuration);
		if (this.readFirst) {
			session.history().readFirst();
		}
		return session;
	}

	/**
	 * Reads the state in a session of its own and hands it to {@code reader}.
	 */
	<T> T read(Reading<T> reader) {
		try (Session session = open()) {
			return reader.read(session, read(session));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads the state in the given session: one read of the state table, and a second
	 * only when it lists revisions this build does not know.
	 */
	DatabaseState read(Session session) throws SQLException {
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
		Map<String, String> repeatables = (exists && !scripts.repeatables().isEmpty())
				? session.history().readRepeatables(connection) : Map.of();
		return new DatabaseState(applied, unknown, graph, new MigrationPlanner(graph), exists, hasHistory, scripts,
				session, repeatables);
	}

	/**
	 * The state of history tables just created: nothing applied, nothing logged.
	 */
	DatabaseState empty(Session session) {
		LoadedScripts scripts = scripts();
		return new DatabaseState(Map.of(), Map.of(), scripts.graph(), scripts.planner(), true, false, scripts,
				session, Map.of());
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
			String problem = "The database history diverges from the scripts: applied revision(s) "
					+ String.join(", ", unknown.keySet()) + " do not fit the scripts' graph.\n" + ex.getMessage();
			throw new MigrationStateException(Reason.DIVERGED, List.copyOf(unknown.keySet()), problem, problem, ex);
		}
		for (String id : unknown.keySet()) {
			boolean descendsFromKnown = graph.ancestors(id).stream().anyMatch(scripts.byId()::containsKey);
			if (!descendsFromKnown && !scripts.byId().isEmpty()) {
				String problem = "The database history diverges from the scripts: applied revision " + id + " ("
						+ unknown.get(id).script() + ") descends from no revision this build knows";
				throw new MigrationStateException(Reason.DIVERGED, List.of(id), problem,
						problem + ". Check the script locations " + this.configuration.locations(), null);
			}
		}
		return graph;
	}

	/**
	 * The history log, newest first; empty before the first migration.
	 */
	List<HistoryEntry> history() {
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

	/**
	 * Work on the state read in a session.
	 */
	@FunctionalInterface
	interface Reading<T> {

		T read(Session session, DatabaseState state) throws SQLException;

	}

}
