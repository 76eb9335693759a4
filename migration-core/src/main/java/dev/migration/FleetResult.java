package dev.migration;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link TenantFleet} run did, tenant by tenant, in the fleet's order.
 *
 * @param tenants one entry per tenant
 * @param duration how long the whole run took
 */
public record FleetResult(List<Tenant> tenants, Duration duration) {

	public FleetResult {
		tenants = List.copyOf(tenants);
	}

	/**
	 * The tenants that failed, each with its exception.
	 * @return the failed tenants, in the fleet's order
	 */
	public List<Tenant> failed() {
		return tenants(Outcome.FAILED);
	}

	/**
	 * Whether any tenant failed.
	 * @return {@code true} if a tenant failed
	 */
	public boolean hasFailures() {
		return this.tenants.stream().anyMatch((tenant) -> tenant.outcome() == Outcome.FAILED);
	}

	/**
	 * The tenants with an outcome.
	 * @param outcome the outcome
	 * @return those tenants, in the fleet's order
	 */
	public List<Tenant> tenants(Outcome outcome) {
		return this.tenants.stream().filter((tenant) -> tenant.outcome() == outcome).toList();
	}

	/**
	 * How many tenants had an outcome.
	 * @param outcome the outcome
	 * @return the count
	 */
	public int count(Outcome outcome) {
		return tenants(outcome).size();
	}

	/**
	 * One line for a log: the counts of each outcome.
	 * @return the summary
	 */
	public String summary() {
		return this.tenants.size() + " tenant(s) in " + DurationFormat.format(this.duration) + ": "
				+ count(Outcome.MIGRATED) + " migrated, " + rolledBack() + count(Outcome.UP_TO_DATE) + " up to date, "
				+ count(Outcome.FAILED) + " failed, " + count(Outcome.SKIPPED) + " skipped";
	}

	// Only rollbacks mention it, so that a migrate's summary reads as before.
	private String rolledBack() {
		int count = count(Outcome.ROLLED_BACK);
		return (count > 0) ? count + " rolled back, " : "";
	}

	/**
	 * What happened to one tenant.
	 *
	 * @param id the tenant's id ({@link dev.migration.Tenant#id()})
	 * @param outcome what happened
	 * @param applied how many migrations were applied (or, for a rollback, reverted)
	 * @param error the failure's message when it failed, otherwise {@code null}
	 * @param exception the failure when it failed, otherwise {@code null}
	 */
	public record Tenant(String id, Outcome outcome, int applied, @Nullable String error,
			@Nullable RuntimeException exception) {

	}

	/**
	 * What happened to a tenant.
	 */
	public enum Outcome {

		/**
		 * At least one migration was applied.
		 */
		MIGRATED,

		/**
		 * At least one migration was rolled back.
		 */
		ROLLED_BACK,

		/**
		 * Nothing was pending (for a rollback: nothing to roll back).
		 */
		UP_TO_DATE,

		/**
		 * The tenant's migrate or rollback failed, or its rollback was refused; what it
		 * had run before the failing migration stays, as for a single database.
		 */
		FAILED,

		/**
		 * Not started: an earlier tenant failed with {@link FleetOptions.OnFailure#STOP}.
		 */
		SKIPPED

	}

}
