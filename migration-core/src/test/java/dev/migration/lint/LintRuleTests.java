package dev.migration.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.migration.dialect.Dialect;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link LintRule} catalogue.
 */
class LintRuleTests {

	@Test
	void everyRuleHasAUniqueIdAReasonAndARewrite() {
		Set<String> ids = new HashSet<>();
		for (LintRule rule : LintRule.values()) {
			assertThat(ids.add(rule.id())).as(rule.id()).isTrue();
			assertThat(rule.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
			assertThat(rule.title()).isNotBlank();
			assertThat(rule.reason(Dialect.postgresql())).isNotBlank();
			assertThat(rule.rewrite(Dialect.postgresql())).isNotBlank();
			assertThat(LintRule.byId(rule.id().toUpperCase())).contains(rule);
		}
		assertThat(LintRule.byId("no-such-rule")).isEmpty();
		assertThat(LintRule.ids()).hasSize(LintRule.values().length).startsWith("index-without-concurrently");
	}

	@Test
	void onDuckDbOnlyTheIndexBuildAndRollingDeployRulesApply() {
		List<String> duckDb = java.util.Arrays.stream(LintRule.values())
			.filter((rule) -> rule.appliesTo(Dialect.duckdb(), 0))
			.map(LintRule::id)
			.toList();
		assertThat(duckDb).containsExactly("index-without-concurrently", "rename-table", "rename-column",
				"drop-column", "drop-table");
		assertThat(LintRule.INDEX_WITHOUT_CONCURRENTLY.rewrite(Dialect.duckdb()))
			.startsWith("DuckDB has no CREATE INDEX CONCURRENTLY");
		assertThat(LintRule.INDEX_WITHOUT_CONCURRENTLY.rewrite(Dialect.postgresql()))
			.startsWith("CREATE INDEX CONCURRENTLY");
	}

	@Test
	void versionBoundRulesApplyOnlyToTheirServers() {
		LintRule before11 = LintRule.ADD_COLUMN_DEFAULT_BEFORE_PG11;
		assertThat(before11.maxServerVersion()).isEqualTo(10);
		assertThat(before11.appliesTo(Dialect.postgresql(), 10)).isTrue();
		assertThat(before11.appliesTo(Dialect.postgresql(), 11)).isFalse();
		// An unknown version is taken for a supported one, 11 and later.
		assertThat(before11.appliesTo(Dialect.postgresql(), 0)).isFalse();
		LintRule reindex = LintRule.REINDEX_WITHOUT_CONCURRENTLY;
		assertThat(reindex.minServerVersion()).isEqualTo(12);
		assertThat(reindex.appliesTo(Dialect.postgresql(), 11)).isFalse();
		assertThat(reindex.appliesTo(Dialect.postgresql(), 12)).isTrue();
		assertThat(reindex.appliesTo(Dialect.postgresql(), 0)).isTrue();
	}

}
