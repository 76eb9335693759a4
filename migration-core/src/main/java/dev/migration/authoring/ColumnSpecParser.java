package dev.migration.authoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads columns written as text ({@value TableColumn#SYNTAX}, comma-separated), for
 * {@link TableColumn#parse(String)} and the {@code columns} of {@code create_table}.
 * Parentheses and single quotes group: neither the comma of {@code numeric(10,2)} nor
 * the space of {@code default 'not set'} separates anything.
 */
final class ColumnSpecParser {

	private ColumnSpecParser() {
	}

	static List<TableColumn> columns(String specs) {
		if (specs == null || specs.isBlank()) {
			return List.of();
		}
		List<TableColumn> columns = new ArrayList<>();
		for (String spec : split(specs, true)) {
			if (spec.isBlank()) {
				throw new TemplateException("Invalid columns '" + specs.strip()
						+ "': an empty column (a comma too many); expected " + TableColumn.SYNTAX + ", ...");
			}
			columns.add(column(spec));
		}
		return List.copyOf(columns);
	}

	static TableColumn column(String spec) {
		if (spec == null || spec.isBlank()) {
			throw new TemplateException("Missing column: expected " + TableColumn.SYNTAX);
		}
		if (split(spec, true).size() > 1) {
			throw invalid(spec, "a comma outside parentheses and quotes, which separates columns");
		}
		List<String> words = split(spec, false);
		String name = words.get(0);
		if (words.size() < 2 || isKeyword(words.get(1))) {
			throw invalid(spec, "no type after '" + name + "'");
		}
		String type = words.get(1);
		int next = 2;
		if (next < words.size() && words.get(next).startsWith("(")) {
			// "varchar (100)": the arguments written apart from the type's name.
			type = type + words.get(next++);
		}
		Boolean nullable = null;
		boolean primaryKey = false;
		String defaultValue = null;
		boolean hasDefault = false;
		while (next < words.size()) {
			String word = words.get(next++);
			switch (word.toLowerCase(Locale.ROOT)) {
				case "pk", "primary" -> {
					if (word.equalsIgnoreCase("primary")) {
						expect(spec, words, next++, "key", "'primary' without 'key'");
					}
					if (primaryKey) {
						throw invalid(spec, "the primary key is given twice");
					}
					primaryKey = true;
				}
				case "not", "null" -> {
					boolean notNull = word.equalsIgnoreCase("not");
					if (notNull) {
						expect(spec, words, next++, "null", "'not' without 'null'");
					}
					if (nullable != null) {
						throw invalid(spec, "null or not null is given twice");
					}
					nullable = !notNull;
				}
				case "default" -> {
					if (next >= words.size() || isKeyword(words.get(next))) {
						throw invalid(spec, "no value after 'default'");
					}
					if (hasDefault) {
						throw invalid(spec, "the default is given twice");
					}
					hasDefault = true;
					defaultValue = value(spec, words.get(next++));
				}
				default -> throw invalid(spec, "unexpected '" + word + "'");
			}
		}
		if (primaryKey && Boolean.TRUE.equals(nullable)) {
			throw invalid(spec, "a primary key column cannot be null");
		}
		return new TableColumn(name, type, !primaryKey && !Boolean.FALSE.equals(nullable), defaultValue, primaryKey);
	}

	private static void expect(String spec, List<String> words, int index, String word, String problem) {
		if (index >= words.size() || !words.get(index).equalsIgnoreCase(word)) {
			throw invalid(spec, problem);
		}
	}

	private static boolean isKeyword(String word) {
		return switch (word.toLowerCase(Locale.ROOT)) {
			case "pk", "primary", "not", "null", "default" -> true;
			default -> false;
		};
	}

	/**
	 * A default value as written, its quotes removed: {@code 'it''s'} is {@code it's}.
	 */
	private static String value(String spec, String word) {
		if (!word.startsWith("'")) {
			return word;
		}
		if (word.length() < 2 || !word.endsWith("'")) {
			throw invalid(spec, "text after the quoted value " + word);
		}
		return word.substring(1, word.length() - 1).replace("''", "'");
	}

	/**
	 * Splits at commas (columns) or at white space (words), outside parentheses and
	 * quotes. Words are never empty; columns may be, for the caller to report.
	 */
	private static List<String> split(String text, boolean atCommas) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		int depth = 0;
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				quoted = c != '\'';
			}
			else if (c == '\'') {
				quoted = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				if (--depth < 0) {
					throw invalid(text, "a ')' without its '('");
				}
			}
			else if (depth == 0 && (atCommas ? c == ',' : Character.isWhitespace(c))) {
				add(parts, part, atCommas);
				continue;
			}
			part.append(c);
		}
		if (quoted) {
			throw invalid(text, "a quote without its closing quote");
		}
		if (depth > 0) {
			throw invalid(text, "a '(' without its ')'");
		}
		add(parts, part, atCommas);
		return parts;
	}

	private static void add(List<String> parts, StringBuilder part, boolean keepEmpty) {
		String text = part.toString().strip();
		if (keepEmpty || !text.isEmpty()) {
			parts.add(text);
		}
		part.setLength(0);
	}

	private static TemplateException invalid(String spec, String problem) {
		return new TemplateException("Invalid column '" + spec.strip() + "': " + problem + "; expected "
				+ TableColumn.SYNTAX);
	}

}
