package dev.migration;

import java.util.List;
import java.util.stream.Collectors;

import dev.migration.lint.LintFailOn;
import dev.migration.lint.LintFinding;

/**
 * A {@code migrate} refused to run because the lint of the scripts it was about to
 * apply found what {@link dev.migration.lint.LintOptions#failOn()} does not accept.
 * Thrown before the lock is taken: nothing was applied. The message names each
 * finding's file, line and rule, with the safe rewrite.
 */
public class LintRefusedException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final LintFailOn failOn;

	private final transient List<LintFinding> findings;

	/**
	 * Creates the exception.
	 * @param failOn the threshold that refused
	 * @param findings the findings at or over it, in the order the scripts run
	 */
	public LintRefusedException(LintFailOn failOn, List<LintFinding> findings) {
		super("Refusing to migrate: the lint found " + findings.size() + " finding(s) in the scripts to apply"
				+ " and fail-on is " + failOn + "; nothing was applied:\n"
				+ findings.stream().map(LintFinding::describe).collect(Collectors.joining("\n"))
				+ "\nRewrite them as shown, or silence one rule in one script with a header line "
				+ "'-- lint: ignore <rule-id> <reason>'");
		this.failOn = failOn;
		this.findings = List.copyOf(findings);
	}

	/**
	 * The threshold that refused.
	 * @return {@link LintFailOn#WARNING} or {@link LintFailOn#NOTE}
	 */
	public LintFailOn getFailOn() {
		return this.failOn;
	}

	/**
	 * The findings that refused the run.
	 * @return the findings, in the order the scripts run
	 */
	public List<LintFinding> getFindings() {
		return (this.findings != null) ? this.findings : List.of();
	}

}
