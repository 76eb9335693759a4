package dev.migration.autoconfigure.command;

import java.util.List;

import dev.migration.MigrationInfo;
import dev.migration.revision.Revision;
import dev.migration.revision.RevisionGraph;

/**
 * The branch labels each revision carries, for {@code heads}, {@code current} and
 * {@code graph}: those it declares and those of the revisions below it, as the engine's
 * {@link RevisionGraph} works them out from the scripts alone, without the database.
 */
final class BranchMembership {

	private static final BranchMembership NONE = new BranchMembership(null);

	private final RevisionGraph graph;

	private BranchMembership(RevisionGraph graph) {
		this.graph = graph;
	}

	/**
	 * The membership of the given scripts.
	 * @param migrations every script, as the manager describes them
	 * @return the membership; empty when no script declares a label
	 */
	static BranchMembership of(List<MigrationInfo> migrations) {
		if (migrations.stream().allMatch((migration) -> migration.branchLabels().isEmpty())) {
			return NONE;
		}
		return new BranchMembership(RevisionGraph.of(migrations.stream()
			.map((migration) -> new Revision(migration.revision(), migration.message(), migration.downRevisions(),
					migration.dependsOn(), migration.path(), migration.branchLabels()))
			.toList()));
	}

	/**
	 * The labels of the branches a revision belongs to.
	 * @param revision the revision id
	 * @return the labels, in label order; empty for a revision on no labelled branch or
	 * unknown to the scripts
	 */
	List<String> labels(String revision) {
		return (this.graph != null && this.graph.contains(revision)) ? this.graph.branchLabels(revision) : List.of();
	}

	/**
	 * Whether any script declares a label.
	 * @return {@code true} if one does
	 */
	boolean isEmpty() {
		return this.graph == null;
	}

}
