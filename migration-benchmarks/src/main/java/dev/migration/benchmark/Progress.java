package dev.migration.benchmark;

/**
 * Where the harness says what it is doing: one line per step on standard error, so
 * that the table on standard output stays clean.
 */
final class Progress {

	private Progress() {
	}

	static void report(String step) {
		System.err.println("[bench] " + step);
	}

}
