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
 * @param repeatables the repeatable migrations ({@code repeatable: true}) in the order
 * they run, each with where it stands; empty when there are none
 */
public record MigrationStatus(State state, List<String> currentRevisions, List<String> headRevisions,
		List<MigrationInfo> pending, List<String> unknownApplied, @Nullable LockHolder lockHolder, List<String> interrupted,
		List<VerifyReport.Problem> problems, List<Branch> branches, List<Repeatable> repeatables) {

	public MigrationStatus {
		currentRevisions = List.copyOf(currentRevisions);
		headRevisions = List.copyOf(headRevisions);
		pending = List.copyOf(pending);
		unknownApplied = List.copyOf(unknownApplied);
		interrupted = List.copyOf(interrupted);
		problems = List.copyOf(problems);
		branches = (branches != null) ? List.copyOf(branches) : List.of();
		repeatables = (repeatables != null) ? List.copyOf(repeatables) : List.of();
	}

	/**
	 * A status without repeatable migrations, as it was before {@code repeatables}
	 * existed.
	 * @param state the summary
	 * @param currentRevisions the current revision(s)
	 * @param headRevisions the head(s) of the scripts
	 * @param pending the migrations to every head, in order
	 * @param unknownApplied applied revisions the scripts do not know
	 * @param lockHolder who holds the migration lock, or {@code null}
	 * @param interrupted interrupted migrations, described
	 * @param problems what a migrate would trip over
	 * @param branches the labelled branches
	 */
	public MigrationStatus(State state, List<String> currentRevisions, List<String> headRevisions,
			List<MigrationInfo> pending, List<String> unknownApplied, @Nullable LockHolder lockHolder,
			List<String> interrupted, List<VerifyReport.Problem> problems, List<Branch> branches) {
		this(state, currentRevisions, headRevisions, pending, unknownApplied, lockHolder, interrupted, problems,
				branches, List.of());
	}

	/**
	 * The repeatable migrations a migrate to every head would apply: new or changed.
	 * @return the pending repeatables, in the order they run
	 */
	public List<Repeatable> pendingRepeatables() {
		return this.repeatables.stream().filter(Repeatable::pending).toList();
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
	 * A repeatable migration and where it stands.
	 *
	 * @param id its id (the {@code revision} of its header)
	 * @param message its one-line description
	 * @param path where its script lives
	 * @param state where it stands
	 * @param dependsOn the revisions and repeatables it runs after
	 * @param waitingFor for {@link RepeatableState#WAITING}: what it depends on that is
	 * not applied yet; empty otherwise
	 */
	public record Repeatable(String id, String message, String path, RepeatableState state, List<String> dependsOn,
			List<String> waitingFor) {

		public Repeatable {
			dependsOn = List.copyOf(dependsOn);
			waitingFor = List.copyOf(waitingFor);
		}

		/**
		 * Whether a migrate runs it: it is new or changed.
		 * @return whether it is pending
		 */
		public boolean pending() {
			return this.state == RepeatableState.NEW || this.state == RepeatableState.CHANGED;
		}

	}

	/**
	 * Where a repeatable migration stands.
	 */
	public enum RepeatableState {

		/**
		 * It last ran with the script's current checksum.
		 */
		UP_TO_DATE,

		/**
		 * It never ran, or was taken down by a rollback: a migrate runs it.
		 */
		NEW,

		/**
		 * Its script changed since it last ran: a migrate runs it again.
		 */
		CHANGED,

		/**
		 * A revision it depends on is not applied (or a repeatable it depends on waits):
		 * a migrate runs it once that revision is.
		 */
		WAITING

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
		 * Migrations are pending: revisions, or repeatable migrations that are new or
		 * changed.
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
