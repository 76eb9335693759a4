package dev.migration.autoconfigure;

import dev.migration.MigrationManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code migration} health contributor.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MigrationManager.class)
@ConditionalOnEnabledHealthIndicator("migration")
public final class MigrationHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "migrationHealthIndicator")
	MigrationHealthIndicator migrationHealthIndicator(MigrationManager migrationManager,
			ObjectProvider<MigrationRunState> runState) {
		return new MigrationHealthIndicator(migrationManager, runState.getIfAvailable(MigrationRunState::new));
	}

}
