package dev.migration.autoconfigure.observation;

import java.time.Duration;
import java.util.Locale;

import dev.migration.DurationFormat;
import dev.migration.MigrationFailedException;
import dev.migration.autoconfigure.observation.MigrationObservationDocumentation.MigrationHighCardinalityKeyNames;
import dev.migration.autoconfigure.observation.MigrationObservationDocumentation.MigrationLowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link MigrationObservationConvention}: observations named
 * {@code migration.migration}, with the {@code direction} and {@code outcome}
 * low-cardinality key values (the tags of the {@code migration.duration} timer; and
 * {@code instance} for one of several databases, as that timer has it) and the
 * {@code revision} and, once the migration ended, {@code duration} high-cardinality ones.
 * Extend it to add or change a key value.
 */
public class DefaultMigrationObservationConvention implements MigrationObservationConvention {

	private static final String NAME = "migration.migration";

	@Override
	public String getName() {
		return NAME;
	}

	/**
	 * The span name: the direction only, as a span name should take few values; the
	 * revision is a key value.
	 */
	@Override
	public String getContextualName(MigrationObservationContext context) {
		return directionName(context);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MigrationObservationContext context) {
		KeyValues keyValues = KeyValues.of(direction(context), outcome(context));
		KeyValue instance = instance(context);
		return (instance != null) ? keyValues.and(instance) : keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MigrationObservationContext context) {
		KeyValue duration = duration(context);
		return (duration != null) ? KeyValues.of(revision(context), duration) : KeyValues.of(revision(context));
	}

	/**
	 * The {@code direction} key value.
	 * @param context the migration
	 * @return {@code upgrade} or {@code downgrade}
	 */
	protected KeyValue direction(MigrationObservationContext context) {
		return MigrationLowCardinalityKeyNames.DIRECTION.withValue(directionName(context));
	}

	/**
	 * The {@code outcome} key value.
	 * @param context the migration
	 * @return {@code success} or {@code failure}, or {@code unknown} while it runs
	 */
	protected KeyValue outcome(MigrationObservationContext context) {
		return MigrationLowCardinalityKeyNames.OUTCOME.withValue(Outcome.of(context.getError(), context.getResult()));
	}

	/**
	 * The {@code instance} key value, for one of several databases
	 * ({@code migration.instances}).
	 * @param context the migration
	 * @return the instance name, or {@code null} for the single database
	 */
	protected @Nullable KeyValue instance(MigrationObservationContext context) {
		String instance = context.getInstance();
		return (instance != null) ? MigrationLowCardinalityKeyNames.INSTANCE.withValue(instance) : null;
	}

	/**
	 * The {@code revision} key value.
	 * @param context the migration
	 * @return the revision id
	 */
	protected KeyValue revision(MigrationObservationContext context) {
		return MigrationHighCardinalityKeyNames.REVISION.withValue(context.getMigration().revision());
	}

	/**
	 * The {@code duration} key value: the engine's measurement, as the log line writes it.
	 * @param context the migration
	 * @return the duration, or {@code null} while it runs
	 */
	protected @Nullable KeyValue duration(MigrationObservationContext context) {
		Duration duration = null;
		if (context.getResult() != null) {
			duration = context.getResult().duration();
		}
		else if (context.getError() instanceof MigrationFailedException failure) {
			duration = failure.getDuration();
		}
		return (duration != null) ? MigrationHighCardinalityKeyNames.DURATION.withValue(DurationFormat.format(duration))
				: null;
	}

	private static String directionName(MigrationObservationContext context) {
		return context.getDirection().name().toLowerCase(Locale.ROOT);
	}

}
