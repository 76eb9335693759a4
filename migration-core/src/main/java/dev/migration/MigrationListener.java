package dev.migration;

import dev.migration.revision.Direction;

/**
 * Callbacks around each run and each migration, for logging, metrics, tracing or
 * notifications, and for checks that may stop a run. Methods run on the migrating
 * thread; an exception thrown by a listener is logged and ignored, except a
 * {@link MigrationVetoException}, which stops the run:
 * <ul>
 * <li>from {@link #beforeRun}: nothing runs (the state is not read, the lock not
 * taken); the listeners' {@link #onRunFailure} is called and the caller receives the
 * veto;</li>
 * <li>from {@link #beforeMigration}: that migration does not run and the run stops
 * there; the migrations before it stay committed, {@link #onRunFailure} is called and
 * the caller receives the veto;</li>
 * <li>from {@link #afterRun} (grants that failed after the migrations, a check of the
 * result): the run is reported failed to the caller, who receives the veto, but the
 * migrations it ran stay committed and recorded as applied. The other listeners still
 * get {@code afterRun}, and {@link #onRunFailure} is not called: the run itself
 * ended.</li>
 * </ul>
 * A veto thrown from any other callback is logged and ignored like any exception.
 * <p>
 * A run is one {@code migrate}, {@code rollback} or {@code stamp} (dry runs are not
 * runs: they call no listener). Its callbacks nest: {@link #beforeRun} comes first, then
 * {@link #onLockAcquired} if the run took the lock, then {@link #beforeMigration} and
 * {@link #afterMigration} or {@link #onFailure} for each migration, and last exactly one
 * of {@link #afterRun} or {@link #onRunFailure}.
 */
public interface MigrationListener {

	/**
	 * Called when a run starts, before it reads the state or takes the lock. Throw a
	 * {@link MigrationVetoException} to stop the run before anything runs.
	 * @param operation what runs: {@code MIGRATE}, {@code ROLLBACK} or {@code STAMP}
	 * @param target the target as given
	 */
	default void beforeRun(MigrationResult.Command operation, String target) {
	}

	/**
	 * Called when a run ended well, including a run that had nothing to do. Throw a
	 * {@link MigrationVetoException} to report the run failed to the caller; what it
	 * committed stays committed.
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
	 * Called before a migration runs. Throw a {@link MigrationVetoException} to stop the
	 * run before this migration; the earlier ones of the run stay committed.
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
