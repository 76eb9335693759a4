package dev.migration.script;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The checksum of a revision script, recorded when the script is applied and compared
 * later to detect edits to applied scripts.
 * <p>
 * The text is normalised first so that only real edits change the checksum: a leading
 * UTF-8 byte order mark is dropped, {@code CRLF} and {@code CR} line endings become
 * {@code LF}, trailing whitespace is stripped from every line and trailing blank lines
 * are dropped. The result is the lower-case hex SHA-256 of the normalised text in
 * UTF-8.
 */
public final class ScriptChecksum {

	/**
	 * The version of the checksum algorithm. It is stored with every applied revision,
	 * so that a future algorithm can be introduced without invalidating history: rows
	 * written with an older version are verified with that version's algorithm.
	 */
	public static final int VERSION = 1;

	private ScriptChecksum() {
	}

	/**
	 * Compute the checksum of the given script content.
	 * @param content the script content, as read from the file
	 * @return the lower-case hex SHA-256 of the normalised content
	 */
	public static String of(String content) {
		Objects.requireNonNull(content, "content");
		return HexFormat.of().formatHex(Sha256.digest(normalize(content).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The text every line ending, trailing whitespace and trailing blank line aside, in
	 * one pass: it runs for every script at every start.
	 */
	static String normalize(String content) {
		if (isNormalExceptAtTheEnd(content)) {
			return content.stripTrailing();
		}
		int start = content.startsWith("\uFEFF") ? 1 : 0;
		int length = content.length();
		StringBuilder normalized = new StringBuilder(length);
		int pendingNewlines = 0;
		int whitespaceStart = -1;
		for (int i = start; i < length; i++) {
			char c = content.charAt(i);
			if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < length && content.charAt(i + 1) == '\n') {
					i++;
				}
				whitespaceStart = -1;
				pendingNewlines++;
			}
			else if (Character.isWhitespace(c)) {
				if (whitespaceStart < 0) {
					whitespaceStart = i;
				}
			}
			else {
				for (; pendingNewlines > 0; pendingNewlines--) {
					normalized.append('\n');
				}
				if (whitespaceStart >= 0) {
					normalized.append(content, whitespaceStart, i);
					whitespaceStart = -1;
				}
				normalized.append(c);
			}
		}
		return normalized.toString();
	}

	/**
	 * Whether normalising would only strip the end of the text: no byte order mark, no
	 * carriage return, and no line ending in whitespace other than line feeds (a blank
	 * line is kept). Most scripts are like that, and this checks them a line, not a
	 * character, at a time, with the string methods every start has compiled already.
	 */
	private static boolean isNormalExceptAtTheEnd(String content) {
		if (content.startsWith("\uFEFF") || content.indexOf('\r') >= 0) {
			return false;
		}
		for (int newline = content.indexOf('\n'); newline >= 0; newline = content.indexOf('\n', newline + 1)) {
			char last = (newline > 0) ? content.charAt(newline - 1) : '\n';
			if (last != '\n' && Character.isWhitespace(last)) {
				return false;
			}
		}
		return true;
	}

}
