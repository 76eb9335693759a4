package dev.migration;

/**
 * A migration failed while running. Its transaction was rolled back (unless it was
 * declared {@code transactional: false}), the failure was logged in the history, and
 * the message names the file, the statement number and first line, the SQL state and
 * the database's own message.
 */
public class MigrationFailedException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final String revision;

	public MigrationFailedException(String revision, String message, Throwable cause) {
		super(message, cause);
		this.revision = revision;
	}

	/**
	 * The revision that failed.
	 * @return the revision id
	 */
	public String getRevision() {
		return this.revision;
	}

}
