package dev.migration.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
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

	// Never updated: only cloned, which concurrent loads may do at once.
	private static final MessageDigest PROTOTYPE = sha256();

	private ScriptChecksum() {
	}

	/**
	 * Compute the checksum of the given script content.
	 * @param content the script content, as read from the file
	 * @return the lower-case hex SHA-256 of the normalised content
	 */
	public static String of(String content) {
		Objects.requireNonNull(content, "content");
		return HexFormat.of().formatHex(newDigest().digest(normalize(content).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A digest cloned from one looked up once: {@link MessageDigest#getInstance} per
	 * script searches the providers and builds the digest reflectively each time, which
	 * after a few calls has the JVM generate and load an accessor class, and leaves
	 * garbage per script.
	 */
	private static MessageDigest newDigest() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			return sha256();
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The text without a byte order mark, with {@code LF} line endings, every line
	 * stripped of trailing whitespace and no trailing blank lines.
	 */
	static String normalize(String content) {
		String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
		StringBuilder normalized = new StringBuilder(text.length());
		// String.lines() ends a line at LF, CR or CRLF.
		for (Iterator<String> lines = text.lines().iterator(); lines.hasNext();) {
			normalized.append(lines.next().stripTrailing()).append('\n');
		}
		return normalized.toString().stripTrailing();
	}

}
