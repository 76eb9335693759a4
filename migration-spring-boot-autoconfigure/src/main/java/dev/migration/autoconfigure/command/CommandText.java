package dev.migration.autoconfigure.command;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.migration.DurationFormat;
import dev.migration.autoconfigure.Credentials;

/**
 * How the commands write revisions, counts, times and durations, so that every command
 * says them alike.
 */
final class CommandText {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private CommandText() {
	}

	/**
	 * Revision ids joined by commas, or {@code base} when there are none.
	 */
	static String revisions(List<String> revisions) {
		return revisions.isEmpty() ? "base" : String.join(", ", revisions);
	}

	/**
	 * {@code 1 migration}, {@code 3 migrations}.
	 */
	static String count(int migrations) {
		return migrations + ((migrations == 1) ? " migration" : " migrations");
	}

	/**
	 * A duration as every report writes it ({@link DurationFormat}), or nothing.
	 */
	static String duration(Duration duration) {
		return (duration != null) ? DurationFormat.format(duration) : "";
	}

	/**
	 * The first line of a stored error, credentials masked: history rows may quote a
	 * JDBC URL.
	 */
	static String firstLine(String text) {
		if (text == null) {
			return "";
		}
		int newline = text.indexOf('\n');
		return Credentials.mask((newline != -1) ? text.substring(0, newline) : text);
	}

}
