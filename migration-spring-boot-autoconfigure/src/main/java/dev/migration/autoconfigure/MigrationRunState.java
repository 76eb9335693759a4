package dev.migration.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.migration.AppliedMigration;
import dev.migration.FleetResult;
import dev.migration.MigrationResult;

/**
 * What the migrations run by this application are doing, and how the last run went.
 * Updated by the {@link MigrationRunner} and the endpoint's write operation; read by
 * the health indicator and the endpoint. Thread-safe.
 */
public final class MigrationRunState {

	private State state = State.IDLE;

	private State stateBeforeStart = State.IDLE;

	private Instant startedAt;

	private String what;

	private LastRun lastRun;

	private Throwable failure;

	private FleetResult fleetResult;

	/**
	 * The current state.
	 * @return the state
	 */
	public synchronized State getState() {
		return this.state;
	}

	/**
	 * The last finished run, or {@code null} when none finished yet.
	 * @return the last run
	 */
	public synchronized LastRun getLastRun() {
		return this.lastRun;
	}

	/**
	 * The failure of the last run, or {@code null} when it succeeded.
	 * @return the failure
	 */
	public synchronized Throwable getFailure() {
		return this.failure;
	}

	/**
	 * The last run of the tenants ({@code migration.tenants}), or {@code null} when none
	 * finished yet.
	 * @return the tenants' results
	 */
	public synchronized FleetResult getFleetResult() {
		return this.fleetResult;
	}

	/**
	 * Records that a run of the tenants finished: succeeded when no tenant failed,
	 * otherwise failed with the given failure. The last run's {@code applied} lists the
	 * ids of the tenants that were migrated.
	 * @param result what happened to each tenant
	 * @param failure the failure that sums up the failed tenants, or {@code null} when
	 * none failed
	 */
	public synchronized void fleetFinished(FleetResult result, Throwable failure) {
		Instant startedAt = startedAt();
		List<String> applied = result.tenants(FleetResult.Outcome.MIGRATED)
			.stream()
			.map(FleetResult.Tenant::id)
			.toList();
		State outcome = (failure != null) ? State.FAILED : State.SUCCEEDED;
		this.lastRun = new LastRun(startedAt, this.what, applied, result.duration(), outcome,
				(failure != null) ? describe(failure) : null);
		this.state = outcome;
		this.failure = failure;
		this.fleetResult = result;
	}

	/**
	 * Records that a run started.
	 * @param what what runs, such as {@code migrate to head}
	 */
	public synchronized void started(String what) {
		this.stateBeforeStart = this.state;
		this.state = State.MIGRATING;
		this.startedAt = Instant.now();
		this.what = what;
	}

	/**
	 * Records that the run succeeded.
	 * @param result what ran
	 */
	public synchronized void succeeded(MigrationResult result) {
		List<String> applied = result.migrations().stream().map(AppliedMigration::revision).toList();
		this.lastRun = new LastRun(startedAt(), this.what, applied, result.duration(), State.SUCCEEDED, null);
		this.state = State.SUCCEEDED;
		this.failure = null;
	}

	/**
	 * Records that the run failed.
	 * @param failure why
	 */
	public synchronized void failed(Throwable failure) {
		Instant startedAt = startedAt();
		this.lastRun = new LastRun(startedAt, this.what, List.of(), Duration.between(startedAt, Instant.now()),
				State.FAILED, describe(failure));
		this.state = State.FAILED;
		this.failure = failure;
	}

	/**
	 * Records that the run was refused before anything ran (an invalid target, a safety
	 * check, another instance holding the lock): the state goes back to what it was.
	 */
	public synchronized void refused() {
		if (this.state == State.MIGRATING) {
			this.state = this.stateBeforeStart;
		}
	}

	private Instant startedAt() {
		return (this.startedAt != null) ? this.startedAt : Instant.now();
	}

	/**
	 * Describes a failure for a response or a log, without credentials (database errors
	 * may quote a JDBC URL), with the commands to run rather than the engine's methods.
	 * @param failure the failure
	 * @return the problem and what to do, with passwords masked
	 */
	static String describe(Throwable failure) {
		return FailureAdvice.forEndpoint(failure).text();
	}

	/**
	 * Masks the credentials in an error message: database errors may quote a JDBC URL.
	 * @param message the message
	 * @return the message, with passwords masked
	 */
	static String describe(String message) {
		return Credentials.mask(message);
	}

	/**
	 * The states of the migrations run by this application.
	 */
	public enum State {

		/**
		 * Nothing ran yet.
		 */
		IDLE,

		/**
		 * Migrations are running.
		 */
		MIGRATING,

		/**
		 * The last run succeeded.
		 */
		SUCCEEDED,

		/**
		 * The last run failed.
		 */
		FAILED

	}

	/**
	 * A finished run.
	 *
	 * @param when when it started
	 * @param what what ran, such as {@code migrate to head}
	 * @param applied the revisions applied or rolled back, in order
	 * @param duration how long it took
	 * @param outcome {@link State#SUCCEEDED} or {@link State#FAILED}
	 * @param error the error when it failed, credentials masked, otherwise {@code null}
	 */
	public record LastRun(Instant when, String what, List<String> applied, Duration duration, State outcome,
			String error) {

		public LastRun {
			applied = List.copyOf(applied);
		}

	}

}
