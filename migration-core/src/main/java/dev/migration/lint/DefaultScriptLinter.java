package dev.migration.lint;

import java.sql.Connection;
import java.util.List;

import dev.migration.MigrationConfiguration;
import dev.migration.script.SqlScript;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ScriptLinter}: each call is one {@link LintRun} over the scripts given.
 */
final class DefaultScriptLinter implements ScriptLinter {

	private final MigrationConfiguration configuration;

	DefaultScriptLinter(MigrationConfiguration configuration) {
		this.configuration = configuration;
	}

	@Override
	public LintReport lint(List<SqlScript> scripts, @Nullable Connection connection) {
		return lint(scripts, LintCatalog.of(connection, this.configuration.lintOptions().smallTableRows() + 1, null));
	}

	@Override
	public LintReport lint(List<SqlScript> scripts, Connection connection, CatalogPreparation beforeFirstRead) {
		return lint(scripts,
				LintCatalog.of(connection, this.configuration.lintOptions().smallTableRows() + 1, beforeFirstRead));
	}

	private LintReport lint(List<SqlScript> scripts, LintCatalog catalog) {
		LintOptions options = this.configuration.lintOptions();
		LintRun run = new LintRun(options, this.configuration.statementLockTimeout() != null, catalog);
		scripts.forEach(run::lint);
		return run.report();
	}

}
