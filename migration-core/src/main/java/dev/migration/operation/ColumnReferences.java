package dev.migration.operation;

import java.util.Locale;

/**
 * Renames a column in an SQL expression as a database renders it (a check condition,
 * an index expression or predicate): each identifier that names the column is
 * replaced, while string literals, function names, type names after {@code ::} and
 * qualifiers before a dot stay as they are.
 */
final class ColumnReferences {

	private ColumnReferences() {
	}

	static String rename(String expression, String oldName, String newName) {
		StringBuilder result = new StringBuilder();
		int i = 0;
		int length = expression.length();
		while (i < length) {
			char c = expression.charAt(i);
			if (c == '\'') {
				int end = endOfQuoted(expression, i, '\'');
				result.append(expression, i, end);
				i = end;
			}
			else if (c == '"' || Character.isLetter(c) || c == '_') {
				int end = (c == '"') ? endOfQuoted(expression, i, '"') : endOfWord(expression, i);
				String token = expression.substring(i, end);
				// Unquoted names are case-insensitive in both dialects (DuckDB even drops the
				// quotes of mixed-case names when it renders a condition).
				boolean matches = (c == '"') ? token.equals("\"" + oldName.replace("\"", "\"\"") + "\"")
						: token.toLowerCase(Locale.ROOT).equals(oldName.toLowerCase(Locale.ROOT));
				if (matches && !isTypeName(expression, i) && !isFollowedBy(expression, end, '(')
						&& !isFollowedBy(expression, end, '.')) {
					result.append(Identifier.quote(newName));
				}
				else {
					result.append(token);
				}
				i = end;
			}
			else if (Character.isDigit(c)) {
				int end = endOfWord(expression, i);
				result.append(expression, i, end);
				i = end;
			}
			else {
				result.append(c);
				i++;
			}
		}
		return result.toString();
	}

	private static int endOfQuoted(String text, int start, char quote) {
		int i = start + 1;
		while (i < text.length()) {
			if (text.charAt(i) == quote) {
				if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return text.length();
	}

	private static int endOfWord(String text, int start) {
		int i = start;
		while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
				|| text.charAt(i) == '$')) {
			i++;
		}
		return i;
	}

	private static boolean isTypeName(String text, int start) {
		int i = start - 1;
		while (i >= 0 && text.charAt(i) == ' ') {
			i--;
		}
		return i >= 1 && text.charAt(i) == ':' && text.charAt(i - 1) == ':';
	}

	private static boolean isFollowedBy(String text, int end, char c) {
		int i = end;
		while (i < text.length() && text.charAt(i) == ' ') {
			i++;
		}
		return i < text.length() && text.charAt(i) == c;
	}

}
