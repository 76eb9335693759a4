package dev.migration.autogenerate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.migration.operation.Sequence;

/**
 * Reads the standalone sequences of a schema with a dialect's catalog query, which
 * takes the schema and returns name, start and increment. For the introspectors of
 * the dialects.
 */
public final class SequenceReader {

	private SequenceReader() {
	}

	/**
	 * Reads the sequences.
	 * @param connection the connection
	 * @param query the dialect's query
	 * @param schema the schema
	 * @param excluded sequences to leave out (the history log's)
	 * @return the sequences by name, sorted
	 * @throws SQLException if the catalog cannot be read
	 */
	public static Map<String, Sequence> read(Connection connection, String query, String schema, Set<String> excluded)
			throws SQLException {
		Map<String, Sequence> sequences = new TreeMap<>();
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, schema);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String name = rows.getString(1);
					if (!excluded.contains(name)) {
						sequences.put(name, new Sequence(name, rows.getLong(2), rows.getLong(3)));
					}
				}
			}
		}
		return sequences;
	}

}
