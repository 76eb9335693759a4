package dev.migration.autoconfigure;

import dev.migration.MigrationConfiguration;

/**
 * Callback for beans that customize the {@link MigrationConfiguration} of the
 * auto-configured {@link dev.migration.MigrationManager}, after the {@code migration.*}
 * properties were applied and before it is built.
 */
@FunctionalInterface
public interface MigrationManagerCustomizer {

	/**
	 * Customizes the configuration.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(MigrationConfiguration.Builder builder);

}
