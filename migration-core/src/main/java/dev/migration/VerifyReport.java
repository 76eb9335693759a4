package dev.migration;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The findings of {@code verify()}: empty when scripts and database agree.
 *
 * @param problems every finding, in a stable order
 * @param notes what is worth knowing but no problem: the repeatable migrations a
 * migrate would run ({@link Kind#REPEATABLE_PENDING}), as pending revisions are not a
 * problem either
 */
public record VerifyReport(List<Problem> problems, List<Problem> notes) {

	public VerifyReport {
		problems = List.copyOf(problems);
		notes = (notes != null) ? List.copyOf(notes) : List.of();
	}

	/**
	 * A report without notes.
	 * @param problems every finding, in a stable order
	 */
	public VerifyReport(List<Problem> problems) {
		this(problems, List.of());
	}

	/**
	 * Whether nothing was found; {@linkplain #notes() notes} do not count.
	 * @return {@code true} when there is no problem
	 */
	public boolean isOk() {
		return this.problems.isEmpty();
	}

	/**
	 * The findings of one kind.
	 * @param kind the kind
	 * @return the matching problems
	 */
	public List<Problem> problems(Kind kind) {
		return this.problems.stream().filter((problem) -> problem.kind() == kind).toList();
	}

	/**
	 * One finding.
	 *
	 * @param kind what kind of problem
	 * @param revision the revision concerned, or {@code null} for a graph-wide problem
	 * @param detail a message naming the file, revision or value at fault
	 */
	public record Problem(Kind kind, @Nullable String revision, String detail) {

		/**
		 * The {@link Kind#MULTIPLE_HEADS} finding for the given heads.
		 * @param heads the heads, at least two
		 * @param branchLabels the labels of the branches each head belongs to; a head
		 * without an entry belongs to none
		 * @return the finding, naming the heads with their labels
		 */
		public static Problem multipleHeads(List<String> heads, Map<String, List<String>> branchLabels) {
			StringBuilder detail = new StringBuilder("The scripts have ").append(heads.size()).append(" heads: ");
			for (int i = 0; i < heads.size(); i++) {
				String head = heads.get(i);
				List<String> labels = branchLabels.getOrDefault(head, List.of());
				detail.append((i > 0) ? ", " : "")
					.append(head)
					.append(labels.isEmpty() ? "" : " (" + String.join(", ", labels) + ")");
			}
			detail.append("; join them in a merge revision (MigrationAuthor.merge)");
			return new Problem(Kind.MULTIPLE_HEADS, null, detail.toString());
		}

	}

	/**
	 * The kinds of finding.
	 */
	public enum Kind {

		/**
		 * An applied script was edited after it was applied.
		 */
		CHECKSUM_MISMATCH,

		/**
		 * An applied revision has no script.
		 */
		MISSING_SCRIPT,

		/**
		 * The scripts do not load or do not form a valid graph.
		 */
		GRAPH_PROBLEM,

		/**
		 * A migration has no downgrade.
		 */
		IRREVERSIBLE,

		/**
		 * On a scratch database, a migration's downgrade did not restore the schema, or
		 * its upgrade, downgrade, upgrade did not run.
		 */
		ROUND_TRIP,

		/**
		 * The database at head does not match the declared schema model.
		 */
		DRIFT,

		/**
		 * A {@code transactional: false} migration started and never finished: some of
		 * its statements may be committed.
		 */
		INTERRUPTED,

		/**
		 * An index of the migration schema is marked invalid by the database
		 * (PostgreSQL), as a failed {@code CREATE INDEX CONCURRENTLY} leaves it: kept up to
		 * date but never used, its name taken. The detail names the index and its table
		 * and gives the fix: {@code DROP INDEX CONCURRENTLY}, then run the migration
		 * again.
		 */
		INVALID_INDEX,

		/**
		 * The scripts have more than one head, which a merge revision would join. Found
		 * only by {@link MigrationManager#verifySingleHead()}, for a project that keeps
		 * one line of revisions: never by {@link MigrationManager#verify()}, as branches
		 * kept apart on purpose (labelled with {@code branch_labels}) have several heads.
		 */
		MULTIPLE_HEADS,

		/**
		 * A repeatable migration is new or changed since it last ran: a migrate runs it.
		 * A {@linkplain VerifyReport#notes() note}, not a problem.
		 */
		REPEATABLE_PENDING

	}

}
