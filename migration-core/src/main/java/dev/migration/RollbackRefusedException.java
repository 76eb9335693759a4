package dev.migration;

import java.util.List;

/**
 * A rollback (or repair) was refused by its safety checks before anything ran. Every
 * failed check is listed, not just the first, each with what to do about it.
 */
public class RollbackRefusedException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final List<String> failures;

	public RollbackRefusedException(String operation, List<String> failures) {
		super(operation + " refused by " + failures.size() + " safety check(s); nothing was run:\n  - "
				+ String.join("\n  - ", failures));
		this.failures = List.copyOf(failures);
	}

	/**
	 * The failed checks, one message each.
	 * @return the failures
	 */
	public List<String> getFailures() {
		return this.failures;
	}

}
