package dev.migration.autoconfigure;

import java.sql.Connection;

import javax.sql.DataSource;

import dev.migration.MigrationManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Prepares the {@link MigrationRunner}'s run on a background thread while the context
 * refreshes, so the work overlaps with the rest of the start: loads the scripts into the
 * manager's cache, and opens and closes one connection, which starts a pool, or loads
 * DuckDB's engine and the file. Once connected, it reads the applied state once, as
 * the run will: the driver's query path, the history's reading and the planning are
 * loaded and run a first time here rather than while readiness waits for the run.
 * <p>
 * Nothing is written or locked, and what was read is dropped: the run reads the state
 * itself, under the engine's lock rules, as it would have. A failure is logged at
 * {@code DEBUG} and left for the run to meet again and report.
 */
final class MigrationWarmUp {

	/**
	 * The name of the warm-up thread.
	 */
	static final String THREAD_NAME = "migration-warm-up";

	/**
	 * No warm-up: the run does all the work.
	 */
	static final MigrationWarmUp NONE = new MigrationWarmUp(null, null, false);

	private static final Log logger = LogFactory.getLog(MigrationWarmUp.class);

	private final @Nullable MigrationManager manager;

	private final @Nullable DataSource dataSource;

	private final boolean readState;

	private final @Nullable Thread thread;

	private volatile @Nullable LinkageError error;

	private MigrationWarmUp(@Nullable MigrationManager manager, @Nullable DataSource dataSource, boolean readState) {
		this.manager = manager;
		this.dataSource = dataSource;
		this.readState = readState;
		this.thread = (manager != null) ? new Thread(this::warmUp, THREAD_NAME) : null;
	}

	/**
	 * Starts warming up on a daemon thread.
	 * @param manager the manager whose scripts are loaded
	 * @param dataSource the database the manager migrates, to open a first connection
	 * to; {@code null} to only load the scripts
	 * @param readState whether to read the manager's applied state once connected:
	 * {@code false} when the run migrates tenants rather than the manager's own schema
	 * @return the started warm-up
	 */
	static MigrationWarmUp start(MigrationManager manager, @Nullable DataSource dataSource, boolean readState) {
		MigrationWarmUp warmUp = new MigrationWarmUp(manager, dataSource, readState);
		warmUp.thread.setDaemon(true);
		warmUp.thread.start();
		return warmUp;
	}

	private void warmUp() {
		long start = System.nanoTime();
		try {
			this.manager.migrations();
			long scripts = System.nanoTime();
			long connected = scripts;
			if (this.dataSource != null) {
				// Tried once: the engine's connect retries, and their warnings, are the run's.
				try (Connection connection = this.dataSource.getConnection()) {
					// Opened only to start the pool or the embedded engine.
				}
				connected = System.nanoTime();
				if (this.readState) {
					// Only once connected: the engine's connect retries, and their
					// warnings, stay the run's. Read-only, without the lock.
					this.manager.pendingMigrations();
				}
			}
			if (logger.isDebugEnabled()) {
				long end = System.nanoTime();
				logger.debug("Warmed up the migrations in " + millis(end - start) + " ms: the scripts "
						+ millis(scripts - start) + " ms, a first connection " + millis(connected - scripts)
						+ " ms, the state " + millis(end - connected) + " ms");
			}
		}
		catch (Exception ex) {
			logFailure(ex);
		}
		catch (LinkageError ex) {
			// A class that failed to initialise here would fail the run with a bare
			// NoClassDefFoundError: the run rethrows the original instead.
			logFailure(ex);
			this.error = ex;
		}
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	private static void logFailure(Throwable failure) {
		if (logger.isDebugEnabled()) {
			// Masked like the run's own report: driver messages may quote a JDBC URL.
			logger.debug("Warming up the migrations failed; the run meets the failure again and reports it: "
					+ MigrationRunState.describe(failure));
		}
	}

	/**
	 * Waits for the warm-up to finish, for the run: it did part of the run's work.
	 * @throws LinkageError the error the warm-up met, which the run would have met
	 * first
	 */
	void await() {
		join();
		LinkageError failure = this.error;
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Waits for the warm-up to finish, so that the context does not close the
	 * DataSource under it.
	 */
	void join() {
		if (this.thread == null) {
			return;
		}
		try {
			this.thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether this warm-up runs, or ran, on its own thread.
	 * @return {@code false} for {@link #NONE}
	 */
	boolean isStarted() {
		return this.thread != null;
	}

}
