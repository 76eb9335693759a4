package dev.migration.dialect.duckdb;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A log entry's columns as one JSON object, as DuckDB's {@code json_object} would
 * write them and as the log's view unpacks them ({@code entry ->> 'column'}, cast to
 * the column's type): text as a string, whole numbers as numbers, booleans as
 * {@code true} or {@code false}, a timestamp as a string DuckDB casts to
 * {@code TIMESTAMPTZ} (in UTC, to the microsecond, DuckDB's precision).
 */
final class JsonEntry {

	private JsonEntry() {
	}

	/**
	 * The object of the values, in their order.
	 * @param values each column and its value
	 * @return the JSON text
	 * @throws IllegalArgumentException for a value of another type
	 */
	static String of(Map<String, ?> values) {
		StringBuilder json = new StringBuilder(256).append('{');
		for (Map.Entry<String, ?> entry : values.entrySet()) {
			if (json.length() > 1) {
				json.append(',');
			}
			string(json, entry.getKey());
			json.append(':');
			value(json, entry.getKey(), entry.getValue());
		}
		return json.append('}').toString();
	}

	private static void value(StringBuilder json, String column, Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof String text) {
			string(json, text);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof OffsetDateTime timestamp) {
			timestamp(json, timestamp);
		}
		else {
			throw new IllegalArgumentException(
					"Cannot pack column '" + column + "' of a log entry: a " + value.getClass().getName());
		}
	}

	private static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

	/**
	 * {@code 2026-12-07 13:30:05.123456+00}: every field written, as DuckDB writes a
	 * {@code TIMESTAMPTZ}; {@link OffsetDateTime#toString()} leaves zero seconds out.
	 */
	private static void timestamp(StringBuilder json, OffsetDateTime timestamp) {
		OffsetDateTime utc = timestamp.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
		json.append('"');
		padded(json, utc.getYear(), 4).append('-');
		padded(json, utc.getMonthValue(), 2).append('-');
		padded(json, utc.getDayOfMonth(), 2).append(' ');
		padded(json, utc.getHour(), 2).append(':');
		padded(json, utc.getMinute(), 2).append(':');
		padded(json, utc.getSecond(), 2).append('.');
		padded(json, utc.getNano() / 1000, 6).append("+00\"");
	}

	private static StringBuilder padded(StringBuilder json, int value, int digits) {
		String text = Integer.toString(value);
		for (int i = text.length(); i < digits; i++) {
			json.append('0');
		}
		return json.append(text);
	}

}
