package dev.migration.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.migration.LockHolder;
import dev.migration.MigrationLockException;

/**
 * The lock for DuckDB, where one process owns the database file: a JVM-wide lock per
 * database and history table. The registry is static on purpose: two managers of the
 * same file in one JVM must see the same lock.
 */
final class InProcessLock implements DatabaseLock {

	private static final Map<String, Entry> LOCKS = new ConcurrentHashMap<>();

	private final String key;

	private final Duration timeout;

	private final Entry entry;

	InProcessLock(String key, Duration timeout) {
		this.key = key;
		this.timeout = timeout;
		this.entry = LOCKS.computeIfAbsent(key, (ignored) -> new Entry());
	}

	@Override
	public void acquire() {
		try {
			if (!this.entry.lock.tryLock(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new MigrationLockException("Timed out after " + this.timeout.toMillis()
						+ " ms waiting for the migration lock of " + this.key + ", held by "
						+ AdvisoryLock.describe(holder()));
			}
			this.entry.holder = new LockHolder(LockOwner.description() + " thread " + Thread.currentThread().getName(),
					Instant.now());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationLockException("Interrupted while waiting for the migration lock", ex);
		}
	}

	@Override
	public void release() {
		if (!this.entry.lock.isHeldByCurrentThread()) {
			throw new MigrationLockException("The migration lock of " + this.key + " is not held by this thread");
		}
		this.entry.holder = null;
		this.entry.lock.unlock();
	}

	@Override
	public LockHolder holder() {
		return this.entry.holder;
	}

	private static final class Entry {

		private final ReentrantLock lock = new ReentrantLock();

		private volatile LockHolder holder;

	}

}
