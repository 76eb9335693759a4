package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.util.List;

import dev.migration.AppliedMigration;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationListener;
import dev.migration.MigrationVetoException;
import dev.migration.revision.Direction;

/**
 * Tells the listeners about each migration, revision or repeatable: a
 * {@link MigrationVetoException} from {@code beforeMigration} stops the run before the
 * migration, once every listener was called; any other exception from a listener is
 * logged and ignored.
 */
final class MigrationCallbacks {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final List<MigrationListener> listeners;

	MigrationCallbacks(List<MigrationListener> listeners) {
		this.listeners = listeners;
	}

	/**
	 * Tells the listeners a migration is about to run.
	 * @throws MigrationVetoException when a listener stops the run
	 */
	void before(MigrationInfo info, Direction direction) {
		if (this.listeners.isEmpty()) {
			// No callback to create: each costs a fresh JVM a class of its own.
			return;
		}
		MigrationVetoException veto = RunListeners.notifyAll(this.listeners,
				(listener) -> listener.beforeMigration(info, direction));
		if (veto != null) {
			logger.log(Level.WARNING, "A migration listener stopped the run before {0} {1}: {2}", info.revision(),
					info.message(), veto.getMessage());
			throw veto;
		}
	}

	void after(MigrationInfo info, AppliedMigration applied) {
		if (this.listeners.isEmpty()) {
			return;
		}
		RunListeners.notify(this.listeners, (listener) -> listener.afterMigration(info, applied));
	}

	void failed(MigrationInfo info, Direction direction, MigrationFailedException failure) {
		if (this.listeners.isEmpty()) {
			return;
		}
		RunListeners.notify(this.listeners, (listener) -> listener.onFailure(info, direction, failure));
	}

}
