package dev.migration.authoring;

import dev.migration.MigrationException;

/**
 * A {@link CreateOptions} value cannot be used: a revision id that is malformed,
 * reserved or used already, or a {@code depends_on} revision that is unknown or
 * ambiguous. The message quotes the value and, for a used id, the file that has it.
 * Thrown before anything is written.
 */
public class RevisionOptionException extends MigrationException {

	private static final long serialVersionUID = 1L;

	public RevisionOptionException(String message) {
		super(message);
	}

	public RevisionOptionException(String message, Throwable cause) {
		super(message, cause);
	}

}
