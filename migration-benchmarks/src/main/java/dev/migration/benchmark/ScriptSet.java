package dev.migration.benchmark;

import java.nio.file.Path;
import java.util.List;

import dev.migration.revision.Revision;

/**
 * Generated revision scripts in a directory, with their revisions in memory.
 *
 * @param directory where the files are
 * @param revisions the revisions, in file-name order (an upgrade order)
 * @param tables how many tables the upgrades create
 * @param middle a revision about half way up, whose ancestors are about half of all
 */
record ScriptSet(Path directory, List<Revision> revisions, int tables, String middle) {

	ScriptSet {
		revisions = List.copyOf(revisions);
	}

	int size() {
		return this.revisions.size();
	}

	String location() {
		return "filesystem:" + this.directory.toAbsolutePath();
	}

}
