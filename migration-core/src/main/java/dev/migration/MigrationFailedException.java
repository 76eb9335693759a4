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
		super(message, cause);
		this.revision = revision;
		this.duration = duration;
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

}
