package dev.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where the database stands against the scripts.
 *
 * @param state the summary
 * @param currentRevisions the current revision(s): applied revisions with no applied
 * child
 * @param headRevisions the head(s) of the scripts
 * @param pending the migrations {@code migrate()} to every head would apply, in order
 * @param unknownApplied applied revisions the scripts do not know (the database is
 * ahead of the application)
 * @param lockHolder who holds the migration lock, or {@code null} when it is free
 * @param interrupted {@code transactional: false} migrations that started and never
 * finished (a crash part way), each described with the way to resolve it; empty
 * normally
 * @param problems what a migrate would trip over, as {@link MigrationManager#verify()}
 * words it: applied scripts edited since
 * ({@link VerifyReport.Kind#CHECKSUM_MISMATCH}), applied revisions without a script
 * ({@link VerifyReport.Kind#MISSING_SCRIPT}) and interrupted migrations
 * ({@link VerifyReport.Kind#INTERRUPTED}); found from the checksums computed when the
 * scripts were loaded, without reading them again
 * @param branches the labelled branches ({@code branch_labels}), by label: where each
 * one's head is and where the database stands on it; empty when no script declares a
 * label
 */
public record MigrationStatus(State state, List<String> currentRevisions, List<String> headRevisions,
		List<MigrationInfo> pending, List<String> unknownApplied, @Nullable LockHolder lockHolder, List<String> interrupted,
		List<VerifyReport.Problem> problems, List<Branch> branches) {

	public MigrationStatus {
		currentRevisions = List.copyOf(currentRevisions);
		headRevisions = List.copyOf(headRevisions);
		pending = List.copyOf(pending);
		unknownApplied = List.copyOf(unknownApplied);
		interrupted = List.copyOf(interrupted);
		problems = List.copyOf(problems);
		branches = (branches != null) ? List.copyOf(branches) : List.of();
	}

	/**
	 * A status without branches, as it was before {@code branches} existed.
	 * @param state the summary
	 * @param currentRevisions the current revision(s)
	 * @param headRevisions the head(s) of the scripts
	 * @param pending the migrations to every head, in order
	 * @param unknownApplied applied revisions the scripts do not know
	 * @param lockHolder who holds the migration lock, or {@code null}
	 * @param interrupted interrupted migrations, described
	 * @param problems what a migrate would trip over
	 */
	public MigrationStatus(State state, List<String> currentRevisions, List<String> headRevisions,
			List<MigrationInfo> pending, List<String> unknownApplied, @Nullable LockHolder lockHolder,
			List<String> interrupted, List<VerifyReport.Problem> problems) {
		this(state, currentRevisions, headRevisions, pending, unknownApplied, lockHolder, interrupted, problems,
				List.of());
	}

	/**
	 * A status without problems, as it was before {@code problems} existed.
	 * @param state the summary
	 * @param currentRevisions the current revision(s)
	 * @param headRevisions the head(s) of the scripts
	 * @param pending the migrations to every head, in order
	 * @param unknownApplied applied revisions the scripts do not know
	 * @param lockHolder who holds the migration lock, or {@code null}
	 * @param interrupted interrupted migrations, described
	 */
	public MigrationStatus(State state, List<String> currentRevisions, List<String> headRevisions,
			List<MigrationInfo> pending, List<String> unknownApplied, @Nullable LockHolder lockHolder,
			List<String> interrupted) {
		this(state, currentRevisions, headRevisions, pending, unknownApplied, lockHolder, interrupted, List.of(),
				List.of());
	}

	/**
	 * The problems of one kind.
	 * @param kind the kind
	 * @return the matching problems
	 */
	public List<VerifyReport.Problem> problems(VerifyReport.Kind kind) {
		return this.problems.stream().filter((problem) -> problem.kind() == kind).toList();
	}

	/**
	 * One labelled branch: the revision that declares the label and every revision
	 * above it along {@code down_revision}.
	 *
	 * @param label the branch label, as targets name it ({@code billing@head})
	 * @param base the revision that declares the label
	 * @param heads the branch's head(s): one unless the branch forks
	 * @param current the branch's current revision(s) in the database; empty when none
	 * of its revisions is applied
	 */
	public record Branch(String label, String base, List<String> heads, List<String> current) {

		public Branch {
			heads = List.copyOf(heads);
			current = List.copyOf(current);
		}

	}

	/**
	 * The summary of a status.
	 */
	public enum State {

		/**
		 * Every head is applied.
		 */
		UP_TO_DATE,

		/**
		 * Migrations are pending.
		 */
		PENDING,

		/**
		 * The database has revisions the application does not know.
		 */
		AHEAD,

		/**
		 * Applied scripts were edited after they were applied: a migrate refuses to run
		 * while validate-on-migrate is on (see {@link #problems()}). Wins over the other
		 * states.
		 */
		EDITED

	}

}
