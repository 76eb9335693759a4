package dev.migration.benchmark;

/**
 * Whether a figure meets its target.
 */
enum Verdict {

	/**
	 * The target is met.
	 */
	PASS,

	/**
	 * The target is missed.
	 */
	MISS;

	static Verdict of(boolean met) {
		return met ? PASS : MISS;
	}

}
