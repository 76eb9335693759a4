package dev.migration.benchmark;

import javax.sql.DataSource;

/**
 * One side of a comparison, the engine or the floor: what it does to a fresh workspace
 * before the clock starts, what is timed, and how its work is checked afterwards.
 *
 * @param prepare untimed set-up, such as migrating up before a rollback is timed
 * @param run the timed work; its data source is the one whose statements are counted
 * @param check untimed check that the work was done
 */
record Contender(Step prepare, Step run, Step check) {

	static Contender of(Step prepare, Step run, Step check) {
		return new Contender(prepare, run, check);
	}

	/**
	 * Something done to a workspace.
	 */
	@FunctionalInterface
	interface Step {

		void apply(Workspace workspace, DataSource dataSource) throws Exception;

	}

}
