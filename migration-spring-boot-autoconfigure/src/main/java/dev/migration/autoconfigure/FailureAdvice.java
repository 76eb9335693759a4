package dev.migration.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import dev.migration.EditedScript;
import dev.migration.EditedScriptsException;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationStateException;
import dev.migration.MultipleHeadsException;
import dev.migration.RollbackRefusedException;
import dev.migration.RollbackRefusedException.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * What an operator reads about a failure: the command line's error, the failure
 * analysis of a start, the endpoint's responses and the health details. The engine's
 * messages speak to Java callers and name its methods; this names the {@code migration}
 * commands and the {@code migration.*} properties instead, built from the exceptions'
 * structured data ({@link MultipleHeadsException#getHeads()},
 * {@link EditedScriptsException#getScripts()},
 * {@link MigrationStateException#getReason()}), never from their message text. Public
 * only so that {@code dev.migration.autoconfigure.command} can reach it, not for
 * applications.
 *
 * @param problem what went wrong, credentials masked
 * @param action what to do, commands on lines of their own, or {@code null} when the
 * problem says it already or nothing specific can be said
 */
public record FailureAdvice(String problem, @Nullable String action) {

	private static final String INDENT = "    ";

	/**
	 * The advice for a failure of the migrations run as the application starts.
	 * @param failure the failure
	 * @return the advice
	 */
	public static FailureAdvice forStartup(Throwable failure) {
		return of(failure, EveryHead.PROPERTY, Surface.STARTUP);
	}

	/**
	 * The advice for a failure of a {@code migration} command.
	 * @param failure the failure
	 * @param command the command that failed, such as {@code migrate}, or {@code null}
	 * @return the advice
	 */
	public static FailureAdvice forCommand(Throwable failure, @Nullable String command) {
		EveryHead everyHead = "migrate".equals(command) ? EveryHead.MIGRATE_COMMAND
				: "stamp".equals(command) ? EveryHead.STAMP_COMMAND : EveryHead.NONE;
		return of(failure, everyHead, Surface.COMMAND);
	}

	/**
	 * The advice for a failure shown by the endpoint or the health indicator, whoever
	 * ran the migrations.
	 * @param failure the failure
	 * @return the advice
	 */
	public static FailureAdvice forEndpoint(Throwable failure) {
		return of(failure, EveryHead.NONE, Surface.ENDPOINT);
	}

	/**
	 * The problem, then the action on the lines below it.
	 * @return the text
	 */
	public String text() {
		return (this.action != null) ? this.problem + "\n" + this.action : this.problem;
	}

	private static FailureAdvice of(Throwable failure, EveryHead everyHead, Surface surface) {
		if (failure instanceof RollbackRefusedException refused) {
			return refused(refused, surface);
		}
		if (failure instanceof MultipleHeadsException heads) {
			return multipleHeads(heads, everyHead);
		}
		if (failure instanceof EditedScriptsException edited) {
			return edited(edited.getProblem(), edited.getScripts());
		}
		if (failure instanceof MigrationStateException state) {
			return state(state, everyHead == EveryHead.PROPERTY);
		}
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getName();
		if (failure instanceof MigrationFailedException failed && failed.getCommittedStatements() > 0) {
			return new FailureAdvice(Credentials.mask(message), partlyCommitted(List.of(failed.getRevision())));
		}
		return new FailureAdvice(Credentials.mask(message), null);
	}

	private static FailureAdvice multipleHeads(MultipleHeadsException failure, EveryHead everyHead) {
		List<String> heads = failure.getHeads();
		String problem = "The scripts have " + heads.size() + " heads, " + and(heads)
				+ ((failure.getTarget() != null)
						? ", and the target '" + failure.getTarget() + "' needs exactly one"
						: ": a new revision needs one parent");
		StringBuilder action = new StringBuilder("Join the heads in a merge revision:\n").append(INDENT)
			.append("migration merge \"Merge heads\" ")
			.append(String.join(" ", heads));
		if (failure.getTarget() == null || everyHead == EveryHead.PROPERTY) {
			action.append("\nTo add a revision to one branch before the merge, write it on that branch's head:\n")
				.append(INDENT)
				.append("migration create \"...\" --head ")
				.append(heads.get(0));
		}
		switch (everyHead) {
			case MIGRATE_COMMAND -> action.append("\nOr migrate every head, leaving the branches apart:\n")
				.append(INDENT)
				.append("migration migrate --revision heads");
			case STAMP_COMMAND -> action.append("\nOr stamp every head:\n").append(INDENT).append("migration stamp heads");
			case PROPERTY -> action
				.append("\nIf the branches are meant to stay apart, set migration.target to heads to migrate every head.");
			case NONE -> {
			}
		}
		return new FailureAdvice(problem, action.toString());
	}

	private static FailureAdvice edited(String problem, List<EditedScript> scripts) {
		StringBuilder action = new StringBuilder(
				"Revert the edit (restore the script as it was applied) and put the change in a new revision:\n")
			.append(INDENT)
			.append("migration create \"...\"\n")
			.append("If the edit is harmless (a comment, formatting), accept it; the history records who, when and why:");
		for (EditedScript script : scripts) {
			action.append("\n")
				.append(INDENT)
				.append("migration repair accept-checksum ")
				.append(script.revision())
				.append(" --reason \"...\"");
		}
		action.append("\nLast resort: migration.validate-on-migrate=false turns this check off for every script.");
		return new FailureAdvice(Credentials.mask(problem), action.toString());
	}

	private static FailureAdvice state(MigrationStateException failure, boolean startup) {
		String problem = Credentials.mask(failure.getProblem());
		String revisions = String.join(", ", failure.getRevisions());
		String action = switch (failure.getReason()) {
			case NO_HISTORY -> "If the schema already matches a revision, record that without running anything:\n"
					+ INDENT + "migration stamp REVISION\n"
					+ "or set migration.baseline-on-migrate=REVISION to record it on the next migrate. "
					+ "Otherwise, migrate an empty schema.";
			case AHEAD -> "Deploy the build that has " + revisions + ", or roll them back with it. "
					+ "If their scripts were deleted by mistake, restore them. While a rolling deploy runs, "
					+ "migration.ahead-policy=warn lets this build start on a database ahead of it.";
			case DIVERGED -> "Check migration.locations: this build needs the scripts the database history "
					+ "descends from. To see what was applied:\n" + INDENT + "migration history";
			case INTERRUPTED -> markApplied(failure.getRevisions())
					+ (startup ? "\nOr undo what it did by hand; then restart." : "");
			case PARTLY_COMMITTED -> partlyCommitted(failure.getRevisions());
			case EDITED_BEFORE_RESUME -> "Restore the statements that committed in the script; or, if what "
					+ "committed is what the new text does, accept the edit:"
					+ resumeCommands(failure.getRevisions(), " --accept-edit");
			case EDITED, OTHER -> null;
		};
		return new FailureAdvice(problem, action);
	}

	/**
	 * Each failed check with what to do in the reader's terms: the engine's message
	 * names RollbackOptions.
	 */
	private static FailureAdvice refused(RollbackRefusedException failure, Surface surface) {
		String message = Credentials.mask(failure.getMessage());
		String problem = message.contains("\n") ? message.substring(0, message.indexOf('\n')) : message;
		StringBuilder text = new StringBuilder(problem);
		for (Refusal refusal : failure.getRefusals()) {
			text.append("\n  - ").append(Credentials.mask(refusal.problem()));
			String advice = switch (refusal.check()) {
				case PRODUCTION_CONFIRMATION -> switch (surface) {
					case COMMAND, STARTUP -> "Confirm by repeating the command with --confirm="
							+ refusal.confirmation();
					case ENDPOINT -> "Confirm by adding \"confirm\": \"" + refusal.confirmation() + "\" to the request";
				};
				case DATA_LOSS -> switch (surface) {
					case COMMAND, STARTUP -> "Back up what you need, then repeat the command with --allow-data-loss";
					case ENDPOINT -> "Back up what you need, then add \"allowDataLoss\": true to the request";
				};
				case OTHER -> (refusal.javaAdvice() != null) ? refusal.javaAdvice() : null;
				case IRREVERSIBLE, DATABASE_ACCESS, BACKUP -> null;
			};
			if (advice != null) {
				text.append(' ').append(advice);
			}
		}
		return new FailureAdvice(text.toString(), null);
	}

	/**
	 * The command recording interrupted migrations completed by hand.
	 * @param revisions the interrupted revisions
	 * @return the advice, commands on lines of their own
	 */
	public static String markApplied(List<String> revisions) {
		StringBuilder text = new StringBuilder("Once an interrupted migration is completed by hand, record it as "
				+ "applied (the history keeps who, when and why):");
		for (String revision : revisions) {
			text.append("\n").append(INDENT).append("migration repair mark-applied ").append(revision)
				.append(" --reason \"...\"");
		}
		return text.toString();
	}

	/**
	 * What to do about {@code transactional: false} migrations that failed after some of
	 * their statements committed: resume them, or record them completed by hand.
	 */
	private static String partlyCommitted(List<String> revisions) {
		return "Fix the cause, then run the rest of the script (the history keeps who, when and why):"
				+ resumeCommands(revisions, "") + "\n"
				+ markApplied(revisions).replace("an interrupted migration", "such a migration");
	}

	/**
	 * The commands that run the rest of {@code transactional: false} migrations that
	 * failed after some of their statements committed, one line each.
	 */
	private static String resumeCommands(List<String> revisions, String options) {
		StringBuilder text = new StringBuilder();
		for (String revision : revisions) {
			text.append("\n").append(INDENT).append("migration repair resume ").append(revision)
				.append(" --reason \"...\"").append(options);
		}
		return text.toString();
	}

	private static String and(List<String> ids) {
		if (ids.size() == 1) {
			return ids.get(0);
		}
		return ids.subList(0, ids.size() - 1).stream().collect(Collectors.joining(", ")) + " and "
				+ ids.get(ids.size() - 1);
	}

	/**
	 * Where the reader meets the failure.
	 */
	private enum Surface {

		STARTUP, COMMAND, ENDPOINT

	}

	/**
	 * How the reader can migrate every head rather than merge them.
	 */
	private enum EveryHead {

		PROPERTY, MIGRATE_COMMAND, STAMP_COMMAND, NONE

	}

}
