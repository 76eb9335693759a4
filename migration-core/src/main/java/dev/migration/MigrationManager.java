package dev.migration;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migration.lint.LintReport;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.runtime.MigrationEngine;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: runs and reports migrations of one database.
 * <p>
 * Targets follow Alembic: {@code head} (the single head), {@code heads},
 * {@code base}, a full revision id or a unique prefix of one, {@code +2} and
 * {@code -1} relative to the current state, {@code <rev>+N} / {@code <rev>-N}, and on
 * a labelled branch {@code billing@head}, {@code billing@base}, {@code billing@+1} and
 * {@code billing@-1}.
 * Every operation that changes the database takes the migration lock, re-reads the
 * state once it holds it, and runs each migration in its own transaction together
 * with its state and log rows.
 */
public interface MigrationManager {

	/**
	 * Creates a manager.
	 * @param dataSource where the database is; the engine borrows one connection for the
	 * migrations and, on PostgreSQL, one more for the lock
	 * @param configuration the configuration
	 * @return the manager
	 */
	static MigrationManager create(DataSource dataSource, MigrationConfiguration configuration) {
		return new MigrationEngine(dataSource, configuration);
	}

	/**
	 * Every known migration, in the order an upgrade from base would apply them.
	 * @return the migrations
	 */
	List<MigrationInfo> migrations();

	/**
	 * The current revision(s): applied revisions without an applied child.
	 * @return the ids; empty at base
	 */
	List<String> currentRevisions();

	/**
	 * The head(s) of the scripts.
	 * @return the ids
	 */
	List<String> headRevisions();

	/**
	 * The migrations {@code migrate("heads")} would apply, in order.
	 * @return the pending migrations
	 */
	List<MigrationInfo> pendingMigrations();

	/**
	 * Whether any migration is pending.
	 * @return {@code true} if {@link #pendingMigrations()} is not empty
	 */
	default boolean hasPendingMigrations() {
		return !pendingMigrations().isEmpty();
	}

	/**
	 * Where the database stands, with the lock holder.
	 * @return the status
	 */
	MigrationStatus status();

	/**
	 * Plans a migrate ({@link Direction#UPGRADE}) or a rollback
	 * ({@link Direction#DOWNGRADE}) against the current state without running it: the
	 * revisions it would run, in order, without their SQL and without the checks a run
	 * makes. Cheaper than a dry run; for previews and progress counts.
	 * @param target as for {@link #migrate(String)} or {@link #rollback(String)}
	 * @param direction whether to plan a migrate or a rollback
	 * @return the plan
	 * @throws TargetException if the target is malformed, unknown, ambiguous or not
	 * reachable in that direction
	 */
	MigrationPlan plan(String target, Direction direction);

	/**
	 * Resolves a revision given by its full id or a unique prefix, from the scripts, or
	 * by a target that names one revision whatever is applied: {@code head},
	 * {@code <rev>-N}, {@code billing@head}.
	 * @param revision the id, prefix or target
	 * @return the full id
	 * @throws TargetException if it matches no revision or several
	 */
	String resolve(String revision);

	/**
	 * Migrates to {@code head}.
	 * @return what ran
	 */
	default MigrationResult migrate() {
		return migrate("head");
	}

	/**
	 * Migrates to a target.
	 * @param target {@code head}, {@code heads}, an id or prefix, {@code +N},
	 * {@code <rev>+N}, {@code <label>@head}, {@code <label>@+N}
	 * @return what ran
	 */
	MigrationResult migrate(String target);

	/**
	 * Migrates to a target, or with {@code dryRun} returns the exact SQL that would run
	 * (in {@link MigrationResult#planned()}) without changing anything.
	 * @param target as for {@link #migrate(String)}
	 * @param dryRun whether to only plan
	 * @return what ran, or would run
	 */
	MigrationResult migrate(String target, boolean dryRun);

	/**
	 * Rolls back one revision ({@code -1}).
	 * @return what ran
	 */
	default MigrationResult rollback() {
		return rollback("-1");
	}

