package dev.migration.autoconfigure;

import dev.migration.MigrationManager;
import dev.migration.TenantFleet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link MigrationsEndpoint}, and of its write operation when
 * {@code migration.endpoint.write-enabled=true}; with {@code migration.instances}, of the
 * {@link MigrationInstancesEndpoint} and its write operation per instance instead.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(MigrationManager.class)
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
@EnableConfigurationProperties(MigrationProperties.class)
public final class MigrationEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean({ MigrationsEndpoint.class, MigrationInstances.class })
	MigrationsEndpoint migrationsEndpoint(MigrationManager migrationManager,
			ObjectProvider<MigrationRunState> runState, ObjectProvider<TenantFleet> tenantFleet) {
		return new MigrationsEndpoint(migrationManager, runState.getIfAvailable(MigrationRunState::new),
				tenantFleet.getIfAvailable());
	}

	@Bean
	@ConditionalOnBean(MigrationInstances.class)
	@ConditionalOnMissingBean
	MigrationInstancesEndpoint migrationInstancesEndpoint(MigrationInstances instances) {
		return new MigrationInstancesEndpoint(instances);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("migration.endpoint.write-enabled")
	static class MigrationsEndpointWriteConfiguration {

		@Bean
		@ConditionalOnMissingBean({ MigrationsEndpointWebExtension.class, MigrationInstances.class })
		MigrationsEndpointWebExtension migrationsEndpointWebExtension(MigrationManager migrationManager,
				ObjectProvider<MigrationRunState> runState) {
			return new MigrationsEndpointWebExtension(migrationManager, runState.getIfAvailable(MigrationRunState::new));
		}

		/**
		 * With {@code migration.instances}: the write operation of each instance.
		 */
		@Bean
		@ConditionalOnBean(MigrationInstances.class)
		@ConditionalOnMissingBean
		MigrationInstancesEndpointWebExtension migrationInstancesEndpointWebExtension(MigrationInstances instances) {
			return new MigrationInstancesEndpointWebExtension(instances);
		}

	}

}
