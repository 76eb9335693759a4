package dev.migration.script;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScriptChecksum}.
 */
class ScriptChecksumTests {

	private static final String SCRIPT = "-- msg\n-- revision: a\n\n-- upgrade\nCREATE TABLE t (id int);\n";

	@Test
	void checksumIsLowerCaseHexSha256() {
		// sha256("") is a well-known value: the empty script normalises to itself.
		assertThat(ScriptChecksum.of(""))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(ScriptChecksum.of(SCRIPT)).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void lineEndingsDoNotChangeTheChecksum() {
		String checksum = ScriptChecksum.of(SCRIPT);
		assertThat(ScriptChecksum.of(SCRIPT.replace("\n", "\r\n"))).isEqualTo(checksum);
		assertThat(ScriptChecksum.of(SCRIPT.replace("\n", "\r"))).isEqualTo(checksum);
	}

	@Test
	void byteOrderMarkDoesNotChangeTheChecksum() {
		assertThat(ScriptChecksum.of("\uFEFF" + SCRIPT)).isEqualTo(ScriptChecksum.of(SCRIPT));
	}

	@Test
	void trailingWhitespaceAndTrailingBlankLinesDoNotChangeTheChecksum() {
		String padded = SCRIPT.replace("\n", " \t\n") + "\n   \n\n";
		assertThat(ScriptChecksum.of(padded)).isEqualTo(ScriptChecksum.of(SCRIPT));
		assertThat(ScriptChecksum.of(SCRIPT.stripTrailing())).isEqualTo(ScriptChecksum.of(SCRIPT));
	}

	@Test
	void realEditsChangeTheChecksum() {
		String checksum = ScriptChecksum.of(SCRIPT);
		assertThat(ScriptChecksum.of(SCRIPT.replace("id int", "id bigint"))).isNotEqualTo(checksum);
		assertThat(ScriptChecksum.of(SCRIPT.replace("(id", "( id"))).isNotEqualTo(checksum);
		assertThat(ScriptChecksum.of("\n" + SCRIPT)).isNotEqualTo(checksum);
		assertThat(ScriptChecksum.of(SCRIPT.replace("\n\n", "\n"))).isNotEqualTo(checksum);
	}

	@Test
	void checksumsOfVersionOneAreStable() {
		// Recorded by the first implementation: applied scripts' stored checksums must keep matching.
		assertThat(ScriptChecksum.of("-- Create t\n--\n-- revision: r1\n-- down_revision: none\n\n-- upgrade\n"
				+ "CREATE TABLE t (id INT);\n\n-- downgrade\nDROP TABLE t;\n"))
			.isEqualTo("aaa068aa6dff5160134ca302380413783a526822162b9b78e8355f05079180d3");
		assertThat(ScriptChecksum.of("-- Create t\r\n--\r\n-- revision: r1  \r\n\r\n-- upgrade\t\r\n"
				+ "CREATE TABLE t (id INT);   \r\n\r\n\r\n"))
			.isEqualTo("b4b8ba099c4e40ce4c79d645733cb7457c88ee88b5a4a96ab1efa0e7b695c43a");
		assertThat(ScriptChecksum.of("\uFEFF-- Caf\u00e9 \u2003\n-- revision: r1\n   \n-- upgrade\n"
				+ "SELECT 'na\u00efve';\u2003\n\n"))
			.isEqualTo("18660e7255658ff352580b8df363aa27cf144d2d6695d9ddbb8828e4aaa78cb2");
	}

	@Test
	void normalizeFollowsTheDocumentedRulesForAnyText() {
		// Texts that take the shortcut (only their end to strip) and texts that do not.
		char[] alphabet = { 'a', ';', ' ', '\t', '\n', '\n', '\r', '\u000B', '\u001C', '\u00A0', '\u2003',
				'\u2028', '\uFEFF', '\u00e9' };
		Random random = new Random(42);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(24);
			for (int j = 0; j < length; j++) {
				text.append(alphabet[random.nextInt(alphabet.length)]);
			}
			String content = text.toString();
			assertThat(ScriptChecksum.normalize(content)).as("normalize(%s)", escape(content))
				.isEqualTo(documentedNormalization(content));
		}
	}

	/**
	 * The rules of the class comment, one at a time.
	 */
	private static String documentedNormalization(String content) {
		String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
		text = text.replace("\r\n", "\n").replace('\r', '\n');
		StringBuilder normalized = new StringBuilder();
		for (String line : text.split("\n", -1)) {
			normalized.append(line.stripTrailing()).append('\n');
		}
		return normalized.toString().stripTrailing();
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			escaped.append((c >= 0x20 && c < 0x7F) ? String.valueOf(c) : String.format("\\u%04x", (int) c));
		}
		return escaped.toString();
	}

	@Test
	void versionIsOne() {
		assertThat(ScriptChecksum.VERSION).isEqualTo(1);
	}

}
