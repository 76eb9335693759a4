package dev.migration.runtime;

import java.util.List;

import dev.migration.revision.Revision;

/**
 * One row of the state table: a revision that is applied now, with enough of its
 * script to be understood (and rolled back) by a build that no longer has the file.
 * Its downgrade SQL is read only when it is rolled back: every start reads this table.
 */
record AppliedRevision(String revision, List<String> downRevisions, List<String> dependsOn, String message,
		String kind, String script, String checksum, Integer checksumVersion, boolean transactional,
		boolean reversible) {

	AppliedRevision {
		downRevisions = List.copyOf(downRevisions);
		dependsOn = List.copyOf(dependsOn);
	}

	Revision toRevision() {
		return new Revision(this.revision, this.message, this.downRevisions, this.dependsOn,
				(this.script != null) ? this.script + " (from the database)" : this.revision);
	}

}
