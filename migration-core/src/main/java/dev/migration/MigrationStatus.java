package dev.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where the database stands against the scripts.
 *
 * @param state the summary
 * @param currentRevisions the current revision(s): applied revisions with no applied
 * child
 * @param headRevisions the head(s) of the scripts
 * @param pending the migrations {@code migrate()} to every head would apply, in order
 * @param unknownApplied applied revisions the scripts do not know (the database is
 * ahead of the application)
 * @param lockHolder who holds the migration lock, or {@code null} when it is free
 * @param interrupted {@code transactional: false} migrations that started and never
 * finished (a crash part way), each described with the way to resolve it; empty
 * normally
 */
public record MigrationStatus(State state, List<String> currentRevisions, List<String> headRevisions,
		List<MigrationInfo> pending, List<String> unknownApplied, @Nullable LockHolder lockHolder, List<String> interrupted) {

	public MigrationStatus {
		currentRevisions = List.copyOf(currentRevisions);
		headRevisions = List.copyOf(headRevisions);
		pending = List.copyOf(pending);
		unknownApplied = List.copyOf(unknownApplied);
		interrupted = List.copyOf(interrupted);
	}

	/**
	 * The summary of a status.
	 */
	public enum State {

		/**
		 * Every head is applied.
		 */
		UP_TO_DATE,

		/**
		 * Migrations are pending.
		 */
		PENDING,

		/**
		 * The database has revisions the application does not know.
		 */
		AHEAD

	}

}
