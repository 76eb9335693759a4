package dev.migration.autoconfigure;

import dev.migration.MigrationListener;

/**
 * A source of listeners that report which of several databases they listen to, such as
 * the metrics tagged {@code instance}: a bean of this type gives each instance's manager
 * a listener of its own.
 */
@FunctionalInterface
interface InstanceListeners {

	/**
	 * The listener of one instance.
	 * @param instance the instance name
	 * @return its listener
	 */
	MigrationListener listener(String instance);

}
