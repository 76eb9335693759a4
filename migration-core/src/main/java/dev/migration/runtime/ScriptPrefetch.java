package dev.migration.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;

/**
 * An engine's scripts, loaded once, and ahead of need: an operation about to connect
 * calls {@link #prefetch()}, which starts loading them on a background thread, so that
 * reading and outlining the files overlaps with opening the first connection (at a
 * start, each takes about as long as the other). A caller of {@link #get()} that finds
 * the load under way waits for it; one that finds it not started runs it itself. A
 * failed load is reported to the caller of {@link #get()} as it was thrown, and the
 * next call tries again.
 */
final class ScriptPrefetch {

	private final Callable<LoadedScripts> loader;

	private final boolean background;

	// Guarded by this: the load started (or done), null before the first and after a failure.
	private FutureTask<LoadedScripts> load;

	ScriptPrefetch(MigrationConfiguration configuration) {
		this(() -> LoadedScripts.load(configuration), true);
	}

	/**
	 * Scripts from a loader of its own: a fleet's tenants share one load, which a
	 * background thread per tenant would only wait for.
	 * @param loader what loads the scripts
	 * @param background whether {@link #prefetch()} starts the load on a thread of its
	 * own, rather than leaving it to the first {@link #get()}
	 */
	ScriptPrefetch(Callable<LoadedScripts> loader, boolean background) {
		this.loader = loader;
		this.background = background;
	}

	/**
	 * Starts loading the scripts on a background thread, unless they are loaded or
	 * loading already.
	 */
	void prefetch() {
		if (!this.background) {
			return;
		}
		FutureTask<LoadedScripts> started;
		synchronized (this) {
			if (this.load != null) {
				return;
			}
			started = newLoad();
			this.load = started;
		}
		Thread thread = new Thread(started, "migration-script-loader");
		// Never keeps the JVM alive: a caller that needs the scripts waits for them.
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * The scripts, loaded now by this thread if no load has started.
	 * @return the scripts
	 * @throws dev.migration.ScriptException for a malformed script, as the load threw it
	 */
	LoadedScripts get() {
		FutureTask<LoadedScripts> current;
		synchronized (this) {
			if (this.load == null) {
				this.load = newLoad();
			}
			current = this.load;
		}
		// Runs the load here unless a thread has begun it, or it is done.
		current.run();
		try {
			return current.get();
		}
		catch (ExecutionException ex) {
			forget(current);
			throw rethrown(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("Interrupted while loading the migration scripts", ex);
		}
	}

	private FutureTask<LoadedScripts> newLoad() {
		return new FutureTask<>(this.loader);
	}

	private synchronized void forget(FutureTask<LoadedScripts> failed) {
		if (this.load == failed) {
			this.load = null;
		}
	}

	private static RuntimeException rethrown(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new MigrationException("Cannot load the migration scripts: " + failure, failure);
	}

}
