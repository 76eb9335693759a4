package dev.migration;

/**
 * The migration lock could not be taken in time, is held by another process, or
 * could not be released. The message says who holds it when that is known.
 */
public class MigrationLockException extends MigrationException {

	private static final long serialVersionUID = 1L;

	public MigrationLockException(String message) {
		super(message);
	}

	public MigrationLockException(String message, Throwable cause) {
		super(message, cause);
	}

}
