package dev.migration.script;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.migration.MigrationConfiguration;
import dev.migration.ScriptException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Placeholders} and their replacement by {@link SqlScriptParser}.
 */
class PlaceholdersTests {

	private static final Placeholders VALUES = new Placeholders(Map.of("owner", "app_owner", "prefix", "acme_"),
			"billing", "deployer", "migration_history");

	private static final String SCRIPT = """
			-- Tables for ${prefix}
			-- revision: r1
			-- down_revision: none

			-- upgrade
			CREATE TABLE ${prefix}invoices (id INTEGER, note VARCHAR(100) DEFAULT '$${prefix} stays');
			GRANT SELECT ON ${migration:schema}.${prefix}invoices TO ${owner};
			INSERT INTO audit VALUES ('${migration:revision}', '${migration:user}', '${migration:table}');

			-- downgrade
			DROP TABLE ${prefix}invoices;
			""";

	@Test
	void sectionsAreReplacedBeforeSplittingAndTheChecksumIsTheFilesAsWritten() {
		SqlScript script = SqlScriptParser.parse("r1.sql", SCRIPT, VALUES);
		assertThat(script.upgrade()).extracting(SqlStatement::sql).containsExactly(
				"CREATE TABLE acme_invoices (id INTEGER, note VARCHAR(100) DEFAULT '${prefix} stays')",
				"GRANT SELECT ON billing.acme_invoices TO app_owner",
				"INSERT INTO audit VALUES ('r1', 'deployer', 'migration_history')");
		assertThat(script.upgrade()).extracting(SqlStatement::line).containsExactly(6, 7, 8);
		assertThat(script.downgradeSql()).isEqualTo("DROP TABLE acme_invoices;");
		// The header's message is not a section: it is kept as written.
		assertThat(script.revision().message()).isEqualTo("Tables for ${prefix}");
		String otherValues = SqlScriptParser
			.parse("r1.sql", SCRIPT, new Placeholders(Map.of("owner", "x", "prefix", "y"), "s", "u", "t"))
			.checksum();
		assertThat(script.checksum()).isEqualTo(ScriptChecksum.of(SCRIPT)).isEqualTo(otherValues);
	}

	@Test
	void anUnknownPlaceholderNamesTheFileTheLineAndThePlaceholder() {
		String script = SCRIPT.replace("TO ${owner}", "TO ${ownr}");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.parse("db/r1.sql", script, VALUES))
			.withMessageStartingWith("db/r1.sql:7: unknown placeholder '${ownr}'; configured: owner, prefix (set "
					+ "migration.placeholders.ownr, write $${ownr} for the literal text, or declare "
					+ "'-- placeholders: false' in the header)");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.parse("db/r1.sql", SCRIPT.replace("${migration:table}",
					"${migration:tabel}"), VALUES))
			.withMessageStartingWith("db/r1.sql:8: unknown placeholder '${migration:tabel}'; the built-ins are");
	}

	@Test
	void anUnclosedPlaceholderIsAnErrorOnItsLine() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.parse("r1.sql", SCRIPT.replace("TO ${owner}", "TO ${owner"), VALUES))
			.withMessage("r1.sql:7: unclosed placeholder '${owner;'; write $${ for a literal ${");
	}

	@Test
	void theDatabaseUserIsAnErrorWhenItIsNotKnown() {
		Placeholders offline = new Placeholders(VALUES.values(), "billing", null, "migration_history");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.parse("r1.sql", SCRIPT, offline))
			.withMessageStartingWith("r1.sql:8: placeholder '${migration:user}' has no value");
	}

	@Test
	void aScriptCanOptOut() {
		String script = SCRIPT.replace("-- down_revision: none", "-- down_revision: none\n-- placeholders: false");
		SqlScript parsed = SqlScriptParser.parse("r1.sql", script, VALUES);
		assertThat(parsed.upgrade().get(1).sql()).isEqualTo("GRANT SELECT ON ${migration:schema}.${prefix}invoices "
				+ "TO ${owner}");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser.parse("r1.sql", script.replace("placeholders: false",
					"placeholders: sometimes"), VALUES))
			.withMessage("r1.sql:4: invalid value 'sometimes' for 'placeholders': expected true or false");
	}

	@Test
	void dollarQuotedBodiesAreReplacedAndStillSplitAsOneStatement() {
		String script = """
				-- Greeting
				-- revision: r2
				-- down_revision: none
				-- upgrade
				CREATE FUNCTION ${migration:schema}.greet(name text) RETURNS text AS $body$
				BEGIN
				  RETURN '${greeting}, ' || name || '; $${literal}';
				END;
				$body$ LANGUAGE plpgsql;
				SELECT 1;
				""";
		SqlScript parsed = SqlScriptParser.parse("r2.sql", script,
				new Placeholders(Map.of("greeting", "Hello"), "app", "u", "t"));
		assertThat(parsed.upgrade()).extracting(SqlStatement::sql).containsExactly("""
				CREATE FUNCTION app.greet(name text) RETURNS text AS $body$
				BEGIN
				  RETURN 'Hello, ' || name || '; ${literal}';
				END;
				$body$ LANGUAGE plpgsql""", "SELECT 1");
	}

	@Test
	void withoutValuesAScriptIsSplitAsWritten() {
		assertThat(SqlScriptParser.parse("r1.sql", SCRIPT).upgrade().get(1).sql())
			.isEqualTo("GRANT SELECT ON ${migration:schema}.${prefix}invoices TO ${owner}");
	}

	@Test
	void configuredNamesAndValuesAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationConfiguration.builder().placeholders(Map.of("x}; DROP TABLE t; --", "1")).build())
			.withMessage("Invalid placeholder name 'x}; DROP TABLE t; --': use letters, digits, '_', '.' and '-'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationConfiguration.builder().placeholders(Map.of("migration:schema", "x")).build())
			.withMessageStartingWith("Invalid placeholder name 'migration:schema'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationConfiguration.builder().placeholders(Map.of("grants", "a\nb")).build())
			.withMessage("The value of placeholder 'grants' spans several lines: placeholder values are single lines");
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.placeholders(Map.of("b", "2", "a", "secret"))
			.build();
		assertThat(configuration.placeholders()).containsExactly(Map.entry("a", "secret"), Map.entry("b", "2"));
		assertThat(configuration.toString()).contains("placeholders=[a, b]").doesNotContain("secret");
		assertThat(configuration.toBuilder().build()).isEqualTo(configuration);
	}

}
