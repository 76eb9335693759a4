package dev.migration.dialect.duckdb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.migration.MigrationException;
import dev.migration.dialect.Dialect;
import dev.migration.operation.Column;
import dev.migration.operation.DdlRenderer;
import dev.migration.operation.ForeignKey;
import dev.migration.operation.Operation;
import dev.migration.operation.PortableType;
import dev.migration.operation.ReferentialAction;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Table;

/**
 * DuckDB's DDL. DuckDB has no {@code ALTER} form for constraints, and cannot drop,
 * rename or retype a column of a table that has an index or is referenced by a
 * foreign key. For those operations this renderer rebuilds the table the way
 * Alembic's batch mode does on SQLite, inside the migration's transaction: copy the
 * rows aside, drop the table (and the tables referencing it, which DuckDB would not
 * let go otherwise), create them with their new definition, copy the rows back and
 * recreate the indexes. Consecutive operations on the same table share one rebuild.
 * DuckDB ignores constraint names, so none are written.
 */
final class DuckDbRenderer extends DdlRenderer {

	private static final String REBUILD_SUFFIX = "__rebuild";

	DuckDbRenderer(Dialect dialect) {
		super(dialect);
	}

	@Override
	public String type(String portableType) {
		PortableType type = PortableType.parse(portableType);
		return switch (type.name()) {
			case "integer", "int", "int4" -> type.plain("INTEGER");
			case "bigint", "int8" -> type.plain("BIGINT");
			case "smallint", "int2" -> type.plain("SMALLINT");
			// DuckDB keeps no length: VARCHAR(n) is reported as VARCHAR.
			case "varchar", "char" -> {
				type.arguments(0, 1);
				yield "VARCHAR";
			}
			case "text" -> type.plain("VARCHAR");
			case "boolean", "bool" -> type.plain("BOOLEAN");
			case "numeric", "decimal" -> "DECIMAL" + decimalArguments(type);
			case "date" -> type.plain("DATE");
			case "time" -> type.plain("TIME");
			case "timestamp" -> type.plain("TIMESTAMP");
			case "timestamptz" -> type.plain("TIMESTAMP WITH TIME ZONE");
			case "uuid" -> type.plain("UUID");
			case "json", "jsonb" -> type.plain("JSON");
			case "double" -> type.plain("DOUBLE");
			case "real", "float" -> type.plain("FLOAT");
			case "bytea", "blob" -> type.plain("BLOB");
			default -> throw PortableType.unknown(portableType);
		};
	}

	private static String decimalArguments(PortableType type) {
		List<Integer> arguments = type.arguments(0, 2).arguments();
		if (arguments.isEmpty()) {
			return "(18,3)";
		}
		return "(" + arguments.get(0) + "," + ((arguments.size() > 1) ? arguments.get(1) : 0) + ")";
	}

	@Override
	protected String columnDefinition(Column column) {
		if (column.identity() != null) {
			throw new MigrationException("DuckDB has no identity columns (column " + column.name() + " GENERATED "
					+ column.identity().sql() + " AS IDENTITY): use CREATE SEQUENCE and DEFAULT nextval('sequence')");
		}
		return super.columnDefinition(column);
	}

	@Override
	protected String constraintName(String name) {
		return "";
	}

	@Override
	protected String onDelete(ForeignKey foreignKey) {
		if (foreignKey.onDelete() != ReferentialAction.NO_ACTION) {
			throw new MigrationException("DuckDB does not support ON DELETE " + foreignKey.onDelete().sql()
					+ " (foreign key " + foreignKey.table() + foreignKey.columns() + " -> "
					+ foreignKey.referencedTable() + "): use no action and delete referencing rows explicitly");
		}
		return "";
	}

	/**
	 * Consecutive operations that rebuild the same table rebuild it once.
	 */
	@Override
	public List<String> render(List<? extends Operation> operations, SchemaSnapshot before) {
		if (before == null) {
			return super.render(operations, null);
		}
		List<String> statements = new ArrayList<>();
		SchemaSnapshot state = before;
		int i = 0;
		while (i < operations.size()) {
			Operation operation = operations.get(i);
			if (!needsRebuild(operation)) {
				statements.addAll(super.render(List.of(operation), state));
				state = operation.applyTo(state);
				i++;
				continue;
			}
			String table = rebuiltTable(operation);
			// For each column after the batch, the column before it that holds its rows;
			// null for a column dropped and added again, which starts empty.
			Map<String, String> sources = new HashMap<>();
			SchemaSnapshot after = state;
			while (i < operations.size() && needsRebuild(operations.get(i))
					&& table.equals(rebuiltTable(operations.get(i)))) {
				Operation each = operations.get(i);
				if (each instanceof Operation.RenameColumn rename) {
					String source = sources.containsKey(rename.oldName()) ? sources.remove(rename.oldName())
							: rename.oldName();
					sources.put(rename.newName(), source);
				}
				else if (each instanceof Operation.DropColumn drop) {
					sources.put(drop.column().name(), null);
				}
				after = each.applyTo(after);
				i++;
			}
			statements.addAll(rebuild(state, after, table, sources));
			state = after;
		}
		return statements;
	}

