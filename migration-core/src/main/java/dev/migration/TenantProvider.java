package dev.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link TenantFleet} finds its tenants, for tenants the configuration cannot
 * list: one database per tenant, or schemas recorded in a registry of the application's.
 * In a Spring Boot application a bean of this type is a tenant source of the fleet, as
 * {@code migration.tenants.schemas} and {@code migration.tenants.query} are.
 * <p>
 * The fleet asks again at each operation over every tenant ({@code migrate},
 * {@code rollbackAll}, {@code status}, the endpoint and the health), so a tenant the
 * provider lists from now on is counted and migrated from then on; nothing is cached.
 * The list is checked before anything runs: a duplicate id, or two tenants in the same
 * schema of the same DataSource, is refused, naming the tenant. The fleet never closes
 * a tenant's DataSource: keep one per tenant database (a small pool each, or one pool per
 * server for tenants in schemas of it) and hand out the same one each time.
 * <pre class="code">
 * &#64;Bean
 * TenantProvider tenants(TenantDatabases databases) {
 *     return new TenantProvider() {
 *
 *         public List&lt;Tenant&gt; tenants() {
 *             return databases.ids().stream().map(this::tenant).toList();
 *         }
 *
 *         public Tenant tenant(String id) {
 *             return Tenant.ofDataSource(id, databases.dataSource(id));
 *         }
 *
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface TenantProvider {

	/**
	 * The tenants now, in the order they are run and reported.
	 * @return the tenants; their ids are unique
	 */
	List<Tenant> tenants();

	/**
	 * A tenant by id, for {@link TenantFleet#addTenant(String)} and
	 * {@link TenantFleet#manager(String)}: override it to resolve a tenant not listed yet
	 * (a new schema: {@code Tenant.ofSchema(id)}; a new database: its DataSource). By
	 * default the listed tenant of that id.
	 * @param id the tenant's id
	 * @return the tenant, or {@code null} if this provider knows no tenant of that id
	 */
	default @Nullable Tenant tenant(String id) {
		for (Tenant tenant : tenants()) {
			if (tenant.id().equals(id)) {
				return tenant;
			}
		}
		return null;
	}

	/**
	 * A provider of a fixed list of tenants.
	 * @param tenants the tenants
	 * @return the provider
	 */
	static TenantProvider of(List<Tenant> tenants) {
		List<Tenant> copy = List.copyOf(tenants);
		return () -> copy;
	}

	/**
	 * A provider of tenants in schemas of the fleet's DataSource, each named by its
	 * schema; a schema listed twice is one tenant. {@link #tenant(String)} resolves any
	 * id as the schema of that name, so that a new schema can be added.
	 * @param schemas the schemas
	 * @return the provider
	 * @throws IllegalArgumentException naming a schema that is not a valid tenant id
	 */
	static TenantProvider ofSchemas(List<String> schemas) {
		List<Tenant> tenants = schemas.stream().distinct().map(Tenant::ofSchema).toList();
		return new TenantProvider() {

			@Override
			public List<Tenant> tenants() {
				return tenants;
			}

			@Override
			public Tenant tenant(String id) {
				return Tenant.ofSchema(id);
			}

		};
	}

}
