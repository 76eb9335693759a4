package dev.migration.operation;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.migration.MigrationException;

/**
 * SQL identifiers: validation of the names users give, and quoting where needed.
 * Both dialects quote with double quotes and fold unquoted names (PostgreSQL to lower
 * case), so a name is left bare only when it is lower case and not a keyword.
 *
 * @param value the identifier, unquoted
 */
public record Identifier(String value) {

	private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private static final Pattern BARE = Pattern.compile("[a-z_][a-z0-9_]*");

	// Reserved in PostgreSQL or DuckDB, among those a column is plausibly named after.
	private static final Set<String> KEYWORDS = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
			"asc", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_date",
			"current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
			"else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
			"initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
			"null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning",
			"select", "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union",
			"unique", "user", "using", "variadic", "when", "where", "window", "with", "pivot", "unpivot", "qualify",
			"type", "key", "value", "year", "month", "day", "hour", "minute", "second", "position");

	/**
	 * Validates a name given by a user.
	 * @param kind what the name is, for the message ({@code table}, {@code column})
	 * @param name the name
	 * @return the name
	 * @throws MigrationException if the name is missing or not letters, digits and
	 * {@code _} starting with a letter or {@code _} (at most 63 characters)
	 */
	public static String validate(String kind, String name) {
		if (name == null || name.isBlank()) {
			throw new MigrationException("Missing " + kind + " name");
		}
		if (!VALID.matcher(name).matches()) {
			throw new MigrationException("Invalid " + kind + " name '" + name
					+ "': use letters, digits and _ (starting with a letter or _), at most 63 characters");
		}
		return name;
	}

	/**
	 * The identifier as SQL: bare when that is unambiguous, otherwise quoted with
	 * embedded quotes doubled.
	 * @param name the identifier
	 * @return the SQL
	 */
	public static String quote(String name) {
		if (BARE.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
			return name;
		}
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	/**
	 * This identifier as SQL.
	 * @return the quoted-where-needed identifier
	 */
	public String sql() {
		return quote(this.value);
	}

}
