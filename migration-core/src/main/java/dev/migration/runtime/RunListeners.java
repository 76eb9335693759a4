package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.migration.MigrationListener;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;

/**
 * Tells the listeners where a run starts and ends: around the whole operation, so that
 * a run failing before any migration (unreachable database, invalid target, lock
 * timeout, refused check) ends for them too.
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
		notify((listener) -> listener.beforeRun(operation, target));
		MigrationResult result;
		try {
			result = run.get();
		}
		catch (RuntimeException | Error ex) {
			// An Error too: a listener that opened something at the start must close it.
			notify((listener) -> listener.onRunFailure(operation, target, ex));
			throw ex;
		}
		notify((listener) -> listener.afterRun(result));
		return result;
	}

	private void notify(Consumer<MigrationListener> callback) {
		for (MigrationListener listener : this.listeners) {
			try {
				callback.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.log(Level.WARNING, "A migration listener failed; ignoring it", ex);
			}
		}
	}

}
