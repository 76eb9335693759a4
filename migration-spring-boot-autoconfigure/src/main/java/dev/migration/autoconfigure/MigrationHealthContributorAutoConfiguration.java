package dev.migration.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.migration.MigrationManager;
import dev.migration.TenantFleet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code migration} health contributor: one indicator, or with
 * {@code migration.instances} a composite of one indicator per instance.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MigrationManager.class)
@ConditionalOnEnabledHealthIndicator("migration")
public final class MigrationHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "migrationHealthIndicator", value = MigrationInstances.class)
	MigrationHealthIndicator migrationHealthIndicator(MigrationManager migrationManager,
			ObjectProvider<MigrationRunState> runState, ObjectProvider<TenantFleet> tenantFleet,
			ObjectProvider<MigrationProperties> properties) {
		return new MigrationHealthIndicator(migrationManager, runState.getIfAvailable(MigrationRunState::new),
				tenantFleet.getIfAvailable(),
				properties.getIfAvailable(MigrationProperties::new).getTenants().isMigrateBase());
	}

	/**
	 * With {@code migration.instances}: {@code migration} is a composite, with one
	 * component per instance.
	 */
	@Bean
	@ConditionalOnBean(MigrationInstances.class)
	@ConditionalOnMissingBean(name = "migrationHealthContributor")
	CompositeHealthContributor migrationHealthContributor(MigrationInstances instances) {
		Map<String, MigrationHealthIndicator> indicators = new LinkedHashMap<>();
		for (MigrationInstance instance : instances.instances()) {
			indicators.put(instance.name(), new MigrationHealthIndicator(instance.manager(), instance.runState(),
					instance.tenantFleet(), instance.properties().getTenants().isMigrateBase()));
		}
		return CompositeHealthContributor.fromMap(indicators);
	}

}
