package dev.migration.lint;

/**
 * How much a {@link LintFinding} matters.
 */
public enum LintSeverity {

	/**
	 * The statement may block the table's readers or writers for as long as it scans or
	 * rewrites the table, or break the code still running during a rolling deploy: fix
	 * it, or ignore the rule in the script's header with a reason.
	 */
	WARNING,

	/**
	 * The same hazard where it costs little: a table under the small-table threshold, or
	 * one created by an earlier revision of the scripts linted together.
	 */
	NOTE

}
