package dev.migration.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name, contextual name and key values of {@code migration.run} observations. A
 * bean of this type replaces the {@link DefaultMigrationRunObservationConvention}.
 */
public interface MigrationRunObservationConvention extends ObservationConvention<MigrationRunObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MigrationRunObservationContext;
	}

}
