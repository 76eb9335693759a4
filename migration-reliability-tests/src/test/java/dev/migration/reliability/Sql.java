package dev.migration.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC reads, the same on both databases.
 */
final class Sql {

	private Sql() {
	}

	/**
	 * Runs a query and returns every row, columns joined with {@code |}.
	 * @param connection the connection
	 * @param sql the query
	 * @return the rows
	 * @throws SQLException if the query fails
	 */
	static List<String> rows(Connection connection, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? "|" : "").append(result.getString(i));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

	/**
	 * Runs a query returning one value.
	 * @param connection the connection
	 * @param sql the query
	 * @return the first column of the first row
	 * @throws SQLException if the query fails
	 */
	static String value(Connection connection, String sql) throws SQLException {
		List<String> rows = rows(connection, sql);
		if (rows.isEmpty()) {
			throw new IllegalStateException("No row from " + sql);
		}
		return rows.get(0);
	}

}
