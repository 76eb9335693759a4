package dev.migration.runtime;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.migration.AppliedMigration;
import dev.migration.MigrationInfo;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.TargetException;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;

/**
 * The database state read in one session, with the graph to plan against: the applied
 * revisions, those of them this build does not know (the database is ahead), and the
 * scripts' graph extended with the latter. {@link StateReader} reads it.
 * @param applied the applied revisions by id, as the state table lists them
 * @param unknown the applied revisions that have no script in this build, by id
 * @param graph the scripts' graph, plus the unknown revisions
 * @param planner the planner over that graph
 * @param tableExists whether the state table exists
 * @param hasHistory whether anything was ever recorded (a state row or a log row)
 * @param scripts the scripts the state was read against
 * @param session the session it was read in, for the stored downgrades
 * @param repeatables the repeatable migrations that stand applied, with the checksum
 * each last ran with; read only when the scripts have repeatables
 */
record DatabaseState(Map<String, AppliedRevision> applied, Map<String, StoredRevision> unknown,
		RevisionGraph graph, MigrationPlanner planner, boolean tableExists, boolean hasHistory,
		LoadedScripts scripts, Session session, Map<String, String> repeatables) {

	/**
	 * The current revisions: the applied ones no other applied revision descends from.
	 */
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
	 * The migrations a migrate to {@code heads} would apply, in order.
	 */
	List<MigrationInfo> pending() {
		MigrationPlan plan = this.planner.upgrade("heads", this.applied.keySet());
		return plan.steps().stream().map((id) -> this.scripts.info(id)).toList();
	}

	/**
	 * The repeatable migrations against this state once a migrate applied the given
	 * revisions.
	 * @param planned the revisions the migrate applies
	 */
	RepeatablePlan repeatablePlan(Collection<String> planned) {
		if (this.scripts.repeatables().isEmpty()) {
			// The usual case, at every start: nothing to copy.
			return new RepeatablePlan(List.of());
		}
		Set<String> after = new HashSet<>(this.applied.keySet());
		after.addAll(planned);
		return RepeatablePlan.of(this.scripts.repeatables(), this.repeatables, after);
	}

	/**
	 * The script of a revision; for one this build does not know, a script rebuilt from
	 * the state table with the downgrade stored when it was applied.
	 */
	MigrationScript script(String id) throws SQLException {
		MigrationScript script = this.scripts.byId().get(id);
		if (script != null) {
			return script;
		}
		if (!this.unknown.containsKey(id)) {
			throw new TargetException("Unknown revision '" + id + "'");
		}
		return stored(id, this.session.history().storedDowngrade(this.session.connection(), id));
	}

	/**
	 * A script rebuilt from the state table's row of a revision this build does not know.
	 */
	private MigrationScript stored(String id, String downgrade) {
		StoredRevision applied = this.unknown.get(id);
		if (applied == null) {
			throw new TargetException("Unknown revision '" + id + "'");
		}
		String source = applied.script() + " (stored in the database)";
		return StoredScript.of(applied, source, downgrade);
	}

	/**
	 * The scripts of revisions, in order, as {@link #script(String)} gives them; the
	 * downgrades stored for those this build does not know are read in one query for all
	 * of them, not one each.
	 */
	List<MigrationScript> scripts(List<String> ids) throws SQLException {
		// Loops, not streams: this runs at every migrate, where each lambda costs a class.
		List<String> stored = new ArrayList<>();
		boolean anyUnknown = false;
		for (String id : ids) {
			if (!this.scripts.byId().containsKey(id)) {
				stored.add(id);
				anyUnknown |= this.unknown.containsKey(id);
			}
		}
		Map<String, String> downgrades = anyUnknown
				? this.session.history().storedDowngrades(this.session.connection(), stored) : Map.of();
		List<MigrationScript> found = new ArrayList<>(ids.size());
		for (String id : ids) {
			MigrationScript script = this.scripts.byId().get(id);
			found.add((script != null) ? script : stored(id, downgrades.get(id)));
		}
		return found;
	}

	/**
	 * The result of an operation that leaves the database in this state.
	 */
	MigrationResult result(Command operation, String target, List<AppliedMigration> applied, Stopwatch stopwatch) {
		return new MigrationResult(operation, target, applied, current(), stopwatch.elapsed());
	}

}
