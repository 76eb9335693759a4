package dev.migration;

/**
 * The database's migration state does not fit the scripts: a schema with tables but
 * no history, a history that diverges from the scripts, a database ahead of the
 * application when that is not tolerated. The message says what to run to resolve it.
 */
public class MigrationStateException extends MigrationException {

	private static final long serialVersionUID = 1L;

	public MigrationStateException(String message) {
		super(message);
	}

	public MigrationStateException(String message, Throwable cause) {
		super(message, cause);
	}

}
