package dev.migration.autoconfigure;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.TenantFleet;
import org.jspecify.annotations.Nullable;

/**
 * One database of an application that migrates several ({@code migration.instances}),
 * with the manager built for it.
 *
 * @param name the instance name, the key under {@code migration.instances}
 * @param properties its {@code migration.instances.<name>.*} settings
 * @param dataSource the DataSource it migrates
 * @param configuration the configuration its manager was built with
 * @param manager its manager, also the bean {@code <name>MigrationManager}
 * @param runState what its migrations run by this application are doing
 * @param tenantFleet its tenants ({@code migration.instances.<name>.tenants.*}, or
 * {@link dev.migration.TenantProvider} beans for it), or {@code null} when it has none
 */
public record MigrationInstance(String name, MigrationProperties properties, DataSource dataSource,
		MigrationConfiguration configuration, MigrationManager manager, MigrationRunState runState,
		@Nullable TenantFleet tenantFleet) {

}
