package dev.migration;

/**
 * The revision scripts do not form a valid graph: duplicate ids, a missing parent or
 * dependency, a cycle. The message names the revisions and files involved.
 */
public class RevisionGraphException extends MigrationException {

	private static final long serialVersionUID = 1L;

	public RevisionGraphException(String message) {
		super(message);
	}

}
