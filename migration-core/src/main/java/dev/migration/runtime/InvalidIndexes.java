package dev.migration.runtime;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The indexes of the migration schema that the database marks invalid, such as one left
 * behind by a failed {@code CREATE INDEX CONCURRENTLY}: the database keeps it up to date
 * but never uses it, and running the statement again fails as its name is taken.
 */
final class InvalidIndexes {

	private InvalidIndexes() {
	}

	/**
	 * The invalid indexes of the migration schema, by name; none where the dialect has
	 * no such state.
	 */
	static List<InvalidIndex> find(Session session) throws SQLException {
		String query = session.dialect().invalidIndexesQuery();
		if (query == null) {
			return List.of();
		}
		List<InvalidIndex> found = new ArrayList<>();
		try (PreparedStatement statement = session.connection().prepareStatement(query)) {
			statement.setString(1, session.schema());
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					found.add(new InvalidIndex(rows.getString(1), rows.getString(2)));
				}
			}
		}
		return found;
	}

	/**
	 * "invalid index x on table y", for one or several.
	 */
	static String describe(List<InvalidIndex> indexes) {
		return ((indexes.size() == 1) ? "invalid index " : "invalid indexes ")
				+ indexes.stream().map(InvalidIndex::describe).collect(Collectors.joining(", "));
	}

	/**
	 * The statements that drop them without blocking writes to their tables.
	 */
	static String fix(List<InvalidIndex> indexes, Session session) {
		return indexes.stream()
			.map((index) -> "DROP INDEX CONCURRENTLY " + session.dialect().qualify(session.schema(), index.index())
					+ ";")
			.collect(Collectors.joining(" "));
	}

	/**
	 * An invalid index and the table it is on.
	 */
	record InvalidIndex(String index, String table) {

		String describe() {
			return this.index + " on table " + this.table;
		}

	}

}