	/**
	 * Whether DuckDB has no {@code ALTER} form for the operation.
	 */
	private static boolean needsRebuild(Operation operation) {
		if (operation instanceof Operation.AddColumn add) {
			return !add.column().nullable();
		}
		if (operation instanceof Operation.AlterColumn alter) {
			return !alter.from().type().equals(alter.to().type()) || alter.from().nullable() != alter.to().nullable();
		}
		return operation instanceof Operation.DropColumn || operation instanceof Operation.RenameColumn
				|| operation instanceof Operation.AddForeignKey || operation instanceof Operation.DropForeignKey
				|| operation instanceof Operation.AddCheckConstraint
				|| operation instanceof Operation.DropCheckConstraint
				|| operation instanceof Operation.AddUniqueConstraint
				|| operation instanceof Operation.DropUniqueConstraint || operation instanceof Operation.AddPrimaryKey
				|| operation instanceof Operation.DropPrimaryKey;
	}

	@Override
	protected List<String> render(Operation operation, SchemaSnapshot before) {
		if (operation instanceof Operation.CreateTable create) {
			return createTableWithIndexes(create.table());
		}
		if (operation instanceof Operation.DropTable drop) {
			return List.of("DROP TABLE " + q(drop.table().name()));
		}
		if (operation instanceof Operation.CreateIndex create) {
			return List.of(createIndex(create.index()));
		}
		if (operation instanceof Operation.CreateEnumType create) {
			return List.of(createEnumType(create.type()));
		}
		if (operation instanceof Operation.DropEnumType drop) {
			return List.of(dropEnumType(drop.type()));
		}
		if (operation instanceof Operation.AlterEnumType alter) {
			// Columns keep their own copy of the values: the type alone is recreated, and
			// each column whose values change is altered (rebuilt) on its own.
			return List.of(dropEnumType(alter.from()), createEnumType(alter.to()));
		}
		if (operation instanceof Operation.CreateSequence create) {
			return List.of(createSequence(create.sequence()));
		}
		if (operation instanceof Operation.DropSequence drop) {
			return List.of(dropSequence(drop.sequence()));
		}
		if (operation instanceof Operation.DropIndex drop) {
			return List.of(dropIndex(drop.index()));
		}
		if (operation instanceof Operation.AddColumn add && add.column().nullable()) {
			List<String> statements = new ArrayList<>();
			statements.add("ALTER TABLE " + q(add.table()) + " ADD COLUMN " + columnDefinition(add.column()));
			if (add.column().comment() != null) {
				statements.add(comment(add.table(), add.column()));
			}
			return statements;
		}
		if (operation instanceof Operation.AlterColumn alter && alter.from().type().equals(alter.to().type())
				&& alter.from().nullable() == alter.to().nullable()) {
			return alterDefaultAndComment(alter);
		}
		String table = rebuiltTable(operation);
		if (before == null) {
			throw new MigrationException("DuckDB cannot " + operation.describe()
					+ " with ALTER TABLE: it needs a table rebuild, which needs the table's current definition;"
					+ " use MigrationTemplates.forDatabase(connection) so it is read from the database");
		}
		Map<String, String> sources = new HashMap<>();
		if (operation instanceof Operation.RenameColumn rename) {
			sources.put(rename.newName(), rename.oldName());
		}
		return rebuild(before, operation.applyTo(before), table, sources);
	}

	private List<String> alterDefaultAndComment(Operation.AlterColumn alter) {
		List<String> statements = new ArrayList<>();
		Column to = alter.to();
		if (!Objects.equals(alter.from().defaultExpression(), to.defaultExpression())) {
			statements.add("ALTER TABLE " + q(alter.table()) + " ALTER COLUMN " + q(to.name())
					+ ((to.defaultExpression() != null) ? " SET DEFAULT " + to.defaultExpression() : " DROP DEFAULT"));
		}
		if (!Objects.equals(alter.from().comment(), to.comment())) {
			statements.add(comment(alter.table(), to));
		}
		return statements;
	}

