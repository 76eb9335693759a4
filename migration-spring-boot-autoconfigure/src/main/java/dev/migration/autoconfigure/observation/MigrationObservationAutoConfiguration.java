package dev.migration.autoconfigure.observation;

import dev.migration.MigrationManager;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationInstances;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link MigrationObservations}. It is a
 * {@code MigrationListener} bean, so the auto-configured manager reports to it; a
 * {@link MigrationRunObservationConvention} or {@link MigrationObservationConvention}
 * bean replaces the default names and key values.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, MigrationManager.class })
public final class MigrationObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean({ MigrationObservations.class, MigrationInstances.class })
	MigrationObservations migrationObservations(ObservationRegistry observationRegistry,
			ObjectProvider<MigrationRunObservationConvention> runConvention,
			ObjectProvider<MigrationObservationConvention> migrationConvention) {
		return new MigrationObservations(observationRegistry, runConvention.getIfAvailable(),
				migrationConvention.getIfAvailable());
	}

	/**
	 * With {@code migration.instances}: the observations of each instance, with the
	 * {@code instance} key value, given to its manager as a listener. An application's
	 * own {@link MigrationObservations} bean, which every instance shares, replaces them.
	 */
	@Bean
	@ConditionalOnBean(MigrationInstances.class)
	@ConditionalOnMissingBean({ MigrationInstanceObservations.class, MigrationObservations.class })
	MigrationInstanceObservations migrationInstanceObservations(ObservationRegistry observationRegistry,
			ObjectProvider<MigrationRunObservationConvention> runConvention,
			ObjectProvider<MigrationObservationConvention> migrationConvention) {
		return new MigrationInstanceObservations(observationRegistry, runConvention.getIfAvailable(),
				migrationConvention.getIfAvailable());
	}

}
