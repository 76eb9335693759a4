package dev.migration.autogenerate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.operation.CheckConstraint;
import dev.migration.operation.Column;
import dev.migration.operation.EnumType;
import dev.migration.operation.ForeignKey;
import dev.migration.operation.Index;
import dev.migration.operation.Operation;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Sequence;
import dev.migration.operation.Table;
import dev.migration.operation.UniqueConstraint;

/**
 * Compares enum types by their values and sequences by name, tables by content rather
 * than by name where databases generate names: check
 * constraints by condition, unique constraints by columns, foreign keys by columns,
 * referenced table, referenced columns and action. Indexes compare by name.
 */
final class DefaultSchemaComparator implements SchemaComparator {

	private static final Set<String> WIDENINGS = Set.of("integer>bigint", "smallint>integer", "smallint>bigint",
			"INTEGER>BIGINT", "SMALLINT>INTEGER", "SMALLINT>BIGINT", "real>double precision", "FLOAT>DOUBLE");

	private static final Pattern ENUM_VALUE = Pattern.compile("'((?:[^']|'')*)'");

	@Override
	public List<Operation> compare(SchemaSnapshot from, SchemaSnapshot to) {
		List<Operation> notes = new ArrayList<>();
		List<Operation> dropForeignKeys = new ArrayList<>();
		List<Operation> dropConstraints = new ArrayList<>();
		List<Operation> columns = new ArrayList<>();
		List<Operation> addConstraints = new ArrayList<>();
		List<Operation> addForeignKeys = new ArrayList<>();
		Set<String> dropped = new TreeSet<>(from.tables().keySet());
		dropped.removeAll(to.tables().keySet());
		Set<String> created = new TreeSet<>(to.tables().keySet());
		created.removeAll(from.tables().keySet());
		if (!dropped.isEmpty() && !created.isEmpty()) {
			notes.add(new Operation.ReviewNote("table(s) " + dropped + " disappeared and " + created
					+ " appeared: if this is a rename, replace the drop and create with ALTER TABLE ... RENAME TO"
					+ " to keep the data"));
		}
		for (String name : from.tables().keySet()) {
			Table old = from.tables().get(name);
			Table target = to.tables().get(name);
			if (target == null) {
				continue;
			}
			for (ForeignKey key : old.foreignKeys()) {
				if (target.foreignKeys().stream().noneMatch((candidate) -> sameForeignKey(key, candidate))) {
					dropForeignKeys.add(new Operation.DropForeignKey(key));
				}
			}
			for (ForeignKey key : target.foreignKeys()) {
				if (old.foreignKeys().stream().noneMatch((candidate) -> sameForeignKey(key, candidate))) {
					addForeignKeys.add(new Operation.AddForeignKey(key));
				}
			}
			compareConstraints(old, target, dropConstraints, addConstraints);
			compareColumns(old, target, notes, columns);
		}
		List<Operation> createTypes = new ArrayList<>();
		List<Operation> addEnumValues = new ArrayList<>();
		List<Operation> recreateTypes = new ArrayList<>();
		List<Operation> dropTypes = new ArrayList<>();
		compareEnumTypes(from, to, notes, createTypes, addEnumValues, recreateTypes, dropTypes);
		compareSequences(from, to, notes, createTypes, dropTypes);
		// Foreign keys of kept tables that reference dropped tables go with the drop.
		// Types and sequences come before the tables that use them and go after them;
		// an enum type that loses values is recreated once its columns have changed.
		List<Operation> operations = new ArrayList<>(notes);
		operations.addAll(createTypes);
		operations.addAll(addEnumValues);
		operations.addAll(dropForeignKeys);
		operations.addAll(dropConstraints);
		List<String> dropOrder = new ArrayList<>(dependencyOrder(from, dropped));
		java.util.Collections.reverse(dropOrder);
		dropOrder.forEach((name) -> operations.add(new Operation.DropTable(from.tables().get(name))));
		for (String name : dependencyOrder(to, created)) {
			operations.add(new Operation.CreateTable(to.tables().get(name)));
		}
		operations.addAll(columns);
		operations.addAll(recreateTypes);
		operations.addAll(addConstraints);
		operations.addAll(addForeignKeys);
		operations.addAll(dropTypes);
		return operations;
	}

