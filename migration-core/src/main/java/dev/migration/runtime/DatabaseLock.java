package dev.migration.runtime;

import dev.migration.LockHolder;

/**
 * The cluster-wide migration lock: only its holder changes the schema or the history.
 */
interface DatabaseLock {

	/**
	 * Waits for the lock, up to the configured timeout.
	 * @throws dev.migration.MigrationLockException on timeout, naming the holder
	 */
	void acquire();

	/**
	 * Releases the lock.
	 * @throws dev.migration.MigrationLockException if it was not held or cannot be
	 * released
	 */
	void release();

	/**
	 * Who holds the lock now, or {@code null} when it is free or unknown.
	 * @return the holder
	 */
	LockHolder holder();

}