	/**
	 * Rolls back to a target, newest first.
	 * @param target {@code -N}, {@code base}, an applied id or prefix, {@code <rev>-N},
	 * {@code <label>@-N}, {@code <label>@base} (the whole branch)
	 * @return what ran
	 */
	default MigrationResult rollback(String target) {
		return rollback(target, RollbackOptions.defaults());
	}

	/**
	 * Rolls back to a target after the safety checks: the database is accessible, no
	 * migration on the way down is irreversible, a production rollback is confirmed,
	 * backups verify, and no downgrade drops tables or columns holding rows unless
	 * allowed. Every failed check is reported at once in a
	 * {@link RollbackRefusedException}, before anything runs.
	 * @param target {@code -N}, {@code base}, an applied id or prefix, {@code <rev>-N},
	 * {@code <label>@-N}, {@code <label>@base}
	 * @param options confirmation, checks, data loss, dry run
	 * @return what ran, or would run
	 */
	MigrationResult rollback(String target, RollbackOptions options);

	/**
	 * Renders the SQL script of a range without connecting to any database, for a DBA
	 * to review and run (Alembic's {@code --sql}): the history tables' DDL, each
	 * migration in its transaction, and the state and log rows.
	 * @param range {@code from:to} ({@code base:head}, {@code 3f2a:head},
	 * {@code head:base} for a downgrade), or just {@code to} from base
	 * @param dialect the database the script is for
	 * @return the script
	 */
	String sql(String range, dev.migration.dialect.Dialect dialect);

	/**
	 * Repairs the state by hand without running any migration, for when something went
	 * wrong outside the engine's control. Logged with the reason, who and when; in
	 * production it needs {@code confirm} equal to the revision.
	 * @param action what to do
	 * @param revision the revision (full id or unique prefix)
	 * @param reason why, for the log; required
	 * @param confirm the revision again, required in production; may be {@code null}
	 * elsewhere
	 * @return the change
	 */
	MigrationResult repair(RepairAction action, String revision, String reason, @Nullable String confirm);

	/**
	 * Runs the rest of a {@code transactional: false} SQL migration that failed after
	 * some of its statements committed: from the statement after those (as the history
	 * log counted them), then records it as applied. Refused, with nothing changed,
	 * when the revision is unknown or applied, did not fail that way, needs revisions
	 * that are not applied, or when the statements that committed were edited in the
	 * script since, unless {@link ResumeOptions#acceptEdit(boolean)} (a
	 * {@link MigrationStateException} of reason
	 * {@link MigrationStateException.Reason#EDITED_BEFORE_RESUME}). Logged with the
	 * reason; in production it needs the revision confirmed. A run for the listeners,
	 * as a {@code MIGRATE} to the revision.
	 * @param revision the revision (full id or unique prefix)
	 * @param options the reason, the confirmation, whether an edit is accepted
	 * @return what ran
	 * @throws MigrationFailedException if a statement of the rest fails: the statements
	 * that committed are counted again, and it can be resumed again
	 */
	MigrationResult resume(String revision, ResumeOptions options);

	/**
	 * Replaces the database's content with a snapshot taken before a rollback by the
	 * DuckDB snapshot verifier, history included, and logs the restore.
	 * @param snapshot the snapshot file
	 */
	void restoreSnapshot(java.nio.file.Path snapshot);

	/**
	 * Sets the state to a revision and its ancestors without running anything, and logs
	 * it.
	 * @param revision {@code head}, {@code heads}, {@code base}, an id or prefix
	 * @return the stamp, as one entry per revision added or removed
	 */
	MigrationResult stamp(String revision);

	/**
	 * The action log, newest first.
	 * @return every entry
	 */
	List<HistoryEntry> history();

