package dev.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A known revision script, as loaded from the configured locations.
 *
 * @param revision the revision id
 * @param message the one-line description
 * @param downRevisions the parents; empty for a root, several for a merge
 * @param dependsOn extra revisions that must be applied first
 * @param path where the script lives ({@code classpath:...}, a file path, or a class
 * name)
 * @param checksum the checksum of the script, or {@code null} for a Java migration
 * that declares none
 * @param kind SQL or Java
 * @param transactional whether it runs in one transaction with its state rows
 * @param reversible whether it has a downgrade
 * @param branchLabels the branch labels it declares ({@code branch_labels}); the
 * revisions above it belong to those branches too
 * @param repeatable whether it is a repeatable migration ({@code repeatable: true}):
 * outside the revision graph, applied again whenever its checksum changes; its
 * {@code revision} is its own id and {@code downRevisions} is empty
 */
public record MigrationInfo(String revision, String message, List<String> downRevisions, List<String> dependsOn,
		String path, @Nullable String checksum, MigrationKind kind, boolean transactional, boolean reversible,
		List<String> branchLabels, boolean repeatable) {

	public MigrationInfo {
		downRevisions = List.copyOf(downRevisions);
		dependsOn = List.copyOf(dependsOn);
		branchLabels = (branchLabels != null) ? List.copyOf(branchLabels) : List.of();
	}

	/**
	 * A revision script, not a repeatable one.
	 * @param revision the revision id
	 * @param message the one-line description
	 * @param downRevisions the parents
	 * @param dependsOn extra revisions that must be applied first
	 * @param path where the script lives
	 * @param checksum the checksum, or {@code null}
	 * @param kind SQL or Java
	 * @param transactional whether it runs in one transaction with its state rows
	 * @param reversible whether it has a downgrade
	 * @param branchLabels the branch labels it declares
	 */
	public MigrationInfo(String revision, String message, List<String> downRevisions, List<String> dependsOn,
			String path, @Nullable String checksum, MigrationKind kind, boolean transactional, boolean reversible,
			List<String> branchLabels) {
		this(revision, message, downRevisions, dependsOn, path, checksum, kind, transactional, reversible,
				branchLabels, false);
	}

	/**
	 * A script without branch labels, as it was described before {@code branchLabels}
	 * existed.
	 * @param revision the revision id
	 * @param message the one-line description
	 * @param downRevisions the parents
	 * @param dependsOn extra revisions that must be applied first
	 * @param path where the script lives
	 * @param checksum the checksum, or {@code null}
	 * @param kind SQL or Java
	 * @param transactional whether it runs in one transaction with its state rows
	 * @param reversible whether it has a downgrade
	 */
	public MigrationInfo(String revision, String message, List<String> downRevisions, List<String> dependsOn,
			String path, @Nullable String checksum, MigrationKind kind, boolean transactional, boolean reversible) {
		this(revision, message, downRevisions, dependsOn, path, checksum, kind, transactional, reversible, List.of());
	}

}