	private static void compareEnumTypes(SchemaSnapshot from, SchemaSnapshot to, List<Operation> notes,
			List<Operation> creates, List<Operation> addValues, List<Operation> recreates, List<Operation> drops) {
		for (EnumType type : to.enumTypes().values()) {
			EnumType old = from.enumTypes().get(type.name());
			if (old == null) {
				creates.add(new Operation.CreateEnumType(type));
			}
			else if (!old.values().equals(type.values())) {
				Operation.AlterEnumType alter = new Operation.AlterEnumType(old, type);
				if (alter.addsOnly()) {
					addValues.add(alter);
					notes.add(new Operation.ReviewNote("enum type " + type.name() + " gets value(s) "
							+ alter.addedValues() + ": on PostgreSQL, ALTER TYPE ... ADD VALUE runs in the migration's"
							+ " transaction (PostgreSQL 12 and later) but the new values cannot be used before it"
							+ " commits: move statements that use them to a later revision (before PostgreSQL 12, mark"
							+ " this revision non-transactional); the downgrade recreates the type"));
				}
				else {
					recreates.add(alter);
					notes.add(new Operation.ReviewNote("enum type " + type.name() + " loses or reorders value(s) "
							+ alter.removedValues() + ": no database removes an enum value in place, so the type is"
							+ " recreated and its columns converted, which fails if a row still holds a removed value"));
				}
			}
		}
		for (EnumType type : from.enumTypes().values()) {
			if (!to.enumTypes().containsKey(type.name())) {
				drops.add(new Operation.DropEnumType(type));
			}
		}
	}

	private static void compareSequences(SchemaSnapshot from, SchemaSnapshot to, List<Operation> notes,
			List<Operation> creates, List<Operation> drops) {
		for (Sequence sequence : to.sequences().values()) {
			Sequence old = from.sequences().get(sequence.name());
			if (old == null) {
				creates.add(new Operation.CreateSequence(sequence));
			}
			else if (!old.equals(sequence)) {
				notes.add(new Operation.ReviewNote("sequence " + sequence.name() + " changes from start "
						+ old.start() + " increment " + old.increment() + " to start " + sequence.start()
						+ " increment " + sequence.increment() + ": not generated, use ALTER SEQUENCE if it matters"));
			}
		}
		for (Sequence sequence : from.sequences().values()) {
			if (!to.sequences().containsKey(sequence.name())) {
				drops.add(new Operation.DropSequence(sequence));
			}
		}
	}

	private static boolean sameForeignKey(ForeignKey a, ForeignKey b) {
		return a.columns().equals(b.columns()) && a.referencedTable().equals(b.referencedTable())
				&& a.referencedColumns().equals(b.referencedColumns()) && a.onDelete() == b.onDelete();
	}

	private static void compareConstraints(Table old, Table target, List<Operation> drops, List<Operation> adds) {
		if (!Objects.equals(columnsOf(old.primaryKey()), columnsOf(target.primaryKey()))) {
			if (old.primaryKey() != null) {
				drops.add(new Operation.DropPrimaryKey(old.name(), old.primaryKey()));
			}
			if (target.primaryKey() != null) {
				adds.add(new Operation.AddPrimaryKey(target.name(), target.primaryKey()));
			}
		}
		for (UniqueConstraint unique : old.uniqueConstraints()) {
			if (target.uniqueConstraints().stream().noneMatch((c) -> c.columns().equals(unique.columns()))) {
				drops.add(new Operation.DropUniqueConstraint(unique));
			}
		}
		for (UniqueConstraint unique : target.uniqueConstraints()) {
			if (old.uniqueConstraints().stream().noneMatch((c) -> c.columns().equals(unique.columns()))) {
				adds.add(new Operation.AddUniqueConstraint(unique));
			}
		}
		for (CheckConstraint check : old.checkConstraints()) {
			if (target.checkConstraints().stream().noneMatch((c) -> c.expression().equals(check.expression()))) {
				drops.add(new Operation.DropCheckConstraint(check));
			}
		}
		for (CheckConstraint check : target.checkConstraints()) {
			if (old.checkConstraints().stream().noneMatch((c) -> c.expression().equals(check.expression()))) {
				adds.add(new Operation.AddCheckConstraint(check));
			}
		}
		Map<String, Index> oldIndexes = byName(old.indexes());
		Map<String, Index> newIndexes = byName(target.indexes());
		oldIndexes.forEach((name, index) -> {
			if (!index.equals(newIndexes.get(name))) {
				drops.add(new Operation.DropIndex(index));
			}
		});
		newIndexes.forEach((name, index) -> {
			if (!index.equals(oldIndexes.get(name))) {
				adds.add(new Operation.CreateIndex(index));
			}
		});
	}

