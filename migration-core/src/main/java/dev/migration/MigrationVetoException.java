package dev.migration;

/**
 * Thrown by a {@link MigrationListener} to stop a run: the one exception a listener
 * throws that the engine does not log and ignore. Where it stops the run depends on the
 * callback that throws it: see {@link MigrationListener}. The caller receives this
 * exception itself.
 */
public class MigrationVetoException extends MigrationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a veto.
	 * @param message why the run must stop, for the caller and the log
	 */
	public MigrationVetoException(String message) {
		super(message);
	}

	/**
	 * Creates a veto with its cause.
	 * @param message why the run must stop, for the caller and the log
	 * @param cause what made the listener veto the run
	 */
	public MigrationVetoException(String message, Throwable cause) {
		super(message, cause);
	}

}
