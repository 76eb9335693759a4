package dev.migration;

/**
 * How a {@link TenantFleet} runs its tenants.
 *
 * @param parallelism the most tenants migrated (or read) at once, at least 1
 * @param onFailure what happens to the other tenants when one fails
 */
public record FleetOptions(int parallelism, OnFailure onFailure) {

	/**
	 * The default number of tenants run at once when nothing better is known.
	 */
	public static final int DEFAULT_PARALLELISM = 1;

	public FleetOptions {
		if (parallelism < 1) {
			throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
		}
		if (onFailure == null) {
			throw new IllegalArgumentException("onFailure is required");
		}
	}

	/**
	 * One tenant at a time, the others finishing when one fails.
	 * @return the defaults
	 */
	public static FleetOptions defaults() {
		return new FleetOptions(DEFAULT_PARALLELISM, OnFailure.CONTINUE);
	}

	/**
	 * These options with another parallelism.
	 * @param parallelism the most tenants run at once, at least 1
	 * @return the options
	 */
	public FleetOptions withParallelism(int parallelism) {
		return new FleetOptions(parallelism, this.onFailure);
	}

	/**
	 * These options with another failure policy.
	 * @param onFailure the policy
	 * @return the options
	 */
	public FleetOptions withOnFailure(OnFailure onFailure) {
		return new FleetOptions(this.parallelism, onFailure);
	}

	/**
	 * What happens to the other tenants when one fails. Each tenant migrates on its own,
	 * so a failure never leaves another tenant half done whichever is chosen.
	 */
	public enum OnFailure {

		/**
		 * Every other tenant is still migrated; the result lists every failure.
		 */
		CONTINUE,

		/**
		 * No tenant starts after the first failure; those running finish, those not
		 * started are {@link FleetResult.Outcome#SKIPPED}.
		 */
		STOP

	}

}
