package dev.migration;

/**
 * Base of every exception the migration engine throws. Subtypes name the kind of
 * problem; every message names the file, line, revision or value at fault.
 */
public class MigrationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public MigrationException(String message) {
		super(message);
	}

	public MigrationException(String message, Throwable cause) {
		super(message, cause);
	}

}
