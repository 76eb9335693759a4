package dev.migration.script;

import java.util.Objects;

/**
 * One SQL statement of a revision script, as the database will receive it.
 *
 * @param sql the statement text, trimmed and without its terminating {@code ;};
 * comments inside the statement are kept as written
 * @param line the 1-based line of the script where the statement starts (its first
 * character that is neither whitespace nor part of a comment)
 */
public record SqlStatement(String sql, int line) {

	private static final int FIRST_LINE_LENGTH = 80;

	public SqlStatement {
		Objects.requireNonNull(sql, "sql");
	}

	/**
	 * The first non-blank line of the statement, trimmed and cut to 80 characters
	 * (followed by {@code ...} when longer), short enough to quote in an error message.
	 * @return the first line of the statement
	 */
	public String firstLine() {
		String first = this.sql.lines().map(String::strip).filter((line) -> !line.isEmpty()).findFirst().orElse("");
		return (first.length() > FIRST_LINE_LENGTH) ? first.substring(0, FIRST_LINE_LENGTH) + "..." : first;
	}

}
