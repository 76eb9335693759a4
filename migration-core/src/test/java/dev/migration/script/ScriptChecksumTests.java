package dev.migration.script;

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
	void versionIsOne() {
		assertThat(ScriptChecksum.VERSION).isEqualTo(1);
	}

}
