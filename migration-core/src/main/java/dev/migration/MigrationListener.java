package dev.migration;

import dev.migration.revision.Direction;

/**
 * Callbacks around each run and each migration, for logging, metrics, tracing or
 * notifications. Methods run on the migrating thread; an exception thrown by a listener
 * is logged and ignored.
 * <p>
 * A run is one {@code migrate}, {@code rollback} or {@code stamp} (dry runs are not
 * runs: they call no listener). Its callbacks nest: {@link #beforeRun} comes first, then
 * {@link #onLockAcquired} if the run took the lock, then {@link #beforeMigration} and
 * {@link #afterMigration} or {@link #onFailure} for each migration, and last exactly one
 * of {@link #afterRun} or {@link #onRunFailure}.
 */
public interface MigrationListener {

	/**
	 * Called when a run starts, before it reads the state or takes the lock.
	 * @param operation what runs: {@code MIGRATE}, {@code ROLLBACK} or {@code STAMP}
	 * @param target the target as given
	 */
	default void beforeRun(MigrationResult.Command operation, String target) {
	}

	/**
	 * Called when a run ended well, including a run that had nothing to do.
	 * @param result what ran
	 */
	default void afterRun(MigrationResult result) {
	}

	/**
	 * Called when a run failed, whether in a migration (after {@link #onFailure}) or
	 * before any ran: the lock timed out, the scripts or the target were invalid, a check
	 * refused the run, the database was unreachable.
	 * @param operation what ran: {@code MIGRATE}, {@code ROLLBACK} or {@code STAMP}
	 * @param target the target as given
	 * @param failure what will be thrown: usually a {@link MigrationException}; an
	 * {@link Error} is passed as well, so that every run that began also ends
	 */
	default void onRunFailure(MigrationResult.Command operation, String target, Throwable failure) {
	}

	/**
	 * Called when the migration lock was taken, before anything runs under it.
	 * @param waited how long it took to get the lock (another instance may have held it)
	 */
	default void onLockAcquired(java.time.Duration waited) {
	}

	/**
	 * Called before a migration runs.
	 * @param migration the migration
	 * @param direction upgrade or downgrade
	 */
	default void beforeMigration(MigrationInfo migration, Direction direction) {
	}

	/**
	 * Called after a migration committed.
	 * @param migration the migration
	 * @param result what ran and how long it took
	 */
	default void afterMigration(MigrationInfo migration, AppliedMigration result) {
	}

	/**
	 * Called after a migration failed and was rolled back.
	 * @param migration the migration
	 * @param direction upgrade or downgrade
	 * @param failure the exception that will be thrown
	 */
	default void onFailure(MigrationInfo migration, Direction direction, MigrationException failure) {
	}

}
