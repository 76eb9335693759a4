package dev.migration.operation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.MigrationException;

/**
 * A portable type name with its arguments, parsed: {@code varchar(20)} is
 * {@code varchar} with {@code [20]}. Each dialect's renderer maps it to its own
 * spelling.
 * @param name the type's name, lower case
 * @param arguments its arguments, such as a length or a precision and scale
 * @param given the name as written, for messages
 */
public record PortableType(String name, List<Integer> arguments, String given) {

	static final String KNOWN = "integer, bigint, smallint, varchar(n), char(n), text, boolean, numeric(p,s), date, "
			+ "time, timestamp, timestamptz, uuid, json, jsonb, double, real, bytea";

	private static final Pattern SYNTAX = Pattern.compile("([a-z][a-z0-9]*)\\s*(?:\\(\\s*(\\d{1,4})\\s*(?:,\\s*(\\d{1,4})\\s*)?\\))?");

	/**
	 * Parses a portable type name.
	 * @param given the name as written, such as {@code varchar(20)}
	 * @return the parsed type
	 * @throws MigrationException for a name that is not a portable type, naming it
	 */
	public static PortableType parse(String given) {
		if (given == null || given.isBlank()) {
			throw new MigrationException("Missing column type: expected one of " + KNOWN);
		}
		Matcher matcher = SYNTAX.matcher(given.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw unknown(given);
		}
		List<Integer> arguments = new java.util.ArrayList<>();
		for (int group = 2; group <= 3; group++) {
			if (matcher.group(group) != null) {
				arguments.add(Integer.valueOf(matcher.group(group)));
			}
		}
		return new PortableType(matcher.group(1), List.copyOf(arguments), given);
	}

	/**
	 * The failure for a type name no dialect knows.
	 * @param given the name as written
	 * @return the exception, naming the type and the known ones
	 */
	public static MigrationException unknown(String given) {
		return new MigrationException("Unknown column type '" + given + "': expected one of " + KNOWN);
	}

	/**
	 * Checks the number of arguments is within bounds.
	 * @param min the fewest arguments the type takes
	 * @param max the most arguments the type takes
	 * @return this type
	 */
	public PortableType arguments(int min, int max) {
		if (this.arguments.size() < min || this.arguments.size() > max) {
			throw unknown(this.given);
		}
		return this;
	}

	/**
	 * The given spelling for a type that takes no arguments.
	 * @param spelling the dialect's spelling
	 * @return the spelling
	 */
	public String plain(String spelling) {
		arguments(0, 0);
		return spelling;
	}

	/**
	 * The arguments in parentheses, or nothing for none.
	 * @return {@code (p,s)} or an empty string
	 */
	public String argumentList() {
		return this.arguments.isEmpty() ? ""
				: "(" + String.join(",", this.arguments.stream().map(String::valueOf).toList()) + ")";
	}

}
