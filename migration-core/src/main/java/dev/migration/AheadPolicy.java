package dev.migration;

/**
 * What to do when the database has applied revisions that the scripts do not know but
 * that descend from known ones (a newer build migrated it; this one is older). A
 * history that diverges from the scripts is always refused.
 */
public enum AheadPolicy {

	/**
	 * Log a warning and carry on: what this build knows is applied.
	 */
	WARN,

	/**
	 * Refuse to run.
	 */
	FAIL

}
