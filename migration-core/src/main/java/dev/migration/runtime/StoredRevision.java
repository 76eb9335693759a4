package dev.migration.runtime;

import java.util.List;

import dev.migration.revision.Revision;

/**
 * One whole row of the state table: an applied revision with enough of its script to
 * be understood (and rolled back) by a build that no longer has the file. Read only when
 * the database holds such a revision, or to verify; a start reads the
 * {@link AppliedRevision} columns alone. Its downgrade SQL is read only when it is
 * rolled back.
 */
record StoredRevision(String revision, List<String> downRevisions, List<String> dependsOn, String message,
		String kind, String script, String checksum, Integer checksumVersion, boolean transactional,
		boolean reversible) {

	StoredRevision {
		downRevisions = List.copyOf(downRevisions);
		dependsOn = List.copyOf(dependsOn);
	}

	AppliedRevision applied() {
		return new AppliedRevision(this.revision, this.message, this.checksum, this.checksumVersion);
	}

	Revision toRevision() {
		return new Revision(this.revision, this.message, this.downRevisions, this.dependsOn,
				(this.script != null) ? this.script + " (from the database)" : this.revision);
	}

}
