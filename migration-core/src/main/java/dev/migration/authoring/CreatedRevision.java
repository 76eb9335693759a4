package dev.migration.authoring;

import java.nio.file.Path;
import java.util.List;

/**
 * A revision script written by {@link MigrationAuthor}.
 *
 * @param revision the new revision id
 * @param path the file written
 * @param message the message
 * @param downRevisions the parents
 * @param reviewNotes what autogenerate could not decide, also written into the file as
 * comments; empty otherwise
 * @param branchLabels the branch labels it declares; usually none
 * @param dependsOn the revisions it depends on ({@code depends_on}), as full ids;
 * usually none
 */
public record CreatedRevision(String revision, Path path, String message, List<String> downRevisions,
		List<String> reviewNotes, List<String> branchLabels, List<String> dependsOn) {

	public CreatedRevision {
		downRevisions = List.copyOf(downRevisions);
		reviewNotes = List.copyOf(reviewNotes);
		branchLabels = (branchLabels != null) ? List.copyOf(branchLabels) : List.of();
		dependsOn = (dependsOn != null) ? List.copyOf(dependsOn) : List.of();
	}

	/**
	 * A revision without dependencies.
	 * @param revision the new revision id
	 * @param path the file written
	 * @param message the message
	 * @param downRevisions the parents
	 * @param reviewNotes what autogenerate could not decide
	 * @param branchLabels the branch labels it declares
	 */
	public CreatedRevision(String revision, Path path, String message, List<String> downRevisions,
			List<String> reviewNotes, List<String> branchLabels) {
		this(revision, path, message, downRevisions, reviewNotes, branchLabels, List.of());
	}

	/**
	 * A revision without branch labels, as it was described before {@code branchLabels}
	 * existed.
	 * @param revision the new revision id
	 * @param path the file written
	 * @param message the message
	 * @param downRevisions the parents
	 * @param reviewNotes what autogenerate could not decide
	 */
	public CreatedRevision(String revision, Path path, String message, List<String> downRevisions,
			List<String> reviewNotes) {
		this(revision, path, message, downRevisions, reviewNotes, List.of(), List.of());
	}

}
