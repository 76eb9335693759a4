package dev.migration;

import java.util.List;

/**
 * The revision scripts do not form a valid graph: duplicate ids, a missing parent or
 * dependency, a cycle. Each problem names the revisions and files involved; the message
 * lists them all, one per line, under a heading that counts them.
 */
public class RevisionGraphException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final List<String> problems;

	/**
	 * Creates an exception for the given problems.
	 * @param problems what is wrong, one entry per problem, at least one
	 */
	public RevisionGraphException(List<String> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	private static String message(List<String> problems) {
		String heading = (problems.size() == 1) ? "Invalid revision graph (1 problem):"
				: "Invalid revision graph (" + problems.size() + " problems):";
		return heading + "\n" + String.join("\n", problems);
	}

	/**
	 * The problems found, in the order the message lists them.
	 * @return the problems, never empty
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
