package dev.migration;

import org.jspecify.annotations.Nullable;

/**
 * How {@link MigrationManager#resume} runs the rest of a failed
 * {@code transactional: false} migration. Start from {@link #defaults()} and give a
 * reason.
 *
 * @param reason why, for the history log; required
 * @param confirm the revision again, required in production; may be {@code null}
 * elsewhere
 * @param acceptEdit whether to resume even though the statements that committed were
 * edited in the script since it failed (what committed is what the old text did)
 */
public record ResumeOptions(@Nullable String reason, @Nullable String confirm, boolean acceptEdit) {

	/**
	 * No reason yet, nothing confirmed, edits of the committed statements refused.
	 * @return the default options
	 */
	public static ResumeOptions defaults() {
		return new ResumeOptions(null, null, false);
	}

	/**
	 * These options with the reason kept in the history log.
	 * @param reason why the migration is resumed
	 * @return new options
	 */
	public ResumeOptions withReason(String reason) {
		return new ResumeOptions(reason, this.confirm, this.acceptEdit);
	}

	/**
	 * These options with a confirmation, required in production.
	 * @param revision the revision to resume, repeated (its full id)
	 * @return new options
	 */
	public ResumeOptions withConfirm(String revision) {
		return new ResumeOptions(this.reason, revision, this.acceptEdit);
	}

	/**
	 * These options accepting, or not, that the statements that committed were edited
	 * in the script since it failed.
	 * @param accept whether to resume after an edit of the committed statements
	 * @return new options
	 */
	public ResumeOptions acceptEdit(boolean accept) {
		return new ResumeOptions(this.reason, this.confirm, accept);
	}

}
