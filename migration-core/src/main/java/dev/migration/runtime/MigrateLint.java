package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.migration.LintRefusedException;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.lint.LintFailOn;
import dev.migration.lint.LintFinding;
import dev.migration.lint.LintReport;
import dev.migration.lint.LintSeverity;
import dev.migration.lint.ScriptLinter;
import dev.migration.revision.MigrationPlan;
import dev.migration.script.MigrationScript;
import dev.migration.script.SqlScript;

/**
 * The lint a {@code migrate} runs on the scripts it is about to apply, before it takes
 * the lock and only when something is pending: each finding is logged (a warning at
 * WARN, a note and a finding a {@code lint: ignore} header silenced, with its reason, at
 * INFO), and the run is refused when {@link LintFailOn} says so. A lint that cannot read
 * the catalog never stops a migrate that does not ask it to refuse: it is logged and the
 * run goes on.
 */
final class MigrateLint {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final LintFailOn failOn;

	private final ScriptLinter linter;

	MigrateLint(MigrationConfiguration configuration) {
		this.failOn = configuration.lintOptions().failOn();
		this.linter = ScriptLinter.create(configuration);
	}

	/**
	 * Lints the upgrade sections of the SQL scripts of the plan and the repeatable
	 * migrations to run, over the connection that will run them, logs the findings and
	 * refuses the run if they demand it.
	 * @throws LintRefusedException when a finding is at least as severe as fail-on
	 */
	void check(Session session, DatabaseState state, MigrationPlan plan, List<MigrationScript> repeatables)
			throws SQLException {
		List<SqlScript> scripts = new ArrayList<>();
		for (String id : plan.steps()) {
			addSql(scripts, state.script(id), session);
		}
		for (MigrationScript repeatable : repeatables) {
			addSql(scripts, repeatable, session);
		}
		if (scripts.isEmpty()) {
			return;
		}
		LintReport report;
		try {
			report = lint(session, scripts);
		}
		catch (SQLException | RuntimeException ex) {
			if (this.failOn == LintFailOn.NEVER) {
				logger.log(Level.WARNING, "Cannot lint the {0} script(s) to apply ({1}); migrating without the lint",
						scripts.size(), ex.getMessage());
				return;
			}
			throw new MigrationException("Refusing to migrate: the lint's fail-on is " + this.failOn
					+ " and the lint of the scripts to apply could not run: " + ex.getMessage(), ex);
		}
		log(report, scripts.size());
		List<LintFinding> refusing = this.failOn.refusing(report);
		if (!refusing.isEmpty()) {
			throw new LintRefusedException(this.failOn, refusing);
		}
	}

	private static void addSql(List<SqlScript> scripts, MigrationScript script, Session session) throws SQLException {
		// Java migrations are not linted: their SQL is not known before they run.
		SqlScript sql = script.sql(session.placeholders());
		if (sql != null) {
			scripts.add(upgradeOnly(sql));
		}
	}

	/**
	 * The script without its downgrade: a migrate runs the upgrades, and the downgrades'
	 * hazards belong to a rollback (and to {@code lint}), which weighs them against the
	 * tables as they are then; here they would cost a catalog query each for nothing.
	 */
	private static SqlScript upgradeOnly(SqlScript script) {
		if (script.downgrade() == null) {
			return script;
		}
		return new SqlScript(script.path(), script.revision(), script.transactional(), script.upgrade(), null, null,
				script.checksum(), script.lintIgnores());
	}

	/**
	 * Lints with the migration schema first in the search path, as the scripts will
	 * run (nothing to find when there is no such schema yet), in auto-commit so that a
	 * catalog query that fails leaves no aborted transaction behind (nothing was written
	 * yet: committing the reads loses nothing). The search path is switched only when a
	 * statement needs the catalog: scripts that touch only the tables they create, as
	 * most do, send nothing, and the session then sets the search path and the
	 * migration settings together when the migrations start.
	 */
	private LintReport lint(Session session, List<SqlScript> scripts) throws SQLException {
		Connection connection = session.connection();
		boolean autoCommit = connection.getAutoCommit();
		if (!autoCommit) {
			connection.setAutoCommit(true);
		}
		try {
			return this.linter.lint(scripts, connection, () -> {
				try {
					session.useMigrationSchema();
				}
				catch (SQLException ex) {
					throw new NoSchemaYet();
				}
			});
		}
		catch (NoSchemaYet ex) {
			// DuckDB before the first migrate into a new schema: no table exists there
			// yet, so none can be locked or broken by the scripts.
			return new LintReport(List.of(), List.of(), null);
		}
		finally {
			if (!autoCommit) {
				connection.setAutoCommit(false);
			}
		}
	}

	/**
	 * The migration schema does not exist yet.
	 */
	private static final class NoSchemaYet extends RuntimeException {

		NoSchemaYet() {
			super(null, null, false, false);
		}

	}

	private static void log(LintReport report, int scripts) {
		if (report.findings().isEmpty() && report.ignored().isEmpty()) {
			return;
		}
		logger.log(Level.INFO, "Lint of the {0} script(s) to apply: {1} warning(s), {2} note(s), {3} ignored", scripts,
				report.warnings().size(), report.notes().size(), report.ignored().size());
		for (LintFinding finding : report.findings()) {
			logger.log((finding.severity() == LintSeverity.WARNING) ? Level.WARNING : Level.INFO, "Lint: {0}",
					finding.describe());
		}
		for (LintReport.Ignored ignored : report.ignored()) {
			logger.log(Level.INFO, "Lint: {0}", ignored.describe());
		}
	}

}
