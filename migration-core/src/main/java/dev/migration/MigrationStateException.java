package dev.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The database's migration state does not fit the scripts: a schema with tables but
 * no history, a history that diverges from the scripts, a database ahead of the
 * application when that is not tolerated, applied scripts edited since. The message
 * says what to call to resolve it; {@link #getReason()}, {@link #getRevisions()} and
 * {@link #getProblem()} let a command line or a failure analysis say it in its own
 * terms.
 */
public class MigrationStateException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final List<String> revisions;

	private final String problem;

	/**
	 * Creates an exception for a problem of no particular {@link Reason}.
	 * @param message what is wrong and what to do
	 */
	public MigrationStateException(String message) {
		this(message, null);
	}

	/**
	 * Creates an exception for a problem of no particular {@link Reason}.
	 * @param message what is wrong and what to do
	 * @param cause the cause, or {@code null}
	 */
	public MigrationStateException(String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = Reason.OTHER;
		this.revisions = List.of();
		this.problem = message;
	}

	/**
	 * Creates an exception for a mismatch of a known {@link Reason}.
	 * @param reason what kind of mismatch
	 * @param revisions the revisions concerned, possibly none
	 * @param problem what is wrong, naming no method or command
	 * @param message the problem followed by what a Java caller can do about it
	 * @param cause the cause, or {@code null}
	 */
	public MigrationStateException(Reason reason, List<String> revisions, String problem, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.revisions = List.copyOf(revisions);
		this.problem = problem;
	}

	/**
	 * What kind of mismatch this is.
	 * @return the reason; {@link Reason#OTHER} when created with a message alone
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The revisions concerned: the unknown applied ones for {@link Reason#AHEAD} and
	 * {@link Reason#DIVERGED}, the edited ones for {@link Reason#EDITED}, the
	 * interrupted ones for {@link Reason#INTERRUPTED}, the partly committed ones for
	 * {@link Reason#PARTLY_COMMITTED} and {@link Reason#EDITED_BEFORE_RESUME}.
	 * @return the revision ids, possibly empty
	 */
	public List<String> getRevisions() {
		return this.revisions;
	}

	/**
	 * What is wrong, without the advice of the message, which speaks to Java callers.
	 * @return the problem; the whole message when created with a message alone
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * The kinds of mismatch between the database and the scripts.
	 */
	public enum Reason {

		/**
		 * The schema has tables but no migration history, and no baseline was given.
		 */
		NO_HISTORY,

		/**
		 * Applied revisions have no script in this build: the database is ahead of it (or
		 * their scripts were deleted), and the ahead policy refuses that.
		 */
		AHEAD,

		/**
		 * Applied revisions this build does not know do not descend from its scripts.
		 */
		DIVERGED,

		/**
		 * Applied scripts were edited after they were applied
		 * ({@link EditedScriptsException}).
		 */
		EDITED,

		/**
		 * {@code transactional: false} migrations started and never finished.
		 */
		INTERRUPTED,

		/**
		 * A {@code transactional: false} migration failed after some of its statements
		 * committed, so running it again from its first statement is refused: resume it
		 * ({@link MigrationManager#resume}) or record it completed by hand
		 * ({@link RepairAction#MARK_APPLIED}).
		 */
		PARTLY_COMMITTED,

		/**
		 * A resume was refused: the statements of the script that committed before it
		 * failed were edited since, so what committed is not what the script now says
		 * ({@link ResumeOptions#acceptEdit(boolean)} accepts that).
		 */
		EDITED_BEFORE_RESUME,

		/**
		 * Any other mismatch, such as a repair that does not fit the recorded state.
		 */
		OTHER

	}

}
