package dev.migration.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;

/**
 * An engine's scripts, loaded once, and ahead of need: an operation about to connect
 * calls {@link #prefetch()}, which starts loading them on a background thread, so that
 * reading and outlining the files overlaps with opening the first connection (at a
 * start, each takes about as long as the other). A caller of {@link #get()} that finds
 * the load under way helps with it rather than wait idle (the load offers it a share
 * of reading the files); one that finds it not started runs it itself. A failed load is
 * reported to the caller of {@link #get()} as it was thrown, and the next call tries
 * again.
 */
final class ScriptPrefetch {

	private final MigrationConfiguration configuration;

	private final Helpers helpers = new Helpers();

	private volatile LoadedScripts loaded;

	// Guarded by this: the load started and not yet taken, or null.
	private Load pending;

	ScriptPrefetch(MigrationConfiguration configuration) {
		this.configuration = configuration;
	}

	/**
	 * Starts loading the scripts on a background thread, unless they are loaded or
	 * loading already.
	 */
	void prefetch() {
		if (this.loaded != null) {
			return;
		}
		Load load;
		synchronized (this) {
			if (this.loaded != null || this.pending != null) {
				return;
			}
			load = new Load(this.configuration, this.helpers);
			this.pending = load;
		}
		Thread thread = new Thread(load, "migration-script-loader");
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
		LoadedScripts current = this.loaded;
		if (current != null) {
			return current;
		}
		Load load;
		synchronized (this) {
			if (this.loaded != null) {
				return this.loaded;
			}
			load = this.pending;
			if (load == null) {
				load = new Load(this.configuration, this.helpers);
				this.pending = load;
			}
		}
		// Runs the load here unless another thread has begun it; then helps and waits.
		load.run();
		try {
			this.helpers.helpUntilDone(load);
			current = load.get();
		}
		catch (ExecutionException ex) {
			forget(load);
			throw rethrown(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("Interrupted while loading the migration scripts", ex);
		}
		synchronized (this) {
			this.loaded = current;
			this.pending = null;
		}
		return current;
	}

	private synchronized void forget(Load failed) {
		if (this.pending == failed) {
			this.pending = null;
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

	/**
	 * One load of the scripts, which tells the waiting callers when it is done.
	 */
	private static final class Load extends FutureTask<LoadedScripts> {

		private final Helpers helpers;

		Load(MigrationConfiguration configuration, Helpers helpers) {
			super(new Loader(configuration, helpers));
			this.helpers = helpers;
		}

		@Override
		protected void done() {
			this.helpers.wake();
		}

	}

	/**
	 * The load itself; a class rather than a lambda, as it runs at every start and a
	 * lambda's first use costs more than the class.
	 */
	private static final class Loader implements Callable<LoadedScripts> {

		private final MigrationConfiguration configuration;

		private final Executor helpers;

		Loader(MigrationConfiguration configuration, Executor helpers) {
			this.configuration = configuration;
			this.helpers = helpers;
		}

		@Override
		public LoadedScripts call() {
			return LoadedScripts.load(this.configuration, this.helpers);
		}

	}

	/**
	 * The shares of work a load offers, taken up by the callers waiting for it. A share
	 * taken up after its part of the load is over does nothing.
	 */
	private static final class Helpers implements Executor {

		private final ConcurrentLinkedQueue<Runnable> offered = new ConcurrentLinkedQueue<>();

		@Override
		public void execute(Runnable share) {
			this.offered.add(share);
			wake();
		}

		synchronized void wake() {
			notifyAll();
		}

		/**
		 * Takes up the shares offered until the load is done.
		 */
		void helpUntilDone(Load load) throws InterruptedException {
			while (!load.isDone()) {
				Runnable share = this.offered.poll();
				if (share != null) {
					share.run();
					continue;
				}
				synchronized (this) {
					if (this.offered.isEmpty() && !load.isDone()) {
						wait();
					}
				}
			}
			// Shares no one took up are over: the load did them itself. Not clear(), whose
			// lambda a start would bootstrap for this alone.
			while (this.offered.poll() != null) {
				// Dropped.
			}
		}

	}

}
