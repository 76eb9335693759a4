package dev.migration.revision;

/**
 * The way a {@link MigrationPlan} moves through the revision graph.
 */
public enum Direction {

	/**
	 * Apply revisions, oldest first, towards one or more heads ({@code migrate}).
	 */
	UPGRADE,

	/**
	 * Revert applied revisions, newest first, towards a revision or the base
	 * ({@code rollback}).
	 */
	DOWNGRADE

}
