package dev.migration.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
	 * What each downgrade would lose, one description per table or column that holds
	 * rows, keyed by the index of its statement list; empty when nothing is lost. The
	 * catalog is read once and every count goes in one query, whatever the number of
	 * migrations: a rollback of a thousand revisions makes two round trips here, not a
	 * thousand.
	 */
	Map<Integer, List<String>> losses(List<List<SqlStatement>> downgrades) {
		List<Drop> drops = new ArrayList<>();
		for (int i = 0; i < downgrades.size(); i++) {
			if (downgrades.get(i) != null) {
				for (SqlStatement statement : downgrades.get(i)) {
					collect(i, statement.sql().strip(), drops);
				}
			}
		}
		Map<Integer, List<String>> losses = new TreeMap<>();
		if (drops.isEmpty()) {
			return losses;
		}
		Set<String> mayHoldRows = countableColumns(drops);
		List<Drop> countable = drops.stream().filter((drop) -> mayHoldRows.contains(drop.key())).toList();
		if (countable.isEmpty()) {
			return losses;
		}
		StringBuilder query = new StringBuilder();
		for (int i = 0; i < countable.size(); i++) {
			Drop drop = countable.get(i);
			query.append((i > 0) ? " UNION ALL " : "")
				.append("SELECT ").append(i).append(", count(*) FROM ").append(drop.table().sql())
				.append((drop.column() != null) ? " WHERE " + this.dialect.quote(drop.column()) + " IS NOT NULL" : "");
		}
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery(query.toString())) {
			while (rows.next()) {
				long count = rows.getLong(2);
				if (count > 0) {
					Drop drop = countable.get(rows.getInt(1));
					losses.computeIfAbsent(drop.step(), (step) -> new ArrayList<>()).add(drop.describe(count));
				}
			}
		}
		catch (SQLException ex) {
			rollbackQuietly();
			throw new dev.migration.MigrationException("Cannot count the rows a rollback would drop: "
					+ ex.getMessage(), ex);
		}
		return losses;
	}

	private void collect(int step, String sql, List<Drop> drops) {
		// Both patterns start with their first word: a statement is matched against the
		// one it may be, and most (creating or dropping an index) against none.
		if (sql.regionMatches(true, 0, "DROP", 0, 4)) {
			Matcher dropTable = DROP_TABLE.matcher(sql);
			if (dropTable.matches()) {
				Matcher names = TABLE_NAME.matcher(dropTable.group(1));
				while (names.find()) {
					drops.add(new Drop(step, target(names.group(1), names.group(2)), null));
				}
			}
			return;
		}
		if (!sql.regionMatches(true, 0, "ALTER", 0, 5)) {
			return;
		}
		Matcher alter = ALTER_TABLE.matcher(sql);
		if (alter.matches() && alter.group(3).toUpperCase(Locale.ROOT).contains("DROP")) {
			Target table = target(alter.group(1), alter.group(2));
			Matcher columns = DROP_COLUMN.matcher(alter.group(3));
			while (columns.find()) {
				String column = unquote(columns.group(1));
				if (!column.equalsIgnoreCase("CONSTRAINT")) {
					drops.add(new Drop(step, table, column));
				}
			}
		}
	}

	/**
	 * The tables and columns that exist now and may hold rows, as {@code schema.table}
	 * and {@code schema.table.column}: a table created by a later step of the plan,
	 * already gone, or provably empty loses nothing.
	 */
	private Set<String> countableColumns(List<Drop> drops) {
		Set<String> schemas = new TreeSet<>();
		drops.forEach((drop) -> schemas.add(drop.table().schema()));
		Set<String> existing = new HashSet<>();
		try (java.sql.PreparedStatement statement = this.connection
			.prepareStatement(this.dialect.columnsQuery(schemas.size()))) {
			int index = 1;
			for (String schema : schemas) {
				statement.setString(index++, schema);
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					if (!rows.getBoolean(4)) {
						continue;
					}
					String table = rows.getString(1) + "." + rows.getString(2);
					existing.add(table);
					existing.add(table + "." + rows.getString(3));
				}
			}
		}
		catch (SQLException ex) {
			rollbackQuietly();
			throw new dev.migration.MigrationException("Cannot read the catalog to count the rows a rollback would "
					+ "drop: " + ex.getMessage(), ex);
		}
		return existing;
	}

	private Target target(String first, String second) {
		String schema = (second != null) ? unquote(first) : this.schema;
		String table = unquote((second != null) ? second : first);
		return new Target(schema, table, this.dialect.qualify(schema, table),
				(second != null) ? schema + "." + table : table);
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

	private record Target(String schema, String name, String sql, String display) {

	}

	/**
	 * A table, or a column of one, that a downgrade drops.
	 */
	private record Drop(int step, Target table, String column) {

		String key() {
			return this.table.schema() + "." + this.table.name() + ((this.column != null) ? "." + this.column : "");
		}

		String describe(long count) {
			return (this.column != null)
					? "column " + this.table.display() + "." + this.column + " (" + count + " non-null value"
							+ ((count == 1) ? "" : "s") + ")"
					: "table " + this.table.display() + " (" + count + " row" + ((count == 1) ? "" : "s") + ")";
		}

	}

}
