package dev.migration.script;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.migration.ScriptException;
import dev.migration.revision.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for splitting one section of a script alone, as a rollback does: the same
 * statements, lines and errors as a whole parse gives for that section, the other
 * section left unsplit.
 */
class SqlScriptParserSectionTests {

	private static final String PATH = "db/revisions/r1_tables.sql";

	private static final Placeholders VALUES = new Placeholders(Map.of("prefix", "acme_"), "billing", "deployer",
			"migration_history");

	private static final String SCRIPT = """
			-- Tables for ${prefix}
			--
			-- revision: r1
			-- down_revision: none

			-- upgrade
			CREATE TABLE ${prefix}invoices (id INTEGER);
			CREATE INDEX ix_invoices ON ${prefix}invoices (id);

			-- downgrade
			DROP INDEX ix_invoices;

			DROP TABLE ${migration:schema}.${prefix}invoices;
			""";

	@Test
	void eachSectionIsTheWholeParsesWithItsFileLinesAndPlaceholdersReplaced() {
		SqlScript whole = SqlScriptParser.parse(PATH, SCRIPT, VALUES);
		assertThat(SqlScriptParser.section(PATH, SCRIPT, Direction.UPGRADE, VALUES)).isEqualTo(whole.upgrade())
			.extracting(SqlStatement::line)
			.containsExactly(7, 8);
		assertThat(SqlScriptParser.section(PATH, SCRIPT, Direction.DOWNGRADE, VALUES)).isEqualTo(whole.downgrade())
			.containsExactly(new SqlStatement("DROP INDEX ix_invoices", 11),
					new SqlStatement("DROP TABLE billing.acme_invoices", 13));
	}

	@Test
	void aByteOrderMarkAndWindowsLineEndingsKeepTheLines() {
		String windows = "\uFEFF" + SCRIPT.replace("\n", "\r\n");
		assertThat(SqlScriptParser.section(PATH, windows, Direction.DOWNGRADE, VALUES))
			.isEqualTo(SqlScriptParser.parse(PATH, windows, VALUES).downgrade());
	}

	@Test
	void aScriptThatOptsOutOfPlaceholdersKeepsItsText() {
		String script = SCRIPT.replace("-- down_revision: none", "-- down_revision: none\n-- placeholders: false");
		assertThat(SqlScriptParser.section(PATH, script, Direction.DOWNGRADE, VALUES))
			.containsExactly(new SqlStatement("DROP INDEX ix_invoices", 12),
					new SqlStatement("DROP TABLE ${migration:schema}.${prefix}invoices", 14));
	}

	@Test
	void aScriptWithoutDowngradeHasNoDowngradeStatements() {
		String script = "-- m\n-- revision: r1\n-- upgrade\nSELECT 1;\n";
		assertThat(SqlScriptParser.section(PATH, script, Direction.DOWNGRADE, VALUES)).isNull();
		assertThat(SqlScriptParser.section(PATH, script, Direction.UPGRADE, VALUES))
			.containsExactly(new SqlStatement("SELECT 1", 4));
	}

	@Test
	void theDowngradeAloneIsSplitWhenTheUpgradeIsMalformed() {
		String script = "-- m\n-- revision: r1\n-- upgrade\nDO $fn$ BEGIN END;\nSELECT '${nobody}';\n-- downgrade\n"
				+ "SELECT 2;\n";
		assertThat(SqlScriptParser.section(PATH, script, Direction.DOWNGRADE, VALUES))
			.containsExactly(new SqlStatement("SELECT 2", 7));
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH, script, Direction.UPGRADE, VALUES))
			.withMessageStartingWith(PATH + ":5: unknown placeholder '${nobody}'");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH, script, Direction.UPGRADE, Placeholders.NONE))
			.withMessage(PATH + ":4: unterminated dollar-quoted string $fn$ starting here");
	}

	@Test
	void aMalformedDowngradeNamesTheFileAndLine() {
		String script = "-- m\n-- revision: r1\n-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 2;\nDO $fn$ BEGIN END;\n";
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH, script, Direction.DOWNGRADE, VALUES))
			.withMessage(PATH + ":7: unterminated dollar-quoted string $fn$ starting here")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(7));
	}

	@Test
	void anUnknownPlaceholderInTheDowngradeNamesTheFileAndLine() {
		String script = SCRIPT.replace("DROP INDEX ix_invoices", "DROP INDEX ${index}");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH, script, Direction.DOWNGRADE, VALUES))
			.withMessageStartingWith(PATH + ":11: unknown placeholder '${index}'; configured: prefix");
	}

	@Test
	void aNonTransactionalStatementInTheDowngradeOfATransactionalScriptIsReported() {
		String script = "-- m\n-- revision: r1\n-- upgrade\nDROP INDEX i;\n-- downgrade\n\nVACUUM t;";
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH, script, Direction.DOWNGRADE, VALUES))
			.withMessage(PATH + ":7: VACUUM cannot run inside a transaction; put the statement in its own"
					+ " migration and declare '-- transactional: false' in its header");
		assertThat(SqlScriptParser.section(PATH, script.replace("-- upgrade", "-- transactional: false\n-- upgrade"),
				Direction.DOWNGRADE, VALUES))
			.containsExactly(new SqlStatement("VACUUM t", 8));
	}

	@Test
	void theHeaderAndTheLayoutAreCheckedAsByAWholeParse() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH, "-- m\n-- revision: a\n-- transactional: yes\n-- upgrade\n",
					Direction.DOWNGRADE, VALUES))
			.withMessage(PATH + ":3: invalid value 'yes' for 'transactional': expected true or false");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH, "-- m\n-- revision: a\n-- downgrade\nSELECT 1;\n",
					Direction.DOWNGRADE, VALUES))
			.withMessage(PATH + ": missing '-- upgrade' section");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.section(PATH,
					"-- m\n-- revision: a\n\nDROP TABLE t;\n-- upgrade\nSELECT 1;\n-- downgrade\nSELECT 2;\n",
					Direction.DOWNGRADE, VALUES))
			.withMessage(PATH + ":4: statement outside a section: 'DROP TABLE t'; "
					+ "put it under '-- upgrade' or '-- downgrade'");
	}

}
