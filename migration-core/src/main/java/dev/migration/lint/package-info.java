/**
 * The zero-downtime lint of SQL revision scripts: {@link dev.migration.lint.LintRule}
 * (the catalogue of hazards, each with its reason and safe rewrite), the
 * {@link dev.migration.lint.LintReport} of {@link dev.migration.lint.LintFinding}s that
 * {@link dev.migration.MigrationManager#lint()} returns, and its
 * {@link dev.migration.lint.LintOptions}. A script silences one rule with a header line
 * {@code -- lint: ignore <rule-id> <reason>}; Java migrations are not linted.
 * <p>
 * API: kept compatible within a major version. Values are never {@code null} unless
 * marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration.lint;

import org.jspecify.annotations.NullMarked;
