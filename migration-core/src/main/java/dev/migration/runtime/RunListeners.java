package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.migration.MigrationListener;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.MigrationVetoException;

/**
 * Tells the listeners where a run starts and ends: around the whole operation, so that
 * a run failing before any migration (unreachable database, invalid target, lock
 * timeout, refused check) ends for them too. A {@link MigrationVetoException} from
 * {@code beforeRun} stops the run before it starts; from {@code afterRun}, it is thrown
 * to the caller once every listener was called.
 */
final class RunListeners {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final List<MigrationListener> listeners;

	RunListeners(List<MigrationListener> listeners) {
		this.listeners = listeners;
	}

	/**
	 * Runs an operation between {@code beforeRun} and exactly one of {@code afterRun}
	 * or {@code onRunFailure}, on the calling thread.
	 * @param operation what runs
	 * @param target the target as given
	 * @param run the operation
	 * @return its result
	 */
	MigrationResult run(Command operation, String target, Supplier<MigrationResult> run) {
		if (this.listeners.isEmpty()) {
			// No callback to create: each costs a fresh JVM a class of its own.
			return run.get();
		}
		MigrationResult result;
		try {
			MigrationVetoException veto = notifyAll(this.listeners, (listener) -> listener.beforeRun(operation, target));
			if (veto != null) {
				throw veto;
			}
			result = run.get();
		}
		catch (RuntimeException | Error ex) {
			// An Error too: a listener that opened something at the start must close it.
			notify(this.listeners, (listener) -> listener.onRunFailure(operation, target, ex));
			throw ex;
		}
		MigrationVetoException veto = notifyAll(this.listeners, (listener) -> listener.afterRun(result));
		if (veto != null) {
			// The migrations committed: only the caller is told that the run failed.
			logger.log(Level.WARNING, "A migration listener reported the {0} to {1} failed after it ran; what it "
					+ "committed stays committed: {2}", operation, target, veto.getMessage());
			throw veto;
		}
		return result;
	}

	/**
	 * Calls every listener where a veto has no effect: every failure is logged and
	 * ignored.
	 */
	static void notify(List<MigrationListener> listeners, Consumer<MigrationListener> callback) {
		MigrationVetoException veto = notifyAll(listeners, callback);
		if (veto != null) {
			logger.log(Level.WARNING, "A migration listener vetoed where a veto has no effect; ignoring it", veto);
		}
	}

	/**
	 * Calls every listener, logging and ignoring their failures except a veto: the
	 * first is returned, once every listener was called, later ones added to it as
	 * suppressed.
	 */
	static MigrationVetoException notifyAll(List<MigrationListener> listeners, Consumer<MigrationListener> callback) {
		MigrationVetoException veto = null;
		for (MigrationListener listener : listeners) {
			try {
				callback.accept(listener);
			}
			catch (MigrationVetoException ex) {
				if (veto == null) {
					veto = ex;
				}
				else {
					veto.addSuppressed(ex);
				}
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "A migration listener failed; ignoring it", ex);
			}
		}
		return veto;
	}

}
