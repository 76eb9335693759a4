package dev.migration.autoconfigure.observation;

import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Observation.Context} of a {@code migration.run} observation: one
 * {@code migrate}, {@code rollback} or {@code stamp}. A failed run has its exception as
 * {@link #getError() error}.
 */
public class MigrationRunObservationContext extends Observation.Context {

	private final Command operation;

	private final @Nullable String target;

	private final @Nullable String instance;

	private @Nullable MigrationResult result;

	/**
	 * Creates the context of a run that starts, of the single database.
	 * @param operation what runs
	 * @param target the target as given
	 */
	public MigrationRunObservationContext(Command operation, @Nullable String target) {
		this(operation, target, null);
	}

	/**
	 * Creates the context of a run that starts.
	 * @param operation what runs
	 * @param target the target as given
	 * @param instance the name of the database under {@code migration.instances}, or
	 * {@code null} for the single database
	 */
	public MigrationRunObservationContext(Command operation, @Nullable String target, @Nullable String instance) {
		this.operation = operation;
		this.target = target;
		this.instance = instance;
	}

	/**
	 * What runs.
	 * @return {@code MIGRATE}, {@code ROLLBACK} or {@code STAMP}
	 */
	public Command getOperation() {
		return this.operation;
	}

	/**
	 * The target as given, such as {@code head} or {@code -1}.
	 * @return the target
	 */
	public @Nullable String getTarget() {
		return this.target;
	}

	/**
	 * Which of several databases runs, the key under {@code migration.instances}.
	 * @return the instance name, or {@code null} for the single database
	 */
	public @Nullable String getInstance() {
		return this.instance;
	}

	/**
	 * What the run did, once it ended well.
	 * @return the result, or {@code null} while running or after a failure
	 */
	public @Nullable MigrationResult getResult() {
		return this.result;
	}

	/**
	 * Records what the run did.
	 * @param result the result
	 */
	public void setResult(@Nullable MigrationResult result) {
		this.result = result;
	}

}
