package dev.migration.autoconfigure.observation;

import dev.migration.AppliedMigration;
import dev.migration.MigrationException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationListener;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.revision.Direction;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes the migrations through the Micrometer Observation API, as a
 * {@link MigrationListener}: a {@code migration.run} observation around each run and a
 * {@code migration.migration} observation around each of its migrations, with the run
 * as parent, so that an application with tracing gets a span per run and nested spans
 * per migration. Each observation is in scope while it runs, so that what the migration
 * does (JDBC calls that are observed, logs with trace ids) falls under it.
 *
 * @see MigrationObservationDocumentation
 */
public final class MigrationObservations implements MigrationListener {

	private static final MigrationRunObservationConvention DEFAULT_RUN_CONVENTION =
			new DefaultMigrationRunObservationConvention();

	private static final MigrationObservationConvention DEFAULT_MIGRATION_CONVENTION =
			new DefaultMigrationObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable MigrationRunObservationConvention runConvention;

	private final @Nullable MigrationObservationConvention migrationConvention;

	private final @Nullable String instance;

	// One listener serves every run of its database(s), and all callbacks of a run come
	// on the thread that runs it: what is open belongs to the thread.
	private final ThreadLocal<Run> runs = new ThreadLocal<>();

	/**
	 * Creates the listener with the default conventions.
	 * @param registry where the observations go
	 */
	public MigrationObservations(ObservationRegistry registry) {
		this(registry, null, null);
	}

	/**
	 * Creates the listener.
	 * @param registry where the observations go
	 * @param runConvention the convention of {@code migration.run}, or {@code null} for
	 * the default
	 * @param migrationConvention the convention of {@code migration.migration}, or
	 * {@code null} for the default
	 */
	public MigrationObservations(ObservationRegistry registry,
			@Nullable MigrationRunObservationConvention runConvention,
			@Nullable MigrationObservationConvention migrationConvention) {
		this(registry, runConvention, migrationConvention, null);
	}

	/**
	 * Creates the listener of one of several databases: its observations' contexts name
	 * the instance, and the default conventions add the {@code instance} key value.
	 * @param registry where the observations go
	 * @param runConvention the convention of {@code migration.run}, or {@code null} for
	 * the default
	 * @param migrationConvention the convention of {@code migration.migration}, or
	 * {@code null} for the default
	 * @param instance the instance name under {@code migration.instances}, or
	 * {@code null} for the single database
	 */
	public MigrationObservations(ObservationRegistry registry,
			@Nullable MigrationRunObservationConvention runConvention,
			@Nullable MigrationObservationConvention migrationConvention, @Nullable String instance) {
		this.registry = registry;
		this.runConvention = runConvention;
		this.migrationConvention = migrationConvention;
		this.instance = instance;
	}

	@Override
	public void beforeRun(Command operation, String target) {
		MigrationRunObservationContext context = new MigrationRunObservationContext(operation, target,
				this.instance);
		Observation observation = MigrationObservationDocumentation.RUN
			.observation(this.runConvention, DEFAULT_RUN_CONVENTION, () -> context, this.registry)
			.start();
		this.runs.set(new Run(observation, observation.openScope(), this.runs.get()));
	}

	@Override
	public void beforeMigration(MigrationInfo migration, Direction direction) {
		Run run = this.runs.get();
		if (run == null) {
			// Every migration runs within a run: one outside has no parent to nest under.
			return;
		}
		MigrationObservationContext context = new MigrationObservationContext(migration, direction,
				this.instance);
		Observation observation = MigrationObservationDocumentation.MIGRATION
			.observation(this.migrationConvention, DEFAULT_MIGRATION_CONVENTION, () -> context, this.registry)
			.parentObservation(run.observation)
			.start();
		run.migration = new Opened(observation, observation.openScope());
	}

	@Override
	public void afterMigration(MigrationInfo migration, AppliedMigration result) {
		Run run = this.runs.get();
		if (run != null && run.migration != null) {
			// A disabled observation (a no-op) has a context of its own: nothing to record.
			if (run.migration.observation.getContext() instanceof MigrationObservationContext context) {
				context.setResult(result);
			}
			run.migration.stop(null);
			run.migration = null;
		}
	}

	@Override
	public void onFailure(MigrationInfo migration, Direction direction, MigrationException failure) {
		Run run = this.runs.get();
		if (run != null && run.migration != null) {
			run.migration.stop(failure);
			run.migration = null;
		}
	}

	@Override
	public void afterRun(MigrationResult result) {
		Run run = this.runs.get();
		if (run != null) {
			if (run.observation.getContext() instanceof MigrationRunObservationContext context) {
				context.setResult(result);
			}
			end(run, null);
		}
	}

	@Override
	public void onRunFailure(Command operation, String target, Throwable failure) {
		Run run = this.runs.get();
		if (run != null) {
			end(run, failure);
		}
	}

	private void end(Run run, @Nullable Throwable failure) {
		if (run.migration != null) {
			// A migration that ended without its callback (an Error in a Java migration):
			// closed first, so that the scopes unwind in order.
			run.migration.stop(failure);
			run.migration = null;
		}
		run.stop(failure);
		if (run.previous != null) {
			this.runs.set(run.previous);
		}
		else {
			this.runs.remove();
		}
	}

	/**
	 * An observation started and in scope on this thread.
	 */
	private static class Opened {

		final Observation observation;

		private final Observation.Scope scope;

		Opened(Observation observation, Observation.Scope scope) {
			this.observation = observation;
			this.scope = scope;
		}

		void stop(@Nullable Throwable failure) {
			if (failure != null) {
				this.observation.error(failure);
			}
			this.scope.close();
			this.observation.stop();
		}

	}

	/**
	 * The run in progress on this thread, its migration in progress, and the run it is
	 * nested in, if any (a Java migration may run another manager).
	 */
	private static final class Run extends Opened {

		final @Nullable Run previous;

		@Nullable Opened migration;

		Run(Observation observation, Observation.Scope scope, @Nullable Run previous) {
			super(observation, scope);
			this.previous = previous;
		}

	}

}
