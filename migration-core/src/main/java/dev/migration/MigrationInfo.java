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
 */
public record MigrationInfo(String revision, String message, List<String> downRevisions, List<String> dependsOn,
		String path, @Nullable String checksum, MigrationKind kind, boolean transactional, boolean reversible) {

	public MigrationInfo {
		downRevisions = List.copyOf(downRevisions);
		dependsOn = List.copyOf(dependsOn);
	}

}
