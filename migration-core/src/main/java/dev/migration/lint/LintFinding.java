package dev.migration.lint;

import java.util.Objects;

import dev.migration.revision.Direction;
import org.jspecify.annotations.Nullable;

/**
 * One hazard the lint found in a statement of a script.
 *
 * @param rule the {@linkplain LintRule#id() id} of the rule, such as
 * {@code index-without-concurrently}
 * @param severity a warning, or a note where the hazard costs little
 * @param revision the revision id of the script
 * @param file the script, as its location describes it
 * @param line the 1-based line of the file where the hazardous statement (for one
 * action of a multi-action {@code ALTER TABLE}, that action) starts
 * @param statement the statement, trimmed, as written in the file
 * @param section {@link Direction#UPGRADE} or {@link Direction#DOWNGRADE}: the section
 * the statement is in
 * @param reason which lock the statement takes and what it blocks, or what it breaks
 * @param rewrite the safe way to the same result
 * @param table the table concerned, as named in the statement, or {@code null} when the
 * finding concerns the whole script
 * @param detail what the lint measured or assumed: the table's size, that it is new,
 * that its size is unknown, the index that can back a constraint
 */
public record LintFinding(String rule, LintSeverity severity, String revision, String file, int line,
		String statement, Direction section, String reason, String rewrite, @Nullable String table, String detail) {

	public LintFinding {
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(revision, "revision");
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(statement, "statement");
		Objects.requireNonNull(section, "section");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(rewrite, "rewrite");
		Objects.requireNonNull(detail, "detail");
	}

	/**
	 * One line for a log or a terminal: {@code file:line: WARNING [rule] reason (detail)}.
	 * @return the description
	 */
	public String describe() {
		return this.file + ":" + this.line + ": " + this.severity + " [" + this.rule + "] " + this.reason
				+ (this.detail.isEmpty() ? "" : " (" + this.detail + ")") + "\n  rewrite: " + this.rewrite;
	}

}
