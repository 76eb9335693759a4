package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import dev.migration.LockHolder;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationListener;

/**
 * Runs the work of an operation that writes while holding the migration lock: the
 * database's advisory lock where it has one, held on the connection of the session
 * that does the work, else a lock of this process keyed by the database, schema and
 * table. The lock is released however the work ends.
 */
final class LockScope {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	LockScope(DataSource dataSource, MigrationConfiguration configuration) {
		this.dataSource = dataSource;
		this.configuration = configuration;
	}

	/**
	 * Takes the lock, tells the listeners how long that took, runs the work and releases
	 * the lock. A database error of the work is reported as a {@link MigrationException}.
	 * @param session the session the work runs in
	 * @param work the work
	 * @return what the work returned
	 */
	<T> T locked(Session session, Work<T> work) {
		DatabaseLock lock = newLock(session);
		long waitStart = System.nanoTime();
		lock.acquire();
		Duration waited = Duration.ofNanos(System.nanoTime() - waitStart);
		for (MigrationListener listener : this.configuration.listeners()) {
			try {
				listener.onLockAcquired(waited);
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "A migration listener failed; ignoring it", ex);
			}
		}
		T result;
		try {
			result = work.run();
		}
		catch (SQLException ex) {
			releaseAfterFailure(lock, ex);
			throw new MigrationException("Database error: " + ex.getMessage(), ex);
		}
		catch (RuntimeException | Error ex) {
			releaseAfterFailure(lock, ex);
			throw ex;
		}
		lock.release();
		return result;
	}

	/**
	 * Who holds the lock now, without taking it.
	 * @param session a session on the database
	 * @return the holder, or {@code null} when it is free or unknown
	 */
	LockHolder holder(Session session) {
		return newLock(session).holder();
	}

	private static void releaseAfterFailure(DatabaseLock lock, Throwable failure) {
		try {
			lock.release();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private DatabaseLock newLock(Session session) {
		if (session.dialect().hasAdvisoryLocks()) {
			return AdvisoryLock.onSession(session.connection(), session.dialect(), session.schema(),
					this.configuration.table(), this.configuration.lockTimeout());
		}
		String database;
		try {
			database = Session.queryString(session.connection(), session.dialect().databaseIdentityQuery());
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot identify the database for its lock: " + ex.getMessage(), ex);
		}
		String identity = (database != null && !database.isEmpty()) ? database
				: "memory@" + System.identityHashCode(this.dataSource);
		return new InProcessLock(session.dialect().name() + ":" + identity + ":" + session.schema() + "."
				+ this.configuration.table(), this.configuration.lockTimeout());
	}

	/**
	 * The work done under the lock.
	 */
	@FunctionalInterface
	interface Work<T> {

		T run() throws SQLException;

	}

}
