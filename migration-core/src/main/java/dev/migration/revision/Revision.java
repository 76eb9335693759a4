package dev.migration.revision;

import java.util.List;
import java.util.Objects;

/**
 * One node of the revision graph: an id, the message, its parents
 * ({@code down_revision}) and extra dependencies ({@code depends_on}). Knows nothing
 * of databases or of how the migration runs.
 *
 * @param id the revision id: letters, digits and {@code _}
 * @param message the one-line description
 * @param downRevisions the parents; empty for a root, two or more for a merge
 * @param dependsOn revisions that must be applied first without being parents
 * @param source where the revision was declared (a file path or a class name), for
 * error messages
 */
public record Revision(String id, String message, List<String> downRevisions, List<String> dependsOn, String source) {

	public Revision {
		Objects.requireNonNull(id, "id");
		message = (message != null) ? message : "";
		downRevisions = List.copyOf(downRevisions);
		dependsOn = List.copyOf(dependsOn);
		source = (source != null) ? source : id;
	}

	/**
	 * Whether the given text is a valid revision id: letters, digits and {@code _}.
	 * @param id the candidate
	 * @return {@code true} if valid
	 */
	public static boolean isValidId(String id) {
		// A loop rather than a regular expression: every id of every script is checked at
		// every start.
		if (id == null || id.isEmpty()) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether this revision joins two or more parents.
	 * @return {@code true} for a merge revision
	 */
	public boolean isMerge() {
		return this.downRevisions.size() > 1;
	}

	/**
	 * Whether this revision has no parent.
	 * @return {@code true} for a root
	 */
	public boolean isRoot() {
		return this.downRevisions.isEmpty();
	}

}
