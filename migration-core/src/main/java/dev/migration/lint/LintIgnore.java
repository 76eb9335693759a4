package dev.migration.lint;

import java.util.Objects;

/**
 * A header line {@code -- lint: ignore <rule-id> <reason>} of a script: the rule is not
 * reported for that script, and the report keeps what it silenced with the reason.
 *
 * @param rule the rule silenced
 * @param reason why, as written; never blank
 * @param line the header line, 1-based
 */
public record LintIgnore(LintRule rule, String reason, int line) {

	public LintIgnore {
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(reason, "reason");
		if (reason.isBlank()) {
			throw new IllegalArgumentException("reason must not be blank");
		}
	}

}
