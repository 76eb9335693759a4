package dev.migration.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.lint.LintReport;
import dev.migration.lint.ScriptLinter;
import dev.migration.revision.Revision;
import dev.migration.script.MigrationScript;
import dev.migration.script.Placeholders;
import dev.migration.script.SqlScript;
import dev.migration.script.SqlScriptParser;

/**
 * The lint commands of the engine: picks the scripts, opens a session to read the
 * catalog when the database answers at the first attempt (a lint never waits for one),
 * and hands both to the {@link ScriptLinter}.
 */
final class ScriptLint {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final StateReader reader;

	private final ScriptLinter linter;

	ScriptLint(DataSource dataSource, MigrationConfiguration configuration, StateReader reader) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.reader = reader;
		this.linter = ScriptLinter.create(configuration);
	}

	/**
	 * Every SQL revision in upgrade order, then the repeatable migrations.
	 */
	LintReport all() {
		LoadedScripts scripts = this.reader.scripts();
		List<MigrationScript> selected = new ArrayList<>();
		scripts.graph().revisions().forEach((revision) -> selected.add(scripts.require(revision.id())));
		selected.addAll(scripts.repeatables());
		return lint(selected);
	}

	/**
	 * The given revisions, in upgrade order.
	 */
	LintReport revisions(Collection<String> revisions) {
		LoadedScripts scripts = this.reader.scripts();
		Set<String> wanted = new HashSet<>();
		for (String revision : revisions) {
			wanted.add(scripts.planner().revision(revision));
		}
		List<MigrationScript> selected = new ArrayList<>();
		for (Revision revision : scripts.graph().revisions()) {
			if (wanted.contains(revision.id())) {
				selected.add(scripts.require(revision.id()));
			}
		}
		return lint(selected);
	}

	/**
	 * One script file, wherever it is.
	 */
	LintReport file(Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new MigrationException("Cannot read the script " + file + " to lint it: " + ex.getMessage(), ex);
		}
		return text(file.toString(), content);
	}

	/**
	 * The text of one script.
	 */
	LintReport text(String path, String content) {
		return withCatalog((placeholders) -> List.of(SqlScriptParser.parse(path, content, placeholders)));
	}

	private LintReport lint(List<MigrationScript> scripts) {
		// Java migrations are not linted: their SQL is not known before they run.
		List<MigrationScript> sql = scripts.stream().filter((script) -> script.java() == null).toList();
		return withCatalog((placeholders) -> sql.stream().map((script) -> script.sql(placeholders)).toList());
	}

	/**
	 * Lints the scripts with the database's catalog when it answers, with the
	 * placeholders a migration over that connection would use; else the scripts alone,
	 * as written.
	 */
	private LintReport withCatalog(Function<Placeholders, List<SqlScript>> scripts) {
		Session session = openQuietly();
		if (session == null) {
			return this.linter.lint(scripts.apply(Placeholders.NONE), null);
		}
		try (session) {
			session.useMigrationSchema();
			Connection connection = session.connection();
			connection.setAutoCommit(true);
			return this.linter.lint(scripts.apply(session.placeholders()), connection);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the database's catalog for the lint: " + ex.getMessage(), ex);
		}
	}

	private Session openQuietly() {
		try {
			return Session.open(this.dataSource, this.configuration.toBuilder().connectRetries(0).build());
		}
		catch (MigrationException ex) {
			logger.log(System.Logger.Level.INFO, "Linting without the database (table sizes unknown): {0}",
					ex.getMessage());
			return null;
		}
	}

}
