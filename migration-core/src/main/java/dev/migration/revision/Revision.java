package dev.migration.revision;

import java.util.List;
import java.util.Objects;

/**
 * One node of the revision graph: an id, the message, its parents
 * ({@code down_revision}), extra dependencies ({@code depends_on}) and the branch
 * labels it declares ({@code branch_labels}). Knows nothing of databases or of how the
 * migration runs.
 *
 * @param id the revision id: letters, digits and {@code _}
 * @param message the one-line description
 * @param downRevisions the parents; empty for a root, two or more for a merge
 * @param dependsOn revisions that must be applied first without being parents
 * @param source where the revision was declared (a file path or a class name), for
 * error messages
 * @param branchLabels the branch labels this revision declares: it and every revision
 * above it along {@code down_revision} form the branch, named in targets such as
 * {@code billing@head}; usually empty
 */
public record Revision(String id, String message, List<String> downRevisions, List<String> dependsOn, String source,
		List<String> branchLabels) {

	public Revision {
		Objects.requireNonNull(id, "id");
		message = (message != null) ? message : "";
		downRevisions = List.copyOf(downRevisions);
		dependsOn = List.copyOf(dependsOn);
		source = (source != null) ? source : id;
		branchLabels = (branchLabels != null) ? List.copyOf(branchLabels) : List.of();
	}

	/**
	 * A revision without branch labels, as it was before {@code branchLabels} existed.
	 * @param id the revision id
	 * @param message the one-line description
	 * @param downRevisions the parents
	 * @param dependsOn revisions that must be applied first without being parents
	 * @param source where the revision was declared, for error messages
	 */
	public Revision(String id, String message, List<String> downRevisions, List<String> dependsOn, String source) {
		this(id, message, downRevisions, dependsOn, source, List.of());
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
	 * Whether the given text is a valid branch label: letters, digits, {@code _} and
	 * {@code -}, not starting with {@code -}. Never {@code @}, which separates the label
	 * from the rest of a target ({@code billing@head}).
	 * @param label the candidate
	 * @return {@code true} if valid
	 */
	public static boolean isValidBranchLabel(String label) {
		if (label == null || label.isEmpty() || label.charAt(0) == '-') {
			return false;
		}
		for (int i = 0; i < label.length(); i++) {
			char c = label.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a name is one of the words targets reserve: {@code head}, {@code heads}
	 * and {@code base}, which can be neither a revision id nor a branch label.
	 * @param name the candidate
	 * @return {@code true} if reserved
	 */
	public static boolean isReserved(String name) {
		return Target.HEAD.equals(name) || Target.HEADS.equals(name) || Target.BASE.equals(name);
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
