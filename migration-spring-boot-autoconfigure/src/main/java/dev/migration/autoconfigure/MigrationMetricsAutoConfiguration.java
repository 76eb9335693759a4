package dev.migration.autoconfigure;

import dev.migration.MigrationManager;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link MigrationMetrics}. It is a {@code MigrationListener}
 * bean, so the auto-configured manager reports to it; with {@code migration.instances},
 * each instance's manager reports to metrics of its own, tagged {@code instance}.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, MigrationManager.class })
public final class MigrationMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean({ MigrationMetrics.class, MigrationInstances.class })
	MigrationMetrics migrationMetrics(MeterRegistry registry, ObjectProvider<MigrationManager> migrationManager) {
		return new MigrationMetrics(registry, migrationManager);
	}

	/**
	 * With {@code migration.instances}: the metrics of each instance, tagged
	 * {@code instance}, given to its manager as a listener.
	 */
	@Bean
	@ConditionalOnBean(MigrationInstances.class)
	@ConditionalOnMissingBean
	MigrationInstanceMetrics migrationInstanceMetrics(MeterRegistry registry,
			ObjectProvider<MigrationInstances> instances) {
		return new MigrationInstanceMetrics(registry, instances);
	}

}
