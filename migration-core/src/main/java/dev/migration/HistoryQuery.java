package dev.migration;

import dev.migration.revision.RevisionRange;
import org.jspecify.annotations.Nullable;

/**
 * Which entries of the history log {@link MigrationManager#history(HistoryQuery)}
 * returns, and how much of each.
 *
 * @param range only the entries of the revisions in this range, or {@code null} for
 * every entry
 * @param limit the most entries, newest first; {@code 0} for all
 * @param sql whether to add each revision's SQL text to its entries
 */
public record HistoryQuery(@Nullable RevisionRange range, int limit, boolean sql) {

	public HistoryQuery {
		if (limit < 0) {
			throw new IllegalArgumentException("The history limit must be 0 (all) or more, was " + limit);
		}
	}

	/**
	 * Every entry, without SQL.
	 * @return the query
	 */
	public static HistoryQuery all() {
		return new HistoryQuery(null, 0, false);
	}

	/**
	 * This query restricted to a range.
	 * @param range the range, or {@code null} for every entry
	 * @return the query
	 */
	public HistoryQuery withRange(@Nullable RevisionRange range) {
		return new HistoryQuery(range, this.limit, this.sql);
	}

	/**
	 * This query restricted to a range given as text.
	 * @param range {@code A:B}, {@code A:} or {@code :B}, as {@link RevisionRange#parse}
	 * reads it
	 * @return the query
	 * @throws TargetException for a malformed range, naming the side at fault
	 */
	public HistoryQuery withRange(String range) {
		return withRange(RevisionRange.parse(range));
	}

	/**
	 * This query with at most some entries.
	 * @param limit the most entries, newest first; {@code 0} for all
	 * @return the query
	 */
	public HistoryQuery withLimit(int limit) {
		return new HistoryQuery(this.range, limit, this.sql);
	}

	/**
	 * This query with the SQL of each entry's revision.
	 * @return the query
	 */
	public HistoryQuery withSql() {
		return new HistoryQuery(this.range, this.limit, true);
	}

}