	private static String rebuiltTable(Operation operation) {
		if (operation instanceof Operation.AddColumn add) {
			return add.table();
		}
		if (operation instanceof Operation.DropColumn drop) {
			return drop.table();
		}
		if (operation instanceof Operation.AlterColumn alter) {
			return alter.table();
		}
		if (operation instanceof Operation.RenameColumn rename) {
			return rename.table();
		}
		if (operation instanceof Operation.AddForeignKey add) {
			return add.foreignKey().table();
		}
		if (operation instanceof Operation.DropForeignKey drop) {
			return drop.foreignKey().table();
		}
		if (operation instanceof Operation.AddCheckConstraint add) {
			return add.constraint().table();
		}
		if (operation instanceof Operation.DropCheckConstraint drop) {
			return drop.constraint().table();
		}
		if (operation instanceof Operation.AddUniqueConstraint add) {
			return add.constraint().table();
		}
		if (operation instanceof Operation.DropUniqueConstraint drop) {
			return drop.constraint().table();
		}
		if (operation instanceof Operation.AddPrimaryKey add) {
			return add.table();
		}
		if (operation instanceof Operation.DropPrimaryKey drop) {
			return drop.table();
		}
		throw new MigrationException("Cannot render " + operation.describe() + " for DuckDB");
	}

	/**
	 * Rebuilds a table, and the tables that reference it (transitively), from their
	 * definitions after the operation.
	 * @param sources for the rebuilt table, the old column each new column is copied
	 * from when its name changed
	 */
	private List<String> rebuild(SchemaSnapshot before, SchemaSnapshot after, String table,
			Map<String, String> sources) {
		Set<String> tables = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>(List.of(table));
		while (!pending.isEmpty()) {
			String next = pending.pop();
			if (tables.add(next)) {
				pending.addAll(before.referencing(next));
			}
		}
		List<String> createOrder = dependencyOrder(after, tables);
		List<String> dropOrder = new ArrayList<>(dependencyOrder(before, tables));
		java.util.Collections.reverse(dropOrder);
		List<String> statements = new ArrayList<>();
		statements.add("-- DuckDB has no ALTER for this: rebuild " + String.join(", ", createOrder));
		for (String name : tables) {
			statements.add("CREATE TABLE " + q(name + REBUILD_SUFFIX) + " AS SELECT * FROM " + q(name));
		}
		for (String name : dropOrder) {
			statements.add("DROP TABLE " + q(name));
		}
		for (String name : createOrder) {
			statements.add(createTable(after.require(name)));
		}
		for (String name : createOrder) {
			Table old = before.require(name);
			Table created = after.require(name);
			List<String> targets = new ArrayList<>();
			List<String> values = new ArrayList<>();
			for (Column column : created.columns()) {
				String source = (name.equals(table) && sources.containsKey(column.name())) ? sources.get(column.name())
						: column.name();
				Column previous = (source != null) ? old.column(source).orElse(null) : null;
				if (previous == null) {
					continue;
				}
				targets.add(q(column.name()));
				values.add(previous.type().equals(column.type()) ? q(source)
						: "CAST(" + q(source) + " AS " + column.type() + ")");
			}
			if (!targets.isEmpty()) {
				statements.add("INSERT INTO " + q(name) + " (" + String.join(", ", targets) + ") SELECT "
						+ String.join(", ", values) + " FROM " + q(name + REBUILD_SUFFIX));
			}
		}
		for (String name : tables) {
			statements.add("DROP TABLE " + q(name + REBUILD_SUFFIX));
		}
		for (String name : createOrder) {
			statements.addAll(createIndexes(after.require(name)));
			statements.addAll(comments(after.require(name)));
		}
		return statements;
	}

	/**
	 * The given tables, each after the tables it references.
	 */
	static List<String> dependencyOrder(SchemaSnapshot snapshot, Set<String> names) {
		List<String> ordered = new ArrayList<>();
		Set<String> visiting = new java.util.HashSet<>();
		for (String name : new java.util.TreeSet<>(names)) {
			visit(snapshot, names, name, ordered, visiting);
		}
		return ordered;
	}

	private static void visit(SchemaSnapshot snapshot, Set<String> names, String name, List<String> ordered,
			Set<String> visiting) {
		if (ordered.contains(name) || !visiting.add(name)) {
			return;
		}
		Table table = snapshot.table(name).orElse(null);
		if (table != null) {
			for (ForeignKey key : table.foreignKeys()) {
				if (names.contains(key.referencedTable()) && !key.referencedTable().equals(name)) {
					visit(snapshot, names, key.referencedTable(), ordered, visiting);
				}
			}
		}
		ordered.add(name);
	}

}
