package dev.migration.script;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.ScriptException;
import dev.migration.revision.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationScript}'s statements of one direction: split alone, and as
 * often as {@link MigrationScript#sql(Placeholders)} splits the whole script.
 */
class MigrationScriptTests {

	private static final String PATH = "db/revisions/r1_tables.sql";

	private static final Placeholders ACME = placeholders("acme_");

	private static final String PLAIN = """
			-- Tables
			-- revision: r1
			-- upgrade
			CREATE TABLE invoices (id INTEGER);
			-- downgrade
			DROP TABLE invoices;
			""";

	private static final String WITH_PLACEHOLDERS = PLAIN.replace("invoices", "${prefix}invoices");

	@Test
	void theDowngradeOfAScriptWithoutPlaceholdersIsSplitOnceForAllValues() {
		MigrationScript script = MigrationScript.load(PATH, PLAIN);
		List<SqlStatement> downgrade = script.statements(Direction.DOWNGRADE, ACME);
		assertThat(downgrade).containsExactly(new SqlStatement("DROP TABLE invoices", 6));
		assertThat(script.statements(Direction.DOWNGRADE, placeholders("other_"))).isSameAs(downgrade);
		assertThat(script.statements(Direction.DOWNGRADE, Placeholders.NONE)).isSameAs(downgrade);
	}

	@Test
	void theDowngradeOfAScriptNamingPlaceholdersIsSplitOncePerValues() {
		MigrationScript script = MigrationScript.load(PATH, WITH_PLACEHOLDERS);
		List<SqlStatement> acme = script.statements(Direction.DOWNGRADE, ACME);
		assertThat(acme).containsExactly(new SqlStatement("DROP TABLE acme_invoices", 6));
		assertThat(script.statements(Direction.DOWNGRADE, placeholders("acme_"))).isSameAs(acme);
		assertThat(script.statements(Direction.DOWNGRADE, placeholders("other_")))
			.containsExactly(new SqlStatement("DROP TABLE other_invoices", 6));
	}

	@Test
	void eachDirectionIsSplitAndKeptOnItsOwn() {
		MigrationScript script = MigrationScript.load(PATH, WITH_PLACEHOLDERS);
		List<SqlStatement> downgrade = script.statements(Direction.DOWNGRADE, ACME);
		List<SqlStatement> upgrade = script.statements(Direction.UPGRADE, ACME);
		assertThat(upgrade).containsExactly(new SqlStatement("CREATE TABLE acme_invoices (id INTEGER)", 4));
		assertThat(script.statements(Direction.DOWNGRADE, ACME)).isSameAs(downgrade);
		assertThat(script.statements(Direction.UPGRADE, ACME)).isSameAs(upgrade);
	}

	@Test
	void aWholeScriptSplitForTheSameValuesIsReused() {
		MigrationScript script = MigrationScript.load(PATH, WITH_PLACEHOLDERS);
		SqlScript whole = script.sql(ACME);
		assertThat(script.statements(Direction.DOWNGRADE, ACME)).isSameAs(whole.downgrade());
		assertThat(script.statements(Direction.UPGRADE, ACME)).isSameAs(whole.upgrade());
		assertThat(script.statements(Direction.DOWNGRADE, placeholders("other_")))
			.containsExactly(new SqlStatement("DROP TABLE other_invoices", 6));
	}

	@Test
	void aScriptGivenParsedReturnsItsOwnStatements() {
		SqlScript parsed = SqlScriptParser.parse(PATH, WITH_PLACEHOLDERS, ACME);
		MigrationScript script = MigrationScript.of(parsed);
		assertThat(script.statements(Direction.DOWNGRADE, placeholders("other_"))).isSameAs(parsed.downgrade());
		assertThat(script.statements(Direction.UPGRADE, Placeholders.NONE)).isSameAs(parsed.upgrade());
	}

	@Test
	void aScriptWithoutDowngradeAndAJavaMigrationHaveNoStatements() {
		MigrationScript upgradeOnly = MigrationScript.load(PATH, "-- m\n-- revision: r1\n-- upgrade\nSELECT 1;\n");
		assertThat(upgradeOnly.statements(Direction.DOWNGRADE, ACME)).isNull();
		MigrationScript java = MigrationScript.of(new CreateInvoices());
		assertThat(java.statements(Direction.DOWNGRADE, ACME)).isNull();
		assertThat(java.statements(Direction.UPGRADE, ACME)).isNull();
	}

	@Test
	void theDowngradeIsSplitWithoutTheUpgradeWhichAWholeSplitStillRefuses() {
		MigrationScript script = MigrationScript
			.load(PATH, "-- m\n-- revision: r1\n-- upgrade\nDO $fn$ BEGIN END;\n-- downgrade\nSELECT 2;\n");
		assertThat(script.statements(Direction.DOWNGRADE, ACME)).containsExactly(new SqlStatement("SELECT 2", 6));
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> script.sql(ACME))
			.withMessage(PATH + ":4: unterminated dollar-quoted string $fn$ starting here");
	}

	@Test
	void aMalformedDowngradeIsRefusedEveryTimeNamingTheFileAndLine() {
		MigrationScript script = MigrationScript
			.load(PATH, "-- m\n-- revision: r1\n-- upgrade\nSELECT 1;\n-- downgrade\nDO $fn$ BEGIN END;\n");
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ScriptException.class)
				.isThrownBy(() -> script.statements(Direction.DOWNGRADE, ACME))
				.withMessage(PATH + ":6: unterminated dollar-quoted string $fn$ starting here");
		}
	}

	private static Placeholders placeholders(String prefix) {
		return new Placeholders(Map.of("prefix", prefix), "public", "deployer", "migration_history");
	}

	static final class CreateInvoices implements JavaMigration {

		@Override
		public String revision() {
			return "j1";
		}

		@Override
		public String message() {
			return "Create invoices";
		}

		@Override
		public List<String> downRevisions() {
			return List.of();
		}

		@Override
		public void upgrade(MigrationContext context) {
		}

		@Override
		public void downgrade(MigrationContext context) {
		}

	}

}
