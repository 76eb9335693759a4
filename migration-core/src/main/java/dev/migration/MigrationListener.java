package dev.migration;

import dev.migration.revision.Direction;

/**
 * Callbacks around each migration, for logging, metrics or notifications. Methods run
 * on the migrating thread; an exception thrown by a listener is logged and ignored.
 */
public interface MigrationListener {

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
