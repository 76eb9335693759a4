package dev.migration;

import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * One set of scripts migrating many tenants ({@link Tenant}), each in a schema of its
 * own of one database, or in a database of its own. Each tenant is the base
 * configuration with its schema and its DataSource: its own history tables and its own
 * migration lock, so tenants migrate independently and in parallel, and a failing
 * tenant never leaves another half done.
 * <p>
 * The tenants come from a {@link TenantProvider}, asked again at each operation over
 * every tenant ({@link #tenants()}, {@link #migrate()}, {@link #rollbackAll(String,
 * RollbackOptions)}, {@link #status()}), then those added with
 * {@link #addTenant(String)}. The list is checked before anything runs: an invalid or
 * duplicate tenant is refused with an {@link IllegalArgumentException} naming it.
 * <p>
 * Each tenant that finishes is logged, with the counts so far; during a run the counts
 * of done, failed and running tenants are also logged every few seconds.
 * <p>
 * The tenants share one load of the scripts. A tenant with nothing pending costs one
 * query of its state table; one with migrations pending takes its lock and reads its
 * state again before it migrates, as a single {@link MigrationManager} does.
 */
public interface TenantFleet {

	/**
	 * Creates a fleet of tenants in schemas of one database, each named by its schema
	 * ({@link TenantProvider#ofSchemas(List)}).
	 * @param dataSource the database of every tenant; during {@link #migrate()} and
	 * {@link #status()} each thread keeps one connection for the tenants it runs, which
	 * also holds the migrating tenant's lock; a {@link #manager(String) manager} (and
	 * {@link #addTenant(String)}, a rollback) borrows one per operation and, on
	 * PostgreSQL, one more for its lock
	 * @param configuration the configuration every tenant shares; its schema is
	 * replaced by each tenant's
	 * @param schemas the tenants' schemas; duplicates are ignored
	 * @param options parallelism and failure policy
	 * @return the fleet
	 * @throws IllegalArgumentException naming a schema that is not a valid name
	 */
	static TenantFleet create(DataSource dataSource, MigrationConfiguration configuration, List<String> schemas,
			FleetOptions options) {
		DefaultTenantFleet fleet = new DefaultTenantFleet(dataSource, configuration,
				TenantProvider.ofSchemas(schemas), options);
		// A fixed list fails now, naming the schema, rather than halfway through a run.
		fleet.tenants();
		return fleet;
	}

	/**
	 * Creates a fleet of the tenants a provider lists: schemas of the fleet's DataSource,
	 * databases of their own, or both. The provider is first asked when the fleet is
	 * used, not now.
	 * <p>
	 * At most {@link FleetOptions#parallelism()} tenants run at once, each borrowing one
	 * connection of its DataSource and, on PostgreSQL, one more for its lock: at most
	 * twice the parallelism connections in all, and never more than twice the
	 * parallelism from one DataSource. Tenants sharing a pool need a parallelism below
	 * its size; a tenant with a DataSource of its own needs two connections of it.
	 * @param dataSource the database of the tenants without a DataSource of their own,
	 * or {@code null} when every tenant has its own
	 * @param configuration the configuration every tenant shares; a tenant's schema, when
	 * it has one, replaces its schema
	 * @param tenants where the tenants come from; {@code TenantProvider.of(list)} for a
	 * fixed list
	 * @param options parallelism and failure policy
	 * @return the fleet
	 */
	static TenantFleet create(@Nullable DataSource dataSource, MigrationConfiguration configuration,
			TenantProvider tenants, FleetOptions options) {
		return new DefaultTenantFleet(dataSource, configuration, tenants, options);
	}

	/**
	 * The tenants, in order: those of the provider (asked now), then those added since
	 * that it does not list.
	 * @return the tenants
	 * @throws IllegalArgumentException naming an invalid or duplicate tenant
	 */
	List<Tenant> tenants();

	/**
	 * The ids of {@link #tenants()}, in order.
	 * @return the ids
	 * @throws IllegalArgumentException naming an invalid or duplicate tenant
	 */
	default List<String> tenantIds() {
		return tenants().stream().map(Tenant::id).toList();
	}

	/**
	 * The manager of one tenant.
	 * @param id the tenant's id: one of {@link #tenants()}, or one the provider resolves
	 * ({@link TenantProvider#tenant(String)}; for a fleet of schemas, any schema)
	 * @return a manager of that tenant's schema and DataSource
	 * @throws IllegalArgumentException if the provider knows no such tenant, or it is
	 * invalid
	 */
	MigrationManager manager(String id);

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
	default FleetResult migrate(String target) {
		return migrate(target, (tenant) -> {
		});
	}

	/**
	 * Migrates every tenant to a target as {@link #migrate(String)} does, telling as each
	 * tenant finishes.
	 * @param target as for {@link MigrationManager#migrate(String)}
	 * @param finished called with each tenant as it finishes (or is skipped), on the
	 * fleet's threads
	 * @return what happened to each tenant
	 */
	FleetResult migrate(String target, Consumer<FleetResult.Tenant> finished);

	/**
	 * Rolls back one tenant of this fleet, with the same safety checks as
	 * {@link MigrationManager#rollback(String, RollbackOptions)}; in production the
	 * confirmation is checked as for {@link #rollbackAll(String, RollbackOptions)}.
	 * @param id the tenant's id, one of {@link #tenants()}
	 * @param target as for {@link MigrationManager#rollback(String, RollbackOptions)}
	 * @param options confirmation, checks, data loss, dry run
	 * @return what happened to the tenant
	 * @throws IllegalArgumentException if the id is not a tenant of this fleet
	 * @throws RollbackRefusedException in production, without a confirmation that repeats
	 * the target, before anything runs
	 */
	FleetResult rollback(String id, String target, RollbackOptions options);

	/**
	 * Rolls back every tenant to a target, at most {@link FleetOptions#parallelism()}
	 * at once, with the failure policy of {@link #migrate(String)}. Each tenant runs the
	 * safety checks of {@link MigrationManager#rollback(String, RollbackOptions)}; a
	 * refused tenant is reported in the result, never thrown. In production the fleet
	 * is confirmed once, before any tenant runs: the target must be a revision (an id,
	 * a unique prefix, or {@code base}) and the confirmation must repeat it; it is then
	 * passed on to each tenant.
	 * @param target a revision id or prefix, or {@code base}; outside production also a
	 * relative target such as {@code -1}
	 * @param options confirmation, checks, data loss, dry run
	 * @return what happened to each tenant
	 * @throws RollbackRefusedException in production, without a confirmation that repeats
	 * the target, before anything runs
	 */
	default FleetResult rollbackAll(String target, RollbackOptions options) {
		return rollbackAll(target, options, (tenant) -> {
		});
	}

	/**
	 * Rolls back every tenant as {@link #rollbackAll(String, RollbackOptions)} does,
	 * telling as each tenant finishes.
	 * @param target a revision id or prefix, or {@code base}; outside production also a
	 * relative target such as {@code -1}
	 * @param options confirmation, checks, data loss, dry run
	 * @param finished called with each tenant as it finishes (or is skipped), on the
	 * fleet's threads
	 * @return what happened to each tenant
	 * @throws RollbackRefusedException in production, without a confirmation that repeats
	 * the target, before anything runs
	 */
	FleetResult rollbackAll(String target, RollbackOptions options, Consumer<FleetResult.Tenant> finished);

	/**
	 * How many tenants of this fleet migrate (or roll back) right now.
	 * @return the count, {@code 0} outside a run
	 */
	int migrating();

	/**
	 * Counts the tenants up to date and behind: one state query per tenant, at most
	 * {@link FleetOptions#parallelism()} at once.
	 * @return the aggregate
	 */
	FleetStatus status();

	/**
	 * Adds a tenant by id, as the provider resolves it
	 * ({@link TenantProvider#tenant(String)}; for a fleet of schemas, the schema of that
	 * name): see {@link #addTenant(Tenant)}.
	 * @param id the tenant's id
	 * @return what was applied
	 * @throws IllegalArgumentException if the provider knows no such tenant, or it is
	 * invalid
	 * @throws MigrationException if the migrate fails
	 */
	MigrationResult addTenant(String id);

	/**
	 * Adds a tenant: creates its schema unless it exists (the database of a tenant with
	 * a DataSource of its own must exist), migrates it to {@code head} and adds it to
	 * this fleet. Running it again changes nothing.
	 * @param tenant the tenant
	 * @return what was applied
	 * @throws IllegalArgumentException if the tenant is invalid, or another tenant has
	 * its id
	 * @throws MigrationException if the migrate fails
	 */
	MigrationResult addTenant(Tenant tenant);

}
