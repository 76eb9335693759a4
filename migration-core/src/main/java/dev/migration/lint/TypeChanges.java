package dev.migration.lint;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which column type changes PostgreSQL makes without rewriting the table: those where
 * the stored bytes stay valid, so only the catalog changes (and, for a shorter limit,
 * nothing at all is allowed without a check).
 */
final class TypeChanges {

	/**
	 * A type name with an optional {@code (n)} or {@code (p,s)} modifier.
	 */
	private static final Pattern TYPE = Pattern
		.compile("([a-z_ ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?(\\[\\])?");

	private TypeChanges() {
	}

	/**
	 * Whether changing a column of type {@code from} (as {@code format_type} writes it)
	 * to {@code to} (as the script writes it) leaves the table as it is: the same type,
	 * a longer or unlimited {@code varchar}, {@code varchar} to {@code text}, a larger
	 * {@code numeric} precision with the same scale, or unconstrained {@code numeric}.
	 * @param from the current type
	 * @param to the new type
	 * @return {@code true} when no rewrite happens
	 */
	static boolean binaryCompatible(String from, String to) {
		Parsed current = parse(from);
		Parsed next = parse(to);
		if (current == null || next == null || current.array() != next.array()) {
			return false;
		}
		if (current.name().equals(next.name())) {
			if (current.name().equals("numeric")) {
				return next.first() == null || (current.first() != null && next.first() >= current.first()
						&& Objects.equals(scale(current), scale(next)));
			}
			return next.first() == null || (current.first() != null && next.first() >= current.first());
		}
		boolean textual = current.name().equals("character varying") || current.name().equals("text");
		return textual
				&& (next.name().equals("text") || (next.name().equals("character varying") && next.first() == null));
	}

	private static Integer scale(Parsed type) {
		return (type.second() != null) ? type.second() : Integer.valueOf(0);
	}

	private static @Nullable Parsed parse(String type) {
		Matcher matcher = TYPE.matcher(type.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			return null;
		}
		String name = canonical(matcher.group(1).strip());
		Integer first = (matcher.group(2) != null) ? Integer.valueOf(matcher.group(2)) : null;
		Integer second = (matcher.group(3) != null) ? Integer.valueOf(matcher.group(3)) : null;
		return new Parsed(name, first, second, matcher.group(4) != null);
	}

	private static String canonical(String name) {
		return switch (name) {
			case "varchar" -> "character varying";
			case "decimal" -> "numeric";
			case "int", "int4" -> "integer";
			case "int8" -> "bigint";
			case "int2" -> "smallint";
			case "bool" -> "boolean";
			case "float8" -> "double precision";
			case "float4" -> "real";
			case "timestamp" -> "timestamp without time zone";
			case "timestamptz" -> "timestamp with time zone";
			case "varbit" -> "bit varying";
			default -> name;
		};
	}

	private record Parsed(String name, @Nullable Integer first, @Nullable Integer second, boolean array) {
	}

}
