package dev.migration.script;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migration.revision.Revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SqlScript}.
 */
class SqlScriptTests {

	private static final Revision REVISION = new Revision("a", "m", List.of(), List.of(), "a.sql");

	@Test
	void statementListsAreCopied() {
		List<SqlStatement> upgrade = new ArrayList<>(List.of(new SqlStatement("SELECT 1", 1)));
		List<SqlStatement> downgrade = new ArrayList<>();
		SqlScript script = new SqlScript("a.sql", REVISION, true, upgrade, downgrade, "", "c");
		upgrade.clear();
		downgrade.add(new SqlStatement("SELECT 2", 2));
		assertThat(script.upgrade()).hasSize(1);
		assertThat(script.downgrade()).isEmpty();
	}

	@Test
	void missingDowngradeMeansIrreversible() {
		SqlScript script = new SqlScript("a.sql", REVISION, true, List.of(), null, null, "c");
		assertThat(script.reversible()).isFalse();
		assertThat(script.downgrade()).isNull();
	}

	@Test
	void downgradeStatementsAndTextGoTogether() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SqlScript("a.sql", REVISION, true, List.of(), List.of(), null, "c"))
			.withMessage("downgrade and downgradeSql must both be null or both be present");
	}

}
