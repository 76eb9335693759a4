package dev.migration.script;

import org.jspecify.annotations.Nullable;

/**
 * The lexical rules of PostgreSQL's SQL that both the statement splitter and the lint's
 * token reader follow: nested block comments and dollar quotes. Internal: for the
 * engine's own readers of SQL.
 */
public final class SqlScanning {

	private SqlScanning() {
	}

	/**
	 * Where the block comment opening at {@code start} ends. PostgreSQL nests block
	 * comments, unlike the SQL standard.
	 * @param sql the text
	 * @param start the position of the comment's {@code /*}
	 * @return the position just after its closing {@code *}{@code /}, or {@code -1} when
	 * the text ends first
	 */
	public static int blockCommentEnd(String sql, int start) {
		int depth = 0;
		int position = start;
		while (position < sql.length()) {
			char c = sql.charAt(position);
			if (c == '/' && charAt(sql, position + 1) == '*') {
				depth++;
				position += 2;
			}
			else if (c == '*' && charAt(sql, position + 1) == '/') {
				depth--;
				position += 2;
				if (depth == 0) {
					return position;
				}
			}
			else {
				position++;
			}
		}
		return -1;
	}

	/**
	 * The dollar-quote delimiter ({@code $$} or {@code $tag$}) starting at a position.
	 * @param sql the text
	 * @param at the position of a {@code $}
	 * @return the delimiter, or {@code null} if the {@code $} there does not open one
	 */
	public static @Nullable String dollarTag(String sql, int at) {
		int end = at + 1;
		if (end < sql.length() && (Character.isLetter(sql.charAt(end)) || sql.charAt(end) == '_')) {
			end++;
			while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
				end++;
			}
		}
		return (charAt(sql, end) == '$') ? sql.substring(at, end + 1) : null;
	}

	private static char charAt(String sql, int index) {
		return (index < sql.length()) ? sql.charAt(index) : '\0';
	}

}
