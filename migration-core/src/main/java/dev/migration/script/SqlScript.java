package dev.migration.script;

import java.util.List;
import java.util.Objects;

import dev.migration.lint.LintIgnore;
import dev.migration.revision.Revision;

/**
 * A parsed SQL revision script: its revision, how it runs and its statements.
 *
 * @param path where the script was read from, for error messages
 * @param revision the revision the header declares
 * @param transactional whether the script runs in one transaction
 * ({@code -- transactional:}, {@code true} by default)
 * @param upgrade the statements of the {@code -- upgrade} section
 * @param downgrade the statements of the {@code -- downgrade} section: {@code null} when
 * the script has no such section (it cannot be rolled back), empty when the section is
 * empty (there is nothing to undo)
 * @param downgradeSql the text of the {@code -- downgrade} section, or {@code null} when
 * there is none; stored with the applied revision so that a build that no longer has
 * the file can still roll it back
 * @param checksum the {@link ScriptChecksum} of the whole file
 * @param lintIgnores the lint rules its header silences ({@code -- lint: ignore}), in
 * header order
 */
public record SqlScript(String path, Revision revision, boolean transactional, List<SqlStatement> upgrade,
		List<SqlStatement> downgrade, String downgradeSql, String checksum, List<LintIgnore> lintIgnores) {

	public SqlScript {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(revision, "revision");
		Objects.requireNonNull(checksum, "checksum");
		if ((downgrade == null) != (downgradeSql == null)) {
			throw new IllegalArgumentException("downgrade and downgradeSql must both be null or both be present");
		}
		upgrade = List.copyOf(upgrade);
		downgrade = (downgrade != null) ? List.copyOf(downgrade) : null;
		lintIgnores = List.copyOf(lintIgnores);
	}

	/**
	 * A script whose header silences no lint rule.
	 * @param path where the script was read from
	 * @param revision the revision the header declares
	 * @param transactional whether the script runs in one transaction
	 * @param upgrade the statements of the upgrade section
	 * @param downgrade the statements of the downgrade section, or {@code null}
	 * @param downgradeSql the text of the downgrade section, or {@code null}
	 * @param checksum the checksum of the whole file
	 */
	public SqlScript(String path, Revision revision, boolean transactional, List<SqlStatement> upgrade,
			List<SqlStatement> downgrade, String downgradeSql, String checksum) {
		this(path, revision, transactional, upgrade, downgrade, downgradeSql, checksum, List.of());
	}

	/**
	 * Whether the script can be rolled back, that is whether it has a
	 * {@code -- downgrade} section (possibly empty).
	 * @return {@code true} if the script is reversible
	 */
	public boolean reversible() {
		return this.downgrade != null;
	}

}
