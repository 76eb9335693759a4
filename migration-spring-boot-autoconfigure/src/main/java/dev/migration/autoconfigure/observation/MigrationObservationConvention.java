package dev.migration.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name, contextual name and key values of {@code migration.migration} observations.
 * A bean of this type replaces the {@link DefaultMigrationObservationConvention}.
 */
public interface MigrationObservationConvention extends ObservationConvention<MigrationObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MigrationObservationContext;
	}

}
