package dev.migration.dialect.postgresql;

import java.sql.Array;
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
 * Reads PostgreSQL's catalog: tables, enum types and sequences. Types come from
 * {@code format_type}, defaults and check conditions from {@code pg_get_expr}, index
 * elements from {@code pg_get_indexdef},
 * all while the schema is first on the search path so that names are rendered
 * unqualified, the same way for the live schema and for the model's scratch schema.
 */
final class PostgresIntrospector implements SchemaIntrospector {

	private static final Map<String, String> SERIALS = Map.of("integer", "serial", "bigint", "bigserial", "smallint",
			"smallserial");

	private static final String TABLES = """
			SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname""";

	private static final String COLUMNS = """
			SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
				pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum), a.attidentity,
				(SELECT quote_ident(s.relname) FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid
					WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
						AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'
						AND s.relkind = 'S' LIMIT 1)
			FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";

	private static final String ENUM_TYPES = """
			SELECT t.typname, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
				ORDER BY e.enumsortorder)
			FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
			WHERE n.nspname = ? AND t.typtype = 'e' ORDER BY t.typname""";

	// Sequences owned by a column (serial, identity) belong to the column.
	private static final String SEQUENCES = """
			SELECT c.relname, s.seqstart, s.seqincrement
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
			WHERE n.nspname = ? AND c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend dep
				WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass
					AND dep.deptype IN ('a', 'i'))
			ORDER BY c.relname""";

	private static final String CONSTRAINTS = """
			SELECT con.conname, con.contype,
				ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
					JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
				rc.relname,
				ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
					JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i),
				con.confdeltype, pg_get_expr(con.conbin, con.conrelid)
			FROM pg_constraint con LEFT JOIN pg_class rc ON rc.oid = con.confrelid
			WHERE con.conrelid = ? AND con.contype IN ('p', 'u', 'c', 'f') ORDER BY con.conname""";

	private static final String INDEXES = """
			SELECT ic.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid),
				ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k)
			FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
			WHERE i.indrelid = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c
				WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
			ORDER BY ic.relname""";

	@Override
	public SchemaSnapshot snapshot(Connection connection, String schema, Set<String> excludedTables)
			throws SQLException {
		String searchPath = query(connection, "SELECT current_setting('search_path')");
		String target = (schema != null) ? schema : query(connection, "SELECT current_schema()");
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO " + Identifier.quote(target));
		}
		try {
			Map<String, Table> tables = new TreeMap<>();
			try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
				statement.setString(1, target);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						String name = rows.getString(2);
						if (!excludedTables.contains(name)) {
							tables.put(name, table(connection, rows.getLong(1), name));
						}
					}
				}
			}
			Map<String, EnumType> enumTypes = new TreeMap<>();
			try (PreparedStatement statement = connection.prepareStatement(ENUM_TYPES)) {
				statement.setString(1, target);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						enumTypes.put(rows.getString(1), new EnumType(rows.getString(1), strings(rows.getArray(2))));
					}
				}
			}
			Map<String, Sequence> sequences = SequenceReader.read(connection, SEQUENCES, target, excludedTables);
			return new SchemaSnapshot(tables, enumTypes, sequences);
		}
		finally {
			try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
				statement.setString(1, searchPath);
				statement.execute();
			}
		}
	}

	private static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private Table table(Connection connection, long oid, String name) throws SQLException {
		List<Column> columns = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
			statement.setLong(1, oid);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					columns.add(column(rows));
				}
			}
		}
		PrimaryKey primaryKey = null;
		List<UniqueConstraint> uniques = new ArrayList<>();
		List<CheckConstraint> checks = new ArrayList<>();
		List<ForeignKey> foreignKeys = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(CONSTRAINTS)) {
			statement.setLong(1, oid);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String constraint = rows.getString(1);
					List<String> keyColumns = strings(rows.getArray(3));
					switch (rows.getString(2)) {
						case "p" -> primaryKey = new PrimaryKey(constraint, keyColumns);
						case "u" -> uniques.add(new UniqueConstraint(constraint, name, keyColumns));
						case "c" -> checks.add(new CheckConstraint(constraint, name, rows.getString(7)));
						default -> foreignKeys.add(new ForeignKey(constraint, name, keyColumns, rows.getString(4),
								strings(rows.getArray(5)), action(rows.getString(6))));
					}
				}
			}
		}
		List<Index> indexes = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(INDEXES)) {
			statement.setLong(1, oid);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					indexes.add(new Index(rows.getString(1), name, strings(rows.getArray(4)), rows.getBoolean(2),
							rows.getString(3)));
				}
			}
		}
		return new Table(name, columns, primaryKey, uniques, checks, foreignKeys, indexes);
	}

	/**
	 * A column; a serial column (its default draws from a sequence it owns) as declared,
	 * {@code bigserial} without a default, so that creating it creates its sequence too.
	 */
	private static Column column(ResultSet rows) throws SQLException {
		String type = rows.getString(2);
		String defaultExpression = rows.getString(4);
		String ownedSequence = rows.getString(7);
		if (ownedSequence != null && ("nextval('" + ownedSequence + "'::regclass)").equals(defaultExpression)
				&& SERIALS.containsKey(type)) {
			type = SERIALS.get(type);
			defaultExpression = null;
		}
		Column.Identity identity = switch (String.valueOf(rows.getString(6))) {
			case "a" -> Column.Identity.ALWAYS;
			case "d" -> Column.Identity.BY_DEFAULT;
			default -> null;
		};
		return new Column(rows.getString(1), type, !rows.getBoolean(3), defaultExpression, rows.getString(5),
				identity);
	}

	private static List<String> strings(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (Object element : (Object[]) array.getArray()) {
			result.add(String.valueOf(element));
		}
		return result;
	}

	private static ReferentialAction action(String code) {
		return switch (code) {
			case "r" -> ReferentialAction.RESTRICT;
			case "c" -> ReferentialAction.CASCADE;
			case "n" -> ReferentialAction.SET_NULL;
			case "d" -> ReferentialAction.SET_DEFAULT;
			default -> ReferentialAction.NO_ACTION;
		};
	}

}
