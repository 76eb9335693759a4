package dev.migration.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlStatement}.
 */
class SqlStatementTests {

	@Test
	void firstLineIsTheFirstNonBlankLineTrimmed() {
		assertThat(new SqlStatement("\n   \n   SELECT a,  \n b FROM t", 1).firstLine()).isEqualTo("SELECT a,");
	}

	@Test
	void firstLineOfEightyCharactersIsKeptWhole() {
		String eighty = "x".repeat(80);
		assertThat(new SqlStatement(eighty, 1).firstLine()).isEqualTo(eighty);
	}

	@Test
	void firstLineLongerThanEightyCharactersIsCut() {
		assertThat(new SqlStatement("y".repeat(81) + "\nz", 1).firstLine()).isEqualTo("y".repeat(80) + "...");
	}

}
