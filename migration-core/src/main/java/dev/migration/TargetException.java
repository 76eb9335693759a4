package dev.migration;

/**
 * A target ({@code head}, {@code base}, an id, a prefix, {@code -1}, {@code +2},
 * {@code <rev>+N}) cannot be resolved: unknown, ambiguous, or not valid for the
 * direction asked. The message quotes the target and, where useful, the candidates.
 */
public class TargetException extends MigrationException {

	private static final long serialVersionUID = 1L;

	public TargetException(String message) {
		super(message);
	}

}
