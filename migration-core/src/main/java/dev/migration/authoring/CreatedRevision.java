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
 */
public record CreatedRevision(String revision, Path path, String message, List<String> downRevisions,
		List<String> reviewNotes) {

	public CreatedRevision {
		downRevisions = List.copyOf(downRevisions);
		reviewNotes = List.copyOf(reviewNotes);
	}

}
