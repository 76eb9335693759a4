package dev.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the PostgreSQL statements that refuse to run inside a transaction block,
 * so that a transactional script containing one fails when it is parsed rather than
 * half-way through a deployment.
 */
final class NonTransactionalStatements {

	// Enough leading words to see past "CREATE UNIQUE INDEX" or "ALTER DATABASE x SET".
	private static final int WORDS = 8;

	private static final List<String> REINDEX_KINDS = List.of("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM");

	private NonTransactionalStatements() {
	}

	/**
	 * Why the given statement cannot run inside a transaction block.
	 * @param sql the statement, possibly preceded by comments
	 * @return the kind of statement, such as {@code CREATE INDEX CONCURRENTLY}, or
	 * empty if it may run in a transaction
	 */
	static Optional<String> reason(String sql) {
		List<String> words = leadingWords(sql);
		return Optional.ofNullable(reason(words));
	}

	private static String reason(List<String> words) {
		if (words.isEmpty()) {
			return null;
		}
		String first = words.get(0);
		String second = word(words, 1);
		switch (first) {
			case "CREATE":
				int index = "UNIQUE".equals(second) ? 2 : 1;
				if ("INDEX".equals(word(words, index)) && "CONCURRENTLY".equals(word(words, index + 1))) {
					return "CREATE INDEX CONCURRENTLY";
				}
				return ("DATABASE".equals(second) || "TABLESPACE".equals(second)) ? "CREATE " + second : null;
			case "DROP":
				if ("INDEX".equals(second) && "CONCURRENTLY".equals(word(words, 2))) {
					return "DROP INDEX CONCURRENTLY";
				}
				return ("DATABASE".equals(second) || "TABLESPACE".equals(second)) ? "DROP " + second : null;
			case "ALTER":
				if ("SYSTEM".equals(second)) {
					return "ALTER SYSTEM";
				}
				return ("DATABASE".equals(second) && "SET".equals(word(words, 3))
						&& "TABLESPACE".equals(word(words, 4))) ? "ALTER DATABASE SET TABLESPACE" : null;
			case "REINDEX":
				return reindexReason(words);
			case "VACUUM":
				return "VACUUM";
			default:
				return null;
		}
	}

	private static String reindexReason(List<String> words) {
		// Options may come in parentheses before the kind (PostgreSQL 14 accepts
		// CONCURRENTLY there too) or right after it.
		for (int i = 1; i < words.size(); i++) {
			String kind = words.get(i);
			if (REINDEX_KINDS.contains(kind)) {
				if (words.subList(1, Math.min(i + 2, words.size())).contains("CONCURRENTLY")) {
					return "REINDEX CONCURRENTLY";
				}
				// These process many tables, one transaction each.
				return (kind.equals("SCHEMA") || kind.equals("DATABASE") || kind.equals("SYSTEM")) ? "REINDEX " + kind
						: null;
			}
		}
		return null;
	}

	private static String word(List<String> words, int index) {
		return (index < words.size()) ? words.get(index) : null;
	}

	/**
	 * The first words of the statement, upper-cased, skipping whitespace, comments and
	 * punctuation; a quoted identifier or a string counts as one word.
	 */
	private static List<String> leadingWords(String sql) {
		List<String> words = new ArrayList<>();
		int i = 0;
		int length = sql.length();
		while (i < length && words.size() < WORDS) {
			char c = sql.charAt(i);
			if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				i = (end >= 0) ? end + 1 : length;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				i = skipBlockComment(sql, i);
			}
			else if (c == '"' || c == '\'') {
				int end = skipQuoted(sql, i, c);
				words.add(sql.substring(i, end));
				i = end;
			}
			else if (Character.isLetterOrDigit(c) || c == '_') {
				int end = i;
				while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
						|| sql.charAt(end) == '$')) {
					end++;
				}
				words.add(sql.substring(i, end).toUpperCase(Locale.ROOT));
				i = end;
			}
			else if (c == ';') {
				break;
			}
			else {
				i++;
			}
		}
		return words;
	}

	private static int skipBlockComment(String sql, int start) {
		int depth = 0;
		int i = start;
		while (i < sql.length()) {
			if (sql.startsWith("/*", i)) {
				depth++;
				i += 2;
			}
			else if (sql.startsWith("*/", i)) {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return i;
	}

	private static int skipQuoted(String sql, int start, char quote) {
		int i = start + 1;
		while (i < sql.length()) {
			if (sql.charAt(i) == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return i;
	}

}
