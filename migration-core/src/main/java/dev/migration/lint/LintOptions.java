package dev.migration.lint;

/**
 * How the lint weighs its findings.
 *
 * @param smallTableRows a table with at most this many rows (and at most
 * {@code smallTableBytes}) is small: a hazard on it is a {@link LintSeverity#NOTE}
 * @param smallTableBytes a table of at most this many bytes, indexes and TOAST
 * included (and at most {@code smallTableRows} rows), is small; ignored where the
 * database does not tell a table's size in bytes (DuckDB)
 * @param unknownSize the severity of a size-dependent hazard on a table whose size is
 * unknown: linted without a database, or a table the database does not have
 * @param failOn which findings make {@code migrate} refuse to run, before it takes the
 * lock or applies anything
 */
public record LintOptions(long smallTableRows, long smallTableBytes, LintSeverity unknownSize, LintFailOn failOn) {

	/**
	 * The default small-table row count: 10,000 rows.
	 */
	public static final long DEFAULT_SMALL_TABLE_ROWS = 10_000;

	/**
	 * The default small-table size: 10 MB.
	 */
	public static final long DEFAULT_SMALL_TABLE_BYTES = 10L * 1024 * 1024;

	public LintOptions {
		if (smallTableRows < 0) {
			throw new IllegalArgumentException("smallTableRows must not be negative: " + smallTableRows);
		}
		if (smallTableBytes < 0) {
			throw new IllegalArgumentException("smallTableBytes must not be negative: " + smallTableBytes);
		}
		if (unknownSize == null) {
			throw new IllegalArgumentException("unknownSize is required");
		}
		if (failOn == null) {
			throw new IllegalArgumentException("failOn is required");
		}
	}

	/**
	 * Options with which {@code migrate} never refuses ({@link LintFailOn#NEVER}).
	 * @param smallTableRows the small-table row count
	 * @param smallTableBytes the small-table size in bytes
	 * @param unknownSize the severity of a hazard on a table of unknown size
	 */
	public LintOptions(long smallTableRows, long smallTableBytes, LintSeverity unknownSize) {
		this(smallTableRows, smallTableBytes, unknownSize, LintFailOn.NEVER);
	}

	/**
	 * The defaults: 10,000 rows, 10 MB, an unknown size is a
	 * {@link LintSeverity#WARNING}, and {@code migrate} never refuses
	 * ({@link LintFailOn#NEVER}).
	 * @return the default options
	 */
	public static LintOptions defaults() {
		return new LintOptions(DEFAULT_SMALL_TABLE_ROWS, DEFAULT_SMALL_TABLE_BYTES, LintSeverity.WARNING);
	}

	/**
	 * These options with another small-table threshold.
	 * @param rows the row count
	 * @param bytes the size in bytes
	 * @return the new options
	 */
	public LintOptions withSmallTable(long rows, long bytes) {
		return new LintOptions(rows, bytes, this.unknownSize, this.failOn);
	}

	/**
	 * These options with another severity for hazards on tables of unknown size.
	 * @param severity the severity
	 * @return the new options
	 */
	public LintOptions withUnknownSize(LintSeverity severity) {
		return new LintOptions(this.smallTableRows, this.smallTableBytes, severity, this.failOn);
	}

	/**
	 * These options with another threshold for {@code migrate} to refuse.
	 * @param failOn which findings refuse
	 * @return the new options
	 */
	public LintOptions withFailOn(LintFailOn failOn) {
		return new LintOptions(this.smallTableRows, this.smallTableBytes, this.unknownSize, failOn);
	}

}