	private static List<String> columnsOf(dev.migration.operation.PrimaryKey key) {
		return (key != null) ? key.columns() : null;
	}

	private static Map<String, Index> byName(List<Index> indexes) {
		Map<String, Index> map = new LinkedHashMap<>();
		indexes.forEach((index) -> map.put(index.name(), index));
		return map;
	}

	private static void compareColumns(Table old, Table target, List<Operation> notes, List<Operation> operations) {
		List<Column> added = new ArrayList<>();
		List<Column> removed = new ArrayList<>();
		for (Column column : target.columns()) {
			Column previous = old.column(column.name()).orElse(null);
			if (previous == null) {
				added.add(column);
			}
			else if (!previous.equals(column)) {
				operations.add(new Operation.AlterColumn(old.name(), previous, column));
				if (!previous.type().equals(column.type())
						&& !WIDENINGS.contains(previous.type() + ">" + column.type())
						&& !enumWidening(previous.type(), column.type())) {
					notes.add(new Operation.ReviewNote("type of " + old.name() + "." + column.name() + " changes from "
							+ previous.type() + " to " + column.type() + ": this may lose data or fail on existing rows"));
				}
			}
		}
		for (Column column : old.columns()) {
			if (target.column(column.name()).isEmpty()) {
				removed.add(column);
			}
		}
		if (!added.isEmpty() && !removed.isEmpty()) {
			notes.add(new Operation.ReviewNote("in table " + old.name() + ", column(s) "
					+ removed.stream().map(Column::name).toList() + " disappeared and "
					+ added.stream().map(Column::name).toList()
					+ " appeared: if this is a rename, use RENAME COLUMN instead to keep the data"));
		}
		added.forEach((column) -> operations.add(new Operation.AddColumn(old.name(), column)));
		removed.forEach((column) -> operations.add(new Operation.DropColumn(old.name(), column)));
	}

	/**
	 * Whether a DuckDB enum column type ({@code ENUM('a', 'b')}) only gains values.
	 */
	private static boolean enumWidening(String from, String to) {
		if (!from.startsWith("ENUM(") || !to.startsWith("ENUM(")) {
			return false;
		}
		return enumValues(to).containsAll(enumValues(from));
	}

	private static List<String> enumValues(String type) {
		List<String> values = new ArrayList<>();
		Matcher matcher = ENUM_VALUE.matcher(type);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	/**
	 * The given tables, each after the tables it references.
	 */
	private static List<String> dependencyOrder(SchemaSnapshot snapshot, Set<String> names) {
		List<String> ordered = new ArrayList<>();
		Set<String> visiting = new java.util.HashSet<>();
		for (String name : names) {
			visit(snapshot, names, name, ordered, visiting);
		}
		return ordered;
	}

	private static void visit(SchemaSnapshot snapshot, Set<String> names, String name, List<String> ordered,
			Set<String> visiting) {
		if (ordered.contains(name) || !visiting.add(name)) {
			return;
		}
		for (ForeignKey key : snapshot.tables().get(name).foreignKeys()) {
			if (names.contains(key.referencedTable()) && !key.referencedTable().equals(name)) {
				visit(snapshot, names, key.referencedTable(), ordered, visiting);
			}
		}
		ordered.add(name);
	}

}
