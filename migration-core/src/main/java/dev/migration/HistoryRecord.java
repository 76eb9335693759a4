package dev.migration;

import org.jspecify.annotations.Nullable;

/**
 * An entry of the history log with, when {@linkplain HistoryQuery#sql() asked},
 * the SQL text of its revision.
 *
 * @param entry the log entry; its {@link HistoryEntry#error() error} is the error text
 * stored when the step failed
 * @param sql the revision's SQL text: its whole script when this build has it, else the
 * downgrade SQL the database stored when the revision was applied; {@code null} when not
 * asked for, for a Java migration, or when neither is known
 * @param sqlSource where {@code sql} comes from: the script's path, noting when the
 * script was edited since the entry was logged, or the database; {@code null} without
 * {@code sql}
 */
public record HistoryRecord(HistoryEntry entry, @Nullable String sql, @Nullable String sqlSource) {

	/**
	 * An entry without SQL.
	 * @param entry the log entry
	 */
	public HistoryRecord(HistoryEntry entry) {
		this(entry, null, null);
	}

}
