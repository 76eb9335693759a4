package dev.migration.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.dialect.Dialect;
import dev.migration.script.SqlStatement;

/**
 * Before a downgrade that drops a table or a column, counts the rows that would be
 * lost. Reads {@code DROP TABLE} and {@code ALTER TABLE ... DROP [COLUMN]} statements;
 * a Java downgrade cannot be read and is not counted.
 */
final class DataLossGuard {

	private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";

	private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";

	private static final Pattern DROP_TABLE = Pattern
		.compile("^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(.+?)(?:\\s+(?:CASCADE|RESTRICT))?$", Pattern.CASE_INSENSITIVE
				| Pattern.DOTALL);

	private static final Pattern ALTER_TABLE = Pattern.compile(
			"^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + QUALIFIED + "\\s+(.+)$",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern DROP_COLUMN = Pattern.compile(
			"(?:^|,)\\s*DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);

	private static final Pattern TABLE_NAME = Pattern.compile(QUALIFIED);

	private final Connection connection;

	private final Dialect dialect;

	private final String schema;

	DataLossGuard(Connection connection, Dialect dialect, String schema) {
		this.connection = connection;
		this.dialect = dialect;
		this.schema = schema;
	}

	/**
	 * What a downgrade's statements would lose, one description per table or column that
	 * holds rows; empty when nothing is lost.
	 */
	List<String> losses(List<SqlStatement> statements) {
		List<String> losses = new ArrayList<>();
		for (SqlStatement statement : statements) {
			String sql = statement.sql().strip();
			Matcher dropTable = DROP_TABLE.matcher(sql);
			if (dropTable.matches()) {
				Matcher names = TABLE_NAME.matcher(dropTable.group(1));
				while (names.find()) {
					Target table = target(names.group(1), names.group(2));
					long rows = count("SELECT count(*) FROM " + table.sql());
					if (rows > 0) {
						losses.add("table " + table.display() + " (" + rows + " row" + ((rows == 1) ? "" : "s") + ")");
					}
				}
				continue;
			}
			Matcher alter = ALTER_TABLE.matcher(sql);
			if (alter.matches() && alter.group(3).toUpperCase(Locale.ROOT).contains("DROP")) {
				Target table = target(alter.group(1), alter.group(2));
				Matcher columns = DROP_COLUMN.matcher(alter.group(3));
				while (columns.find()) {
					String column = unquote(columns.group(1));
					if (column.equalsIgnoreCase("CONSTRAINT")) {
						continue;
					}
					long rows = count("SELECT count(*) FROM " + table.sql() + " WHERE " + this.dialect.quote(column)
							+ " IS NOT NULL");
					if (rows > 0) {
						losses.add("column " + table.display() + "." + column + " (" + rows + " non-null value"
								+ ((rows == 1) ? "" : "s") + ")");
					}
				}
			}
		}
		return losses;
	}

	private Target target(String first, String second) {
		String schema = (second != null) ? unquote(first) : this.schema;
		String table = unquote((second != null) ? second : first);
		return new Target(this.dialect.qualify(schema, table), (second != null) ? schema + "." + table : table);
	}

	/**
	 * Unquoted identifiers fold to lower case, as both databases store them.
	 */
	private static String unquote(String name) {
		if (name.startsWith("\"")) {
			return name.substring(1, name.length() - 1).replace("\"\"", "\"");
		}
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * Counts rows; a table or column that does not exist (yet) loses nothing.
	 */
	private long count(String sql) {
		try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getLong(1) : 0;
		}
		catch (SQLException ex) {
			rollbackQuietly();
			return 0;
		}
	}

	private void rollbackQuietly() {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
			}
		}
		catch (SQLException ex) {
			// The next statement reports a broken connection.
		}
	}

	private record Target(String sql, String display) {

	}

}
