package dev.migration.lint;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the lint found in a set of scripts.
 *
 * @param findings the findings not silenced, in script order (the order an upgrade
 * runs them), then line order
 * @param ignored the findings a {@code lint: ignore} header line silenced, with the
 * reason given there
 * @param database what the lint knew of the database: {@code PostgreSQL 15.4} or
 * {@code DuckDB v1.1.3} when it read the catalog, {@code null} when it linted the
 * scripts alone (without a reachable database, table sizes are unknown)
 */
public record LintReport(List<LintFinding> findings, List<Ignored> ignored, @Nullable String database) {

	public LintReport {
		findings = List.copyOf(findings);
		ignored = List.copyOf(ignored);
	}

	/**
	 * Whether any finding is a {@link LintSeverity#WARNING}.
	 * @return whether there are warnings
	 */
	public boolean hasWarnings() {
		return this.findings.stream().anyMatch((finding) -> finding.severity() == LintSeverity.WARNING);
	}

	/**
	 * The findings of severity {@link LintSeverity#WARNING}.
	 * @return the warnings, in order
	 */
	public List<LintFinding> warnings() {
		return bySeverity(LintSeverity.WARNING);
	}

	/**
	 * The findings of severity {@link LintSeverity#NOTE}.
	 * @return the notes, in order
	 */
	public List<LintFinding> notes() {
		return bySeverity(LintSeverity.NOTE);
	}

	/**
	 * Whether the lint read the database (sizes, server version, indexes).
	 * @return {@code false} when it linted the scripts alone
	 */
	public boolean databaseRead() {
		return this.database != null;
	}

	private List<LintFinding> bySeverity(LintSeverity severity) {
		return this.findings.stream().filter((finding) -> finding.severity() == severity).toList();
	}

	/**
	 * A finding that a script's {@code lint: ignore} header line silenced.
	 *
	 * @param finding the finding as it would have been reported
	 * @param reason the reason the header line gives
	 * @param headerLine the header line, 1-based, in {@code finding.file()}
	 */
	public record Ignored(LintFinding finding, String reason, int headerLine) {

		public Ignored {
			Objects.requireNonNull(finding, "finding");
			Objects.requireNonNull(reason, "reason");
		}

		/**
		 * One line for a log: the finding's place and rule, and why it was ignored.
		 * @return the description
		 */
		public String describe() {
			return this.finding.file() + ":" + this.finding.line() + ": ignored [" + this.finding.rule() + "] ("
					+ this.finding.file() + ":" + this.headerLine + " says: " + this.reason + ")";
		}

	}

}
