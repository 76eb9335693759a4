package dev.migration.autoconfigure.observation;

import dev.migration.MigrationListener;
import dev.migration.autoconfigure.InstanceListeners;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MigrationObservations} of each of several databases
 * ({@code migration.instances}): each instance's manager is built with its own, whose
 * observations carry the {@code instance} key value.
 */
public final class MigrationInstanceObservations implements InstanceListeners {

	private final ObservationRegistry registry;

	private final @Nullable MigrationRunObservationConvention runConvention;

	private final @Nullable MigrationObservationConvention migrationConvention;

	MigrationInstanceObservations(ObservationRegistry registry,
			@Nullable MigrationRunObservationConvention runConvention,
			@Nullable MigrationObservationConvention migrationConvention) {
		this.registry = registry;
		this.runConvention = runConvention;
		this.migrationConvention = migrationConvention;
	}

	/**
	 * The observations of one instance.
	 * @param instance the instance name
	 * @return a listener whose observations name the instance
	 */
	@Override
	public MigrationListener listener(String instance) {
		return new MigrationObservations(this.registry, this.runConvention, this.migrationConvention, instance);
	}

}
