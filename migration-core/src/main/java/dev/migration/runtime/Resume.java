package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import dev.migration.AppliedMigration;
import dev.migration.HistoryAction;
import dev.migration.MigrationException;
import dev.migration.MigrationResult;
import dev.migration.MigrationResult.Command;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStateException.Reason;
import dev.migration.ResumeOptions;
import dev.migration.RollbackRefusedException;
import dev.migration.RollbackRefusedException.Refusal;
import dev.migration.TargetException;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.script.MigrationScript;
import dev.migration.script.SqlStatement;

/**
 * The {@code resume} command: runs the rest of a {@code transactional: false} migration
 * that failed after some of its statements committed. And the refusal, before a
 * migrate, to run such a migration from its first statement again: its first
 * statements would run twice.
 */
final class Resume {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final StateReader reader;

	private final LockScope lock;

	private final RollbackSafety safety;

	private final PlanRunner runner;

	Resume(StateReader reader, LockScope lock, RollbackSafety safety, PlanRunner runner) {
		this.reader = reader;
		this.lock = lock;
		this.safety = safety;
		this.runner = runner;
	}

	/**
	 * Resumes a revision after its committed statements; every check comes before
	 * anything is written.
	 */
	MigrationResult resume(String revision, ResumeOptions options) {
		Stopwatch stopwatch = Stopwatch.start();
		if (options.reason() == null || options.reason().isBlank()) {
			throw new MigrationException("A resume needs a reason, for the history log");
		}
		try (Session session = this.reader.open()) {
			return this.lock.locked(session, () -> {
				DatabaseState state = this.reader.read(session);
				String id = state.graph().resolveId(revision);
				MigrationScript script = state.scripts().byId().get(id);
				if (script == null) {
					throw new TargetException("Cannot resume revision " + id + ": this build has no script for it");
				}
				Refusal confirmation = this.safety.confirmationProblem(state.graph(), id, options.confirm(),
						"resume(\"" + id + "\", options.withConfirm(\"" + id + "\"))");
				if (confirmation != null) {
					throw RollbackRefusedException.of("Resume " + id, List.of(confirmation));
				}
				if (state.applied().containsKey(id)) {
					throw new MigrationStateException("Cannot resume revision " + id + ": it is applied");
				}
				HistoryTable.PartlyCommitted failed = state.tableExists() ? session.history()
					.partlyCommitted(session.connection())
					.stream()
					.filter((candidate) -> candidate.revision().equals(id))
					.findFirst()
					.orElse(null) : null;
				if (failed == null) {
					throw new MigrationStateException("Cannot resume revision " + id + " (" + script.info().path()
							+ "): its last run did not fail after committing statements, so there is nothing to resume; "
							+ "migrate runs it from its first statement");
				}
				List<String> missing = state.graph()
					.ancestors(id)
					.stream()
					.filter((ancestor) -> !state.applied().containsKey(ancestor))
					.toList();
				if (!missing.isEmpty()) {
					throw new MigrationStateException("Cannot resume revision " + id + ": it needs "
							+ String.join(", ", missing) + " applied first");
				}
				if (script.sql(session.placeholders()) == null || script.info().transactional()) {
					throw new MigrationStateException("Cannot resume revision " + id + " (" + script.info().path()
							+ "): only a transactional: false SQL migration can be resumed");
				}
				List<SqlStatement> statements = script.sql().upgrade();
				boolean edited = committedPartEdited(failed, statements);
				if (edited && !options.acceptEdit()) {
					String problem = "Refusing to resume revision " + id + " (" + script.info().path() + ") after "
							+ "statement " + failed.committedStatements() + ": the statements that committed before it "
							+ "failed were edited in the script since, so what committed is not what the script now says";
					throw new MigrationStateException(Reason.EDITED_BEFORE_RESUME, List.of(id), problem, problem
							+ ". Restore them, or accept the edit with options.acceptEdit(true) if what committed is "
							+ "what the new text does", null);
				}
				int resumeAfter = Math.min(failed.committedStatements(), statements.size());
				logResume(session, script, resumeAfter, edited, options.reason().strip());
				List<AppliedMigration> applied = this.runner.execute(session,
						List.of(new Step(script, Direction.UPGRADE, statements, resumeAfter)));
				return this.reader.read(session).result(Command.MIGRATE, id, applied, stopwatch);
			});
		}
	}

	private static void logResume(Session session, MigrationScript script, int resumeAfter, boolean edited,
			String reason) throws SQLException {
		Connection connection = session.connection();
		HistoryTable history = session.history();
		history.upgrade(connection);
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			history.insertLog(connection, new HistoryTable.LogRow(script.id(), "resume after statement " + resumeAfter
					+ (edited ? " (committed statements edited since, accepted)" : "") + ": " + reason,
					HistoryAction.REPAIR, script.info().checksum(), session.user(), LockOwner.host(), Instant.now(),
					Duration.ZERO, null));
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		logger.log(Level.WARNING, "Resuming {0} after statement {1} by {2}: {3}", script.id(), resumeAfter,
				session.user(), reason);
	}

	private static boolean committedPartEdited(HistoryTable.PartlyCommitted failed, List<SqlStatement> statements) {
		return failed.committedStatements() > statements.size()
				|| !CommittedStatements.checksum(statements, failed.committedStatements())
					.equals(failed.committedChecksum());
	}

	/**
	 * Before a migrate: refuses a plan with a {@code transactional: false} migration
	 * that failed after some of its statements committed, naming how many and whether
	 * the script changed since.
	 */
	static void refuseRerun(Session session, DatabaseState state, MigrationPlan plan) throws SQLException {
		List<HistoryTable.PartlyCommitted> failed = session.history()
			.partlyCommitted(session.connection())
			.stream()
			.filter((candidate) -> plan.steps().contains(candidate.revision()))
			.toList();
		if (failed.isEmpty()) {
			return;
		}
		StringBuilder problem = new StringBuilder("Refusing to migrate: ");
		StringBuilder advice = new StringBuilder();
		for (HistoryTable.PartlyCommitted each : failed) {
			MigrationScript script = state.script(each.revision());
			List<SqlStatement> statements = (script.sql(session.placeholders()) != null) ? script.sql().upgrade()
					: List.of();
			boolean scriptChanged = !script.info().checksum().equals(each.scriptChecksum());
			boolean committedEdited = committedPartEdited(each, statements);
			problem.append("revision ")
				.append(each.revision())
				.append(" (")
				.append(script.info().path())
				.append(") is declared transactional: false and failed in its run of ")
				.append(each.failedAt())
				.append(" after statements 1 to ")
				.append(each.committedStatements())
				.append(" had committed; ")
				.append(!scriptChanged ? "its script is unchanged since"
						: committedEdited ? "its script was edited since, in those statements too"
						: "its script was edited since, after those statements")
				.append(". Running it again would start from statement 1.\n");
			advice.append("\nResume it after statement ")
				.append(each.committedStatements())
				.append(": resume(\"")
				.append(each.revision())
				.append("\", ResumeOptions.defaults().withReason(reason)")
				.append(committedEdited ? ".acceptEdit(true)" : "")
				.append("); or, once completed by hand, record it as applied: repair(RepairAction.MARK_APPLIED, \"")
				.append(each.revision())
				.append("\", reason, null)");
		}
		String text = problem.toString().strip();
		throw new MigrationStateException(Reason.PARTLY_COMMITTED,
				failed.stream().map(HistoryTable.PartlyCommitted::revision).collect(Collectors.toList()), text,
				text + advice, null);
	}

}
