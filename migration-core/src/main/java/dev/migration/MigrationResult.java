package dev.migration;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@code migrate}, {@code rollback} or {@code stamp}.
 *
 * @param operation what ran
 * @param target the target as given
 * @param migrations the migrations that ran, in order; empty when nothing was to do
 * @param currentRevisions the current revision(s) afterwards
 * @param duration the whole operation, to the microsecond: reading the state,
 * planning, the lock wait and every migration, so never less than the sum of the
 * migrations' durations
 * @param dryRun whether nothing ran: {@code planned} holds what would have
 * @param planned for a dry run, the exact SQL each migration would send, in order;
 * empty otherwise
 */
public record MigrationResult(Command operation, String target, List<AppliedMigration> migrations,
		List<String> currentRevisions, Duration duration, boolean dryRun, List<PlannedMigration> planned) {

	public MigrationResult {
		migrations = List.copyOf(migrations);
		currentRevisions = List.copyOf(currentRevisions);
		planned = List.copyOf(planned);
	}

	/**
	 * A result of a real run.
	 * @param operation what ran
	 * @param target the target as given
	 * @param migrations the migrations that ran
	 * @param currentRevisions the current revisions afterwards
	 * @param duration the whole operation
	 */
	public MigrationResult(Command operation, String target, List<AppliedMigration> migrations,
			List<String> currentRevisions, Duration duration) {
		this(operation, target, migrations, currentRevisions, duration, false, List.of());
	}

	/**
	 * Whether anything was applied, rolled back or stamped.
	 * @return {@code true} if the database changed
	 */
	public boolean changed() {
		return !this.migrations.isEmpty();
	}

	/**
	 * The commands that produce a {@link MigrationResult}: named like the command line's,
	 * and not to be confused with the schema operations of {@code dev.migration.operation}.
	 */
	public enum Command {

		/**
		 * Upgrades towards a target.
		 */
		MIGRATE,

		/**
		 * Downgrades towards a target.
		 */
		ROLLBACK,

		/**
		 * Sets the state without running anything.
		 */
		STAMP,

		/**
		 * Repairs the state by hand, audited.
		 */
		REPAIR

	}

}
