package dev.migration.autoconfigure.observation;

import java.util.Locale;

import dev.migration.DurationFormat;
import dev.migration.MigrationResult;
import dev.migration.autoconfigure.observation.MigrationObservationDocumentation.RunHighCardinalityKeyNames;
import dev.migration.autoconfigure.observation.MigrationObservationDocumentation.RunLowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link MigrationRunObservationConvention}: observations named
 * {@code migration.run}, with the {@code operation} and {@code outcome} low-cardinality
 * key values (and {@code instance} for one of several databases) and the {@code target}
 * and, once the run ended well, {@code duration} high-cardinality ones. Extend it to add
 * or change a key value.
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
		KeyValues keyValues = KeyValues.of(operation(context), outcome(context));
		KeyValue instance = instance(context);
		return (instance != null) ? keyValues.and(instance) : keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MigrationRunObservationContext context) {
		KeyValue duration = duration(context);
		return (duration != null) ? KeyValues.of(target(context), duration) : KeyValues.of(target(context));
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
	 * The {@code instance} key value, for one of several databases
	 * ({@code migration.instances}).
	 * @param context the run
	 * @return the instance name, or {@code null} for the single database
	 */
	protected @Nullable KeyValue instance(MigrationRunObservationContext context) {
		String instance = context.getInstance();
		return (instance != null) ? RunLowCardinalityKeyNames.INSTANCE.withValue(instance) : null;
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

	/**
	 * The {@code duration} key value: the engine's measurement of the run, as its result
	 * says it.
	 * @param context the run
	 * @return the duration, or {@code null} unless the run ended well
	 */
	protected @Nullable KeyValue duration(MigrationRunObservationContext context) {
		MigrationResult result = context.getResult();
		return (result != null)
				? RunHighCardinalityKeyNames.DURATION.withValue(DurationFormat.format(result.duration())) : null;
	}

	private static String operationName(MigrationRunObservationContext context) {
		return context.getOperation().name().toLowerCase(Locale.ROOT);
	}

}
