package dev.migration.dialect.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.migration.autogenerate.SchemaIntrospector;
import dev.migration.autogenerate.SequenceReader;
import dev.migration.operation.CheckConstraint;
import dev.migration.operation.Column;
import dev.migration.operation.EnumType;
import dev.migration.operation.ForeignKey;
import dev.migration.operation.Identifier;
import dev.migration.operation.Index;
import dev.migration.operation.PrimaryKey;
import dev.migration.operation.ReferentialAction;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Sequence;
import dev.migration.operation.Table;
import dev.migration.operation.UniqueConstraint;

/**
 * Reads DuckDB's {@code duckdb_tables()}, {@code duckdb_columns()},
 * {@code duckdb_constraints()}, {@code duckdb_indexes()}, {@code duckdb_types()} and
 * {@code duckdb_sequences()} of the current database.
 * DuckDB generates constraint names itself and supports no referential action but
 * the default.
 */
final class DuckDbIntrospector implements SchemaIntrospector {

	private static final String TABLES = """
			SELECT table_name FROM duckdb_tables()
			WHERE database_name = current_database() AND schema_name = ? AND NOT temporary ORDER BY table_name""";

	private static final String COLUMNS = """
			SELECT column_name, data_type, is_nullable, column_default, comment FROM duckdb_columns()
			WHERE database_name = current_database() AND schema_name = ? AND table_name = ? ORDER BY column_index""";

	private static final String CONSTRAINTS = """
			SELECT constraint_type, constraint_name, to_json(constraint_column_names)::VARCHAR, expression, referenced_table,
				to_json(referenced_column_names)::VARCHAR
			FROM duckdb_constraints()
			WHERE database_name = current_database() AND schema_name = ? AND table_name = ?
				AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'CHECK', 'FOREIGN KEY')
			ORDER BY constraint_index""";

	private static final String INDEXES = """
			SELECT index_name, is_unique, expressions FROM duckdb_indexes()
			WHERE database_name = current_database() AND schema_name = ? AND table_name = ? ORDER BY index_name""";

	private static final String ENUM_TYPES = """
			SELECT type_name FROM duckdb_types()
			WHERE database_name = current_database() AND schema_name = ? AND logical_type = 'ENUM' AND NOT internal
			ORDER BY type_name""";

	private static final String SEQUENCES = """
			SELECT sequence_name, start_value, increment_by FROM duckdb_sequences()
			WHERE database_name = current_database() AND schema_name = ? AND NOT temporary ORDER BY sequence_name""";

