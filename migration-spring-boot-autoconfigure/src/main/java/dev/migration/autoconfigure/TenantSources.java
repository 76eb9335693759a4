package dev.migration.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.migration.Tenant;
import dev.migration.TenantProvider;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of {@code migration.tenants}, read at each run: the listed schemas, then
 * those the query returns (a schema in both is one tenant), then the tenants of each
 * {@link TenantProvider} bean. A tenant added by id is the first provider's that
 * resolves it; with schemas or a query configured, or with no provider at all, else
 * the schema of that name.
 */
final class TenantSources implements TenantProvider {

	private final List<String> schemas;

	private final Supplier<List<String>> query;

	private final List<TenantProvider> providers;

	private final boolean schemasConfigured;

	TenantSources(List<String> schemas, Supplier<List<String>> query, boolean queryConfigured,
			List<TenantProvider> providers) {
		this.schemas = List.copyOf(schemas);
		this.query = query;
		this.providers = List.copyOf(providers);
		this.schemasConfigured = !this.schemas.isEmpty() || queryConfigured || this.providers.isEmpty();
	}

	@Override
	public List<Tenant> tenants() {
		Set<String> schemas = new LinkedHashSet<>(this.schemas);
		schemas.addAll(this.query.get());
		List<Tenant> tenants = new ArrayList<>();
		for (String schema : schemas) {
			tenants.add(Tenant.ofSchema(schema));
		}
		for (TenantProvider provider : this.providers) {
			tenants.addAll(provider.tenants());
		}
		return tenants;
	}

	@Override
	public @Nullable Tenant tenant(String id) {
		for (TenantProvider provider : this.providers) {
			Tenant tenant = provider.tenant(id);
			if (tenant != null) {
				return tenant;
			}
		}
		return this.schemasConfigured ? Tenant.ofSchema(id) : null;
	}

}
