package dev.migration;

import org.jspecify.annotations.Nullable;

/**
 * How a rollback runs. Start from {@link #defaults()}: safety checks on, no data loss
 * allowed, no confirmation, for real.
 *
 * @param confirm the revision the rollback ends at, repeated by the caller; required in
 * production, where it must equal the resolved target (a full id, or {@code base})
 * @param safetyCheck whether the safety checks run (turning them off is logged)
 * @param allowDataLoss whether a downgrade may drop tables or columns that hold rows
 * @param dryRun whether to return the SQL that would run instead of running it
 */
public record RollbackOptions(@Nullable String confirm, boolean safetyCheck, boolean allowDataLoss, boolean dryRun) {

	/**
	 * Safety checks on, nothing confirmed, data loss refused, for real.
	 * @return the default options
	 */
	public static RollbackOptions defaults() {
		return new RollbackOptions(null, true, false, false);
	}

	/**
	 * These options with a confirmation.
	 * @param revision the resolved target revision, repeated
	 * @return new options
	 */
	public RollbackOptions withConfirm(String revision) {
		return new RollbackOptions(revision, this.safetyCheck, this.allowDataLoss, this.dryRun);
	}

	/**
	 * These options with the safety checks turned off (logged as a warning).
	 * @return new options
	 */
	public RollbackOptions withoutSafetyCheck() {
		return new RollbackOptions(this.confirm, false, this.allowDataLoss, this.dryRun);
	}

	/**
	 * These options allowing downgrades that drop tables or columns holding rows.
	 * @return new options
	 */
	public RollbackOptions withAllowDataLoss() {
		return new RollbackOptions(this.confirm, this.safetyCheck, true, this.dryRun);
	}

	/**
	 * These options as a dry run: plan and check, return the SQL, run nothing.
	 * @return new options
	 */
	public RollbackOptions asDryRun() {
		return new RollbackOptions(this.confirm, this.safetyCheck, this.allowDataLoss, true);
	}

}
