package dev.migration.autogenerate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.migration.operation.CheckConstraint;
import dev.migration.operation.Column;
import dev.migration.operation.ForeignKey;
import dev.migration.operation.Index;
import dev.migration.operation.Operation;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Table;
import dev.migration.operation.UniqueConstraint;

/**
 * Compares by content rather than by name where databases generate names: check
 * constraints by condition, unique constraints by columns, foreign keys by columns,
 * referenced table, referenced columns and action. Indexes compare by name.
 */
final class DefaultSchemaComparator implements SchemaComparator {

	private static final Set<String> WIDENINGS = Set.of("integer>bigint", "smallint>integer", "smallint>bigint",
			"INTEGER>BIGINT", "SMALLINT>INTEGER", "SMALLINT>BIGINT", "real>double precision", "FLOAT>DOUBLE");

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
		// Foreign keys of kept tables that reference dropped tables go with the drop.
		List<Operation> operations = new ArrayList<>(notes);
		operations.addAll(dropForeignKeys);
		operations.addAll(dropConstraints);
		List<String> dropOrder = new ArrayList<>(dependencyOrder(from, dropped));
		java.util.Collections.reverse(dropOrder);
		dropOrder.forEach((name) -> operations.add(new Operation.DropTable(from.tables().get(name))));
		for (String name : dependencyOrder(to, created)) {
			operations.add(new Operation.CreateTable(to.tables().get(name)));
		}
		operations.addAll(columns);
		operations.addAll(addConstraints);
		operations.addAll(addForeignKeys);
		return operations;
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
						&& !WIDENINGS.contains(previous.type() + ">" + column.type())) {
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
