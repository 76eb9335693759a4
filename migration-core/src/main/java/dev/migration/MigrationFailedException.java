package dev.migration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A migration failed while running. Its transaction was rolled back (unless it was
 * declared {@code transactional: false}), the failure was logged in the history, and
 * the message names the file, the statement number and first line, the SQL state and
 * the database's own message.
 */
public class MigrationFailedException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final String revision;

	private final @Nullable Duration duration;

	private final int committedStatements;

	/**
	 * Creates an exception for a failed migration whose duration is not known.
	 * @param revision the revision that failed
	 * @param message the message
	 * @param cause the failure
	 */
	public MigrationFailedException(String revision, String message, Throwable cause) {
		this(revision, message, cause, null);
	}

	/**
	 * Creates an exception for a failed migration.
	 * @param revision the revision that failed
	 * @param message the message
	 * @param cause the failure
	 * @param duration how long the migration ran before it failed, as its history row
	 * records it, or {@code null} when not known
	 */
	public MigrationFailedException(String revision, String message, Throwable cause, @Nullable Duration duration) {
		this(revision, message, cause, duration, 0);
	}

	/**
	 * Creates an exception for a failed migration some of whose statements stay
	 * committed.
	 * @param revision the revision that failed
	 * @param message the message
	 * @param cause the failure
	 * @param duration how long the migration ran before it failed, or {@code null} when
	 * not known
	 * @param committedStatements how many of its statements stay committed
	 */
	public MigrationFailedException(String revision, String message, Throwable cause, @Nullable Duration duration,
			int committedStatements) {
		super(message, cause);
		this.revision = revision;
		this.duration = duration;
		this.committedStatements = committedStatements;
	}

	/**
	 * The revision that failed.
	 * @return the revision id
	 */
	public String getRevision() {
		return this.revision;
	}

	/**
	 * How long the migration ran before it failed: the value its history row records
	 * and the metrics report.
	 * @return the duration, or {@code null} when not known
	 */
	public @Nullable Duration getDuration() {
		return this.duration;
	}

	/**
	 * How many statements of a {@code transactional: false} SQL migration stay
	 * committed: those before the one that failed, counting those of the run it
	 * resumed. The history log keeps the number, and a migrate refuses to run the
	 * migration from its first statement again while it is more than 0:
	 * {@link MigrationManager#resume} runs the rest.
	 * @return the number; 0 for a transactional migration (rolled back whole), and for
	 * a Java migration, whose statements are not counted
	 */
	public int getCommittedStatements() {
		return this.committedStatements;
	}

}
