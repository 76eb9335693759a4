package dev.migration.autoconfigure.command;

/**
 * The command line is wrong: an unknown command or option, a missing value or
 * argument. Reported with exit code 2.
 */
final class UsageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient CommandSpec command;

	UsageException(String message, CommandSpec command) {
		super(message);
		this.command = command;
	}

	/**
	 * The command being parsed, or {@code null} when the command itself is unknown.
	 * @return the command
	 */
	CommandSpec getCommand() {
		return this.command;
	}

}
