package dev.migration.autoconfigure;

import dev.migration.LintRefusedException;
import dev.migration.MigrationException;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationLockException;
import dev.migration.MigrationStateException;
import dev.migration.RevisionGraphException;
import dev.migration.ScriptException;
import dev.migration.TargetException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Adds the action to take to a {@link MigrationException} that stopped the application:
 * the one that fits the failure at hand, naming the {@code migration} commands and
 * properties ({@link FailureAdvice}) rather than the engine's Java methods.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
		FailureAdvice advice = FailureAdvice.forStartup(cause);
		String action = (advice.action() != null) ? advice.action() : action(cause);
		return new FailureAnalysis("Database migration failed: " + advice.problem(), action, cause);
	}

	private String action(MigrationException cause) {
		if (cause instanceof MigrationFailedException failed) {
			return "Fix revision '" + failed.getRevision() + "' (its transaction was rolled back unless it is "
					+ "declared 'transactional: false') and restart, or set migration.on-failure=keep-running to "
					+ "start with the migration health DOWN.";
		}
		if (cause instanceof LintRefusedException refused) {
			return "Rewrite the statements as each finding's rewrite says (with 'migration lint --pending' to check), "
					+ "or accept a hazard with a header line '-- lint: ignore <rule-id> <reason>' in its script, or "
					+ "set migration.lint.fail-on=" + ((refused.getFailOn() == dev.migration.lint.LintFailOn.NOTE)
							? "warning to let notes through" : "never to only log the findings")
					+ ". Nothing was applied.";
		}
		if (cause instanceof MigrationLockException) {
			return "Wait for the instance holding the migration lock to finish, or raise migration.lock-timeout. "
					+ "If the holder is gone, release the lock before restarting.";
		}
		if (cause instanceof MigrationStateException) {
			return "Bring the database and the scripts back in line as the message says, then restart.";
		}
		if (cause instanceof ScriptException script) {
			return "Correct the script " + script.getFile()
					+ ((script.getLine() > 0) ? " at line " + script.getLine() : "")
					+ ": see the revision file format (header, '-- upgrade' and '-- downgrade' sections).";
		}
		if (cause instanceof RevisionGraphException) {
			return "Correct the revision headers (revision, down_revision, depends_on) so every parent exists, "
					+ "ids are unique and there is no cycle; check migration.locations.";
		}
		if (cause instanceof TargetException) {
			return "Set migration.target to head, heads, or an existing revision id or unique prefix.";
		}
		return "Correct the problem the message names, or set migration.enabled=false to start without migrating.";
	}

}
