package dev.migration;

import java.util.List;

import javax.sql.DataSource;

/**
 * One set of scripts migrating many tenants, each in a schema of its own of one
 * database. Each tenant is the base configuration with its schema: its own history
 * tables and its own migration lock in that schema, so tenants migrate independently
 * and in parallel, and a failing tenant never leaves another half done.
 * <p>
 * Each tenant that finishes is logged, with the counts so far.
 */
public interface TenantFleet {

	/**
	 * Creates a fleet.
	 * @param dataSource the database of every tenant; a migrating tenant borrows one
	 * connection and, on PostgreSQL, one more for its lock
	 * @param configuration the configuration every tenant shares; its schema is
	 * replaced by each tenant's
	 * @param schemas the tenants' schemas; duplicates are ignored
	 * @param options parallelism and failure policy
	 * @return the fleet
	 * @throws IllegalArgumentException naming a schema that is not a valid name
	 */
	static TenantFleet create(DataSource dataSource, MigrationConfiguration configuration, List<String> schemas,
			FleetOptions options) {
		return new DefaultTenantFleet(dataSource, configuration, schemas, options);
	}

	/**
	 * The tenants' schemas, in order.
	 * @return the schemas
	 */
	List<String> tenants();

	/**
	 * The manager of one tenant.
	 * @param schema the tenant's schema
	 * @return a manager of that schema
	 * @throws IllegalArgumentException if the schema is not a valid name
	 */
	MigrationManager manager(String schema);

	/**
	 * Migrates every tenant to {@code head}.
	 * @return what happened to each tenant
	 */
	default FleetResult migrate() {
		return migrate("head");
	}

	/**
	 * Migrates every tenant to a target, at most {@link FleetOptions#parallelism()} at
	 * once. A tenant's failure is reported in the result, never thrown.
	 * @param target as for {@link MigrationManager#migrate(String)}
	 * @return what happened to each tenant
	 */
	FleetResult migrate(String target);

	/**
	 * Counts the tenants up to date and behind: one state query per tenant, at most
	 * {@link FleetOptions#parallelism()} at once.
	 * @return the aggregate
	 */
	FleetStatus status();

	/**
	 * Adds a tenant: creates its schema unless it exists, migrates it to {@code head}
	 * and adds it to this fleet. Running it again changes nothing.
	 * @param schema the tenant's schema
	 * @return what was applied
	 * @throws IllegalArgumentException if the schema is not a valid name
	 * @throws MigrationException if the migrate fails
	 */
	MigrationResult addTenant(String schema);

}
