package dev.migration.lint;

import java.util.List;

/**
 * Which findings make {@code migrate} refuse to run: it lints the scripts it is about
 * to apply before taking the lock, and with anything but {@link #NEVER} refuses, having
 * applied nothing, when a finding is at least as severe as this.
 */
public enum LintFailOn {

	/**
	 * Never refuse: the findings are only logged (warnings at WARN, notes and ignored
	 * findings at INFO).
	 */
	NEVER,

	/**
	 * Refuse when any finding is a {@link LintSeverity#WARNING}.
	 */
	WARNING,

	/**
	 * Refuse on any finding, a {@link LintSeverity#NOTE} included.
	 */
	NOTE;

	/**
	 * Whether a report makes a migrate refuse to run.
	 * @param report the lint of the scripts a migrate would apply
	 * @return whether any finding is severe enough
	 */
	public boolean refuses(LintReport report) {
		return switch (this) {
			case NEVER -> false;
			case WARNING -> report.hasWarnings();
			case NOTE -> !report.findings().isEmpty();
		};
	}

	/**
	 * The findings that make a migrate refuse, in order.
	 * @param report the lint of the scripts a migrate would apply
	 * @return the findings severe enough; empty for {@link #NEVER}
	 */
	public List<LintFinding> refusing(LintReport report) {
		return switch (this) {
			case NEVER -> List.of();
			case WARNING -> report.warnings();
			case NOTE -> report.findings();
		};
	}

}
