package dev.migration.autoconfigure.observation;

import java.util.Locale;

import dev.migration.autoconfigure.observation.MigrationObservationDocumentation.RunHighCardinalityKeyNames;
import dev.migration.autoconfigure.observation.MigrationObservationDocumentation.RunLowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link MigrationRunObservationConvention}: observations named
 * {@code migration.run}, with the {@code operation} and {@code outcome} low-cardinality
 * key values and the {@code target} high-cardinality one. Extend it to add or change a
 * key value.
 */
public class DefaultMigrationRunObservationConvention implements MigrationRunObservationConvention {

	private static final String NAME = "migration.run";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(MigrationRunObservationContext context) {
		return operationName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MigrationRunObservationContext context) {
		return KeyValues.of(operation(context), outcome(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MigrationRunObservationContext context) {
		return KeyValues.of(target(context));
	}

	/**
	 * The {@code operation} key value.
	 * @param context the run
	 * @return {@code migrate}, {@code rollback} or {@code stamp}
	 */
	protected KeyValue operation(MigrationRunObservationContext context) {
		return RunLowCardinalityKeyNames.OPERATION.withValue(operationName(context));
	}

	/**
	 * The {@code outcome} key value.
	 * @param context the run
	 * @return {@code success} or {@code failure}, or {@code unknown} while it runs
	 */
	protected KeyValue outcome(MigrationRunObservationContext context) {
		return RunLowCardinalityKeyNames.OUTCOME.withValue(Outcome.of(context.getError(), context.getResult()));
	}

	/**
	 * The {@code target} key value.
	 * @param context the run
	 * @return the target as given, or {@code none}
	 */
	protected KeyValue target(MigrationRunObservationContext context) {
		String target = context.getTarget();
		return (target != null) ? RunHighCardinalityKeyNames.TARGET.withValue(target)
				: RunHighCardinalityKeyNames.TARGET.withNoneValue();
	}

	private static String operationName(MigrationRunObservationContext context) {
		return context.getOperation().name().toLowerCase(Locale.ROOT);
	}

}
