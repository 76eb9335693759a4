package dev.migration.autoconfigure.observation;

import dev.migration.AppliedMigration;
import dev.migration.MigrationInfo;
import dev.migration.revision.Direction;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Observation.Context} of a {@code migration.migration} observation: one
 * revision upgraded or downgraded within a run. A failed migration has its exception
 * as {@link #getError() error}.
 */
public class MigrationObservationContext extends Observation.Context {

	private final MigrationInfo migration;

	private final Direction direction;

	private final @Nullable String instance;

	private @Nullable AppliedMigration result;

	/**
	 * Creates the context of a migration that starts, of the single database.
	 * @param migration the migration
	 * @param direction upgrade or downgrade
	 */
	public MigrationObservationContext(MigrationInfo migration, Direction direction) {
		this(migration, direction, null);
	}

	/**
	 * Creates the context of a migration that starts.
	 * @param migration the migration
	 * @param direction upgrade or downgrade
	 * @param instance the name of the database under {@code migration.instances}, or
	 * {@code null} for the single database
	 */
	public MigrationObservationContext(MigrationInfo migration, Direction direction, @Nullable String instance) {
		this.migration = migration;
		this.direction = direction;
		this.instance = instance;
	}

	/**
	 * The migration.
	 * @return its revision, message, path and kind
	 */
	public MigrationInfo getMigration() {
		return this.migration;
	}

	/**
	 * Which way the migration runs.
	 * @return upgrade or downgrade
	 */
	public Direction getDirection() {
		return this.direction;
	}

	/**
	 * Which of several databases the migration runs on, the key under
	 * {@code migration.instances}.
	 * @return the instance name, or {@code null} for the single database
	 */
	public @Nullable String getInstance() {
		return this.instance;
	}

	/**
	 * What ran, once the migration committed.
	 * @return the result, or {@code null} while running or after a failure
	 */
	public @Nullable AppliedMigration getResult() {
		return this.result;
	}

	/**
	 * Records what ran.
	 * @param result the result
	 */
	public void setResult(@Nullable AppliedMigration result) {
		this.result = result;
	}

}
