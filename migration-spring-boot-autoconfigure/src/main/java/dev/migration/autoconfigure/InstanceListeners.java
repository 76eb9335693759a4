package dev.migration.autoconfigure;

import dev.migration.MigrationListener;

/**
 * A source of listeners that report which of several databases they listen to, such as
 * the metrics and the observations tagged {@code instance}: with
 * {@code migration.instances}, a bean of this type gives each instance's manager a
 * listener of its own, beside the {@link MigrationListener} beans that every instance
 * shares. Without {@code migration.instances} it is not used.
 */
@FunctionalInterface
public interface InstanceListeners {

	/**
	 * The listener of one instance.
	 * @param instance the instance name
	 * @return its listener
	 */
	MigrationListener listener(String instance);

}
