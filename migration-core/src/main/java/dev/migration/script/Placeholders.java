package dev.migration.script;

import java.util.Map;
import java.util.Objects;

import dev.migration.ScriptException;

/**
 * The values of the {@code ${name}} placeholders in SQL scripts: the configured ones and
 * the built-ins {@code ${migration:schema}}, {@code ${migration:user}},
 * {@code ${migration:table}} and {@code ${migration:revision}}. They are replaced in the
 * {@code -- upgrade} and {@code -- downgrade} sections before the sections are split into
 * statements; {@code $${name}} keeps the literal text {@code ${name}}. A placeholder
 * that is neither configured nor built in is an error naming the file and line.
 *
 * @param values the configured placeholders by name
 * @param schema the migration schema, for {@code ${migration:schema}}
 * @param user the database user, for {@code ${migration:user}}; {@code null} when not
 * known (offline)
 * @param table the history log table, for {@code ${migration:table}}
 */
public record Placeholders(Map<String, String> values, String schema, String user, String table) {

	/**
	 * No values: a script is split as it is written, {@code ${...}} untouched. For
	 * scripts split only to be inspected, never run.
	 */
	public static final Placeholders NONE = new Placeholders(Map.of(), null, null, null);

	private static final String BUILT_IN = "migration:";

	public Placeholders {
		values = Map.copyOf(values);
	}

	// Written out: a record's generated equals and hashCode are bootstrapped through
	// method handles on first use, tens of milliseconds of a process's first migrate.
	@Override
	public boolean equals(Object other) {
		return other instanceof Placeholders that && this.values.equals(that.values)
				&& Objects.equals(this.schema, that.schema) && Objects.equals(this.user, that.user)
				&& Objects.equals(this.table, that.table);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.values, this.schema, this.user, this.table);
	}

	/**
	 * Replaces the placeholders of a script section.
	 * @param path the script, for errors
	 * @param text the section's text
	 * @param firstLine the line of the script the text starts on, for errors
	 * @param revision the script's revision id, for {@code ${migration:revision}}
	 * @return the text with every placeholder replaced
	 * @throws ScriptException for an unknown or malformed placeholder, naming the line
	 */
	String replace(String path, String text, int firstLine, String revision) {
		if (this == NONE || text.indexOf("${") < 0) {
			return text;
		}
		StringBuilder replaced = new StringBuilder(text.length());
		int line = firstLine;
		int copied = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				line++;
			}
			else if (c == '$' && text.startsWith("$${", i)) {
				// The escape: $${name} is the literal ${name}.
				replaced.append(text, copied, i);
				copied = i + 1;
				i += 2;
			}
			else if (c == '$' && text.startsWith("${", i)) {
				int end = text.indexOf('}', i + 2);
				int lineEnd = text.indexOf('\n', i);
				if (end < 0 || (lineEnd >= 0 && lineEnd < end)) {
					throw new ScriptException(path, line, "unclosed placeholder '"
							+ text.substring(i, (lineEnd >= 0) ? lineEnd : text.length()).strip()
							+ "'; write $${ for a literal ${");
				}
				String name = text.substring(i + 2, end);
				replaced.append(text, copied, i).append(value(path, line, name, revision));
				copied = end + 1;
				i = end;
			}
		}
		return replaced.append(text, copied, text.length()).toString();
	}

	private String value(String path, int line, String name, String revision) {
		if (name.startsWith(BUILT_IN)) {
			String value = switch (name.substring(BUILT_IN.length())) {
				case "schema" -> this.schema;
				case "table" -> this.table;
				case "revision" -> revision;
				case "user" -> {
					if (this.user == null || this.user.isEmpty()) {
						throw new ScriptException(path, line, "placeholder '${migration:user}' has no value: the "
								+ "database user is known only when connected, and only on a database with users");
					}
					yield this.user;
				}
				default -> throw new ScriptException(path, line, "unknown placeholder '${" + name
						+ "}'; the built-ins are ${migration:schema}, ${migration:user}, ${migration:table} and "
						+ "${migration:revision}");
			};
			return Objects.requireNonNull(value, name);
		}
		String value = this.values.get(name);
		if (value == null) {
			throw new ScriptException(path, line, "unknown placeholder '${" + name + "}'; "
					+ (this.values.isEmpty() ? "no placeholders are configured"
							: "configured: " + String.join(", ", new java.util.TreeSet<>(this.values.keySet())))
					+ " (set migration.placeholders." + name + ", write $${" + name
					+ "} for the literal text, or declare '-- placeholders: false' in the header)");
		}
		return value;
	}

	/**
	 * Checks a placeholder's name and value as configured: a name of letters, digits,
	 * {@code _}, {@code .} and {@code -}, not starting with {@code migration:}, and a
	 * value on one line (so the lines of every statement after it keep their numbers).
	 * @param name the name
	 * @param value the value
	 * @throws IllegalArgumentException naming the placeholder at fault
	 */
	public static void check(String name, String value) {
		if (name == null || !name.matches("[A-Za-z0-9_.\\-]+")) {
			throw new IllegalArgumentException("Invalid placeholder name '" + name
					+ "': use letters, digits, '_', '.' and '-'");
		}
		if (value == null) {
			throw new IllegalArgumentException("Placeholder '" + name + "' has no value");
		}
		if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
			throw new IllegalArgumentException("The value of placeholder '" + name
					+ "' spans several lines: placeholder values are single lines");
		}
	}

}
