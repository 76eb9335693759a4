package dev.migration.operation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.MigrationException;

/**
 * A portable type name with its arguments, parsed: {@code varchar(20)} is
 * {@code varchar} with {@code [20]}.
 */
record PortableType(String name, List<Integer> arguments, String given) {

	static final String KNOWN = "integer, bigint, smallint, varchar(n), char(n), text, boolean, numeric(p,s), date, "
			+ "time, timestamp, timestamptz, uuid, json, jsonb, double, real, bytea";

	private static final Pattern SYNTAX = Pattern.compile("([a-z][a-z0-9]*)\\s*(?:\\(\\s*(\\d{1,4})\\s*(?:,\\s*(\\d{1,4})\\s*)?\\))?");

	static PortableType parse(String given) {
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

	static MigrationException unknown(String given) {
		return new MigrationException("Unknown column type '" + given + "': expected one of " + KNOWN);
	}

	/**
	 * Checks the number of arguments is within bounds.
	 */
	PortableType arguments(int min, int max) {
		if (this.arguments.size() < min || this.arguments.size() > max) {
			throw unknown(this.given);
		}
		return this;
	}

	/**
	 * The given spelling for a type that takes no arguments.
	 */
	String plain(String spelling) {
		arguments(0, 0);
		return spelling;
	}

	String argumentList() {
		return this.arguments.isEmpty() ? ""
				: "(" + String.join(",", this.arguments.stream().map(String::valueOf).toList()) + ")";
	}

}