	/**
	 * The action log, newest first, of the revisions in a range ({@code history -r A:B})
	 * and with each revision's SQL when asked.
	 * @param query the range, limit and whether to add the SQL
	 * @return the entries
	 * @throws TargetException if a side of the range names no revision, naming it
	 */
	List<HistoryRecord> history(HistoryQuery query);

	/**
	 * Checks scripts against the database: edited applied scripts, applied revisions
	 * without a script, graph problems and irreversible migrations.
	 * @return the findings
	 */
	VerifyReport verify();

	/**
	 * Checks that the scripts have a single head, for a project that keeps one line of
	 * revisions (a CI job that fails when two branches were merged without a merge
	 * revision). Reads the scripts alone, never the database. Separate from
	 * {@link #verify()}, which never reports several heads: branches kept apart on
	 * purpose have several.
	 * @return a {@link VerifyReport.Kind#MULTIPLE_HEADS} problem naming the heads and
	 * their branch labels, or nothing with one head or none
	 */
	default VerifyReport verifySingleHead() {
		List<String> heads = headRevisions();
		return new VerifyReport((heads.size() > 1) ? List.of(VerifyReport.Problem.multipleHeads(heads, Map.of()))
				: List.of());
	}

	/**
	 * Checks every migration's downgrade on a scratch database (a named in-memory
	 * DuckDB database, or a temporary PostgreSQL schema dropped afterwards): applies the
	 * revisions from base one at a time and, for each, checks that upgrade, downgrade,
	 * upgrade works and that the downgrade restores the schema exactly (tables, columns
	 * with types, nullability and defaults, keys, constraints, indexes). Leaves the
	 * real database untouched.
	 * @return {@link VerifyReport.Kind#ROUND_TRIP} problems, one per migration whose
	 * downgrade does not restore the schema, with the difference
	 */
	VerifyReport verifyRoundTrip();

	/**
	 * Lints every SQL script, revisions in the order an upgrade from base runs them and
	 * then the repeatable migrations, for statements that hold a lock for as long as
	 * they scan or rewrite a table and schema changes that break a rolling deploy (see
	 * {@link dev.migration.lint.LintRule}). Where the database is reachable the lint
	 * reads table sizes, the server version and existing indexes from its catalog (and
	 * changes nothing); otherwise it lints the scripts alone and says sizes are unknown.
	 * A table created by an earlier script of the set is taken as new and empty. Java
	 * migrations are not linted: their SQL is not known before they run.
	 * @return the findings, and those a {@code lint: ignore} header silenced
	 * @throws ScriptException if a script is malformed, naming file and line
	 */
	LintReport lint();

	/**
	 * Lints the SQL scripts of the given revisions, as {@link #lint()} does, taken as
	 * one set in the order an upgrade runs them: a table created by one of them is new
	 * for those after it. For the pending revisions, see {@link #lintPending()}.
	 * @param revisions revision ids or unique prefixes; Java migrations among them are
	 * skipped
	 * @return the findings
	 * @throws TargetException if a revision is unknown, naming it
	 * @throws ScriptException if a script is malformed, naming file and line
	 */
	LintReport lint(Collection<String> revisions);

	/**
	 * Lints the revisions {@code migrate("heads")} would apply: what a deploy is about
	 * to run. Needs the database, to know what is pending.
	 * @return the findings
	 */
	default LintReport lintPending() {
		return lint(pendingMigrations().stream().map(MigrationInfo::revision).toList());
	}

	/**
	 * Lints one script file, which need not be in the configured locations (one that
	 * {@code create} or autogenerate just wrote), against the database when reachable.
	 * @param file the script
	 * @return the findings
	 * @throws ScriptException if the script is malformed, naming file and line
	 * @throws MigrationException if the file cannot be read
	 */
	LintReport lintScript(Path file);

	/**
	 * Lints the text of one script, as {@link #lintScript(Path)} does.
	 * @param path where the text comes from, for the findings and error messages
	 * @param content the script's text
	 * @return the findings
	 * @throws ScriptException if the script is malformed, naming file and line
	 */
	LintReport lintScript(String path, String content);

}
