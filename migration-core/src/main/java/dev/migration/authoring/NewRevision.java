package dev.migration.authoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migration.TargetException;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.Revision;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.ScriptWriter;

/**
 * The id and dependencies of a revision about to be written, checked against the
 * graph of the existing scripts.
 *
 * @param id the new revision id
 * @param dependsOn the full ids of its dependencies
 */
record NewRevision(String id, List<String> dependsOn) {

	NewRevision {
		dependsOn = List.copyOf(dependsOn);
	}

	/**
	 * A fresh random id without dependencies; needs no graph.
	 */
	static NewRevision random() {
		return new NewRevision(ScriptWriter.newRevisionId(), List.of());
	}

	/**
	 * Checks the options against the graph.
	 * @throws RevisionOptionException for a bad, reserved or used id, or an unknown or
	 * ambiguous dependency
	 */
	static NewRevision of(CreateOptions options, RevisionGraph graph) {
		String id = (options.revisionId() != null) ? checkedId(options.revisionId(), graph) : freshId(graph);
		MigrationPlanner planner = new MigrationPlanner(graph);
		List<String> dependsOn = new ArrayList<>();
		for (String value : options.dependsOn()) {
			String resolved;
			try {
				resolved = planner.revision(value);
			}
			catch (TargetException ex) {
				throw new RevisionOptionException("Unknown depends_on revision '" + value + "': " + ex.getMessage(),
						ex);
			}
			if (!dependsOn.contains(resolved)) {
				dependsOn.add(resolved);
			}
		}
		return new NewRevision(id, dependsOn);
	}

	private static String checkedId(String id, RevisionGraph graph) {
		if (!Revision.isValidId(id)) {
			throw new RevisionOptionException("Invalid revision id '" + id + "': use only letters, digits and _");
		}
		if (Revision.isReserved(id)) {
			throw new RevisionOptionException("Revision id '" + id + "' is reserved for targets; choose another");
		}
		if (graph.contains(id)) {
			throw new RevisionOptionException(
					"Revision id '" + id + "' is already used by " + graph.require(id).source() + "; choose another");
		}
		for (Map.Entry<String, String> label : graph.branchLabels().entrySet()) {
			if (label.getKey().equals(id)) {
				throw new RevisionOptionException("Revision id '" + id + "' is a branch label of revision '"
						+ label.getValue() + "' (" + graph.require(label.getValue()).source() + "); choose another");
			}
		}
		return id;
	}

	private static String freshId(RevisionGraph graph) {
		String id = ScriptWriter.newRevisionId();
		while (graph.contains(id)) {
			id = ScriptWriter.newRevisionId();
		}
		return id;
	}

}