	@Override
	public SchemaSnapshot snapshot(Connection connection, String schema, Set<String> excludedTables)
			throws SQLException {
		String target = schema;
		if (target == null) {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT current_schema()")) {
				rows.next();
				target = rows.getString(1);
			}
		}
		List<String> names = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
			statement.setString(1, target);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
		}
		Map<String, Table> tables = new TreeMap<>();
		for (String name : names) {
			if (!excludedTables.contains(name)) {
				tables.put(name, table(connection, target, name));
			}
		}
		Map<String, EnumType> enumTypes = new TreeMap<>();
		for (String type : names(connection, ENUM_TYPES, target)) {
			String sql = "SELECT to_json(enum_range(NULL::" + Identifier.quote(target) + "." + Identifier.quote(type)
					+ "))::VARCHAR";
			try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
				rows.next();
				enumTypes.put(type, new EnumType(type, strings(rows.getString(1))));
			}
		}
		Map<String, Sequence> sequences = SequenceReader.read(connection, SEQUENCES, target, excludedTables);
		return new SchemaSnapshot(tables, enumTypes, sequences);
	}

	private static List<String> names(Connection connection, String sql, String schema) throws SQLException {
		List<String> names = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, schema);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
		}
		return names;
	}

	private Table table(Connection connection, String schema, String name) throws SQLException {
		List<Column> columns = new ArrayList<>();
		try (PreparedStatement statement = prepare(connection, COLUMNS, schema, name);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				columns.add(new Column(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getString(4),
						rows.getString(5)));
			}
		}
		PrimaryKey primaryKey = null;
		List<UniqueConstraint> uniques = new ArrayList<>();
		List<CheckConstraint> checks = new ArrayList<>();
		List<ForeignKey> foreignKeys = new ArrayList<>();
		try (PreparedStatement statement = prepare(connection, CONSTRAINTS, schema, name);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				String constraint = rows.getString(2);
				List<String> keyColumns = strings(rows.getString(3));
				switch (rows.getString(1)) {
					case "PRIMARY KEY" -> primaryKey = new PrimaryKey(constraint, keyColumns);
					case "UNIQUE" -> uniques.add(new UniqueConstraint(constraint, name, keyColumns));
					case "CHECK" -> checks.add(new CheckConstraint(constraint, name, rows.getString(4)));
					default -> foreignKeys.add(new ForeignKey(constraint, name, keyColumns, rows.getString(5),
							strings(rows.getString(6)), ReferentialAction.NO_ACTION));
				}
			}
		}
		List<Index> indexes = new ArrayList<>();
		try (PreparedStatement statement = prepare(connection, INDEXES, schema, name);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				indexes.add(new Index(rows.getString(1), name, listLiteral(rows.getString(3)), rows.getBoolean(2), null));
			}
		}
		return new Table(name, columns, primaryKey, uniques, checks, foreignKeys, indexes);
	}

	private static PreparedStatement prepare(Connection connection, String sql, String schema, String table)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		statement.setString(1, schema);
		statement.setString(2, table);
		return statement;
	}

	/**
	 * The strings of a JSON array of strings: DuckDB's JDBC driver has no
	 * {@code getArray}, so lists are read as {@code to_json}.
	 */
	static List<String> strings(String json) {
		List<String> result = new ArrayList<>();
		if (json == null) {
			return result;
		}
		return quoted(json.strip(), '"');
	}

	/**
	 * The elements of the list literal {@code duckdb_indexes()} reports its expressions
	 * as, a VARCHAR: {@code [status, '"name"', '(lower(b))']}, elements single-quoted
	 * with backslash escapes when they need it.
	 */
	static List<String> listLiteral(String literal) {
		List<String> result = new ArrayList<>();
		if (literal == null) {
			return result;
		}
		String text = literal.strip();
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == ' ' || c == ',') {
				i++;
			}
			else if (c == '\'') {
				StringBuilder value = new StringBuilder();
				i++;
				while (i < text.length() && text.charAt(i) != '\'') {
					if (text.charAt(i) == '\\' && i + 1 < text.length()) {
						i++;
					}
					value.append(text.charAt(i++));
				}
				result.add(value.toString());
				i++;
			}
			else {
				int depth = 0;
				int start = i;
				while (i < text.length() && (depth > 0 || text.charAt(i) != ',')) {
					depth += (text.charAt(i) == '(') ? 1 : (text.charAt(i) == ')') ? -1 : 0;
					i++;
				}
				result.add(text.substring(start, i).strip());
			}
		}
		return result;
	}

	private static List<String> quoted(String text, char quote) {
		List<String> result = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c != quote) {
				i++;
				continue;
			}
			StringBuilder value = new StringBuilder();
			i++;
			while (i < text.length() && text.charAt(i) != quote) {
				char next = text.charAt(i);
				if (next == '\\' && i + 1 < text.length()) {
					char escaped = text.charAt(++i);
					switch (escaped) {
						case 'n' -> value.append('\n');
						case 't' -> value.append('\t');
						case 'u' -> {
							value.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
							i += 4;
						}
						default -> value.append(escaped);
					}
				}
				else {
					value.append(next);
				}
				i++;
			}
			result.add(value.toString());
			i++;
		}
		return result;
	}

}
