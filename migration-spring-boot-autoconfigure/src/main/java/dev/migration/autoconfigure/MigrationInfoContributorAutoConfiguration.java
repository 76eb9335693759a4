package dev.migration.autoconfigure;

import dev.migration.MigrationManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link MigrationInfoContributor}, enabled with
 * {@code management.info.migration.enabled} (on by default).
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class)
@ConditionalOnClass(InfoContributor.class)
@ConditionalOnBean(MigrationManager.class)
@ConditionalOnEnabledInfoContributor("migration")
public final class MigrationInfoContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationInfoContributor migrationInfoContributor(ObjectProvider<MigrationInstances> instances,
			ObjectProvider<MigrationManager> migrationManager) {
		MigrationInstances available = instances.getIfAvailable();
		return (available != null) ? new MigrationInfoContributor(available)
				: new MigrationInfoContributor(migrationManager.getObject());
	}

}
