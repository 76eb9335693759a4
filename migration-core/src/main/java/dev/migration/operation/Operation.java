package dev.migration.operation;

import java.util.List;
import java.util.Objects;

/**
 * A schema change as data. Every operation knows its inverse, so the downgrade of a
 * list of operations is the reversed list of their {@link #reverse() reverses}, and
 * its effect on a {@link SchemaSnapshot}, so that a dialect without an {@code ALTER}
 * form can rebuild the table from its definition. Drop operations carry the full
 * definition of what they drop, to be able to recreate it.
 */
public sealed interface Operation {

	/**
	 * The operation that undoes this one.
	 * @return the inverse
	 */
	Operation reverse();

	/**
	 * The schema after this operation.
	 * @param snapshot the schema before
	 * @return the schema after
	 */
	SchemaSnapshot applyTo(SchemaSnapshot snapshot);

	/**
	 * A one-line description, for comments and drift reports.
	 * @return the description
	 */
	String describe();

	/**
	 * The reverses of operations, in reverse order: the downgrade of an upgrade.
	 * @param operations the upgrade operations
	 * @return the downgrade operations
	 */
	static List<Operation> reverse(List<? extends Operation> operations) {
		List<Operation> reversed = new java.util.ArrayList<>();
		for (int i = operations.size() - 1; i >= 0; i--) {
			reversed.add(operations.get(i).reverse());
		}
		return reversed;
	}

	/**
	 * Creates a table with its constraints and indexes.
	 *
	 * @param table the table
	 */
	record CreateTable(Table table) implements Operation {

		@Override
		public Operation reverse() {
			return new DropTable(this.table);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.with(this.table);
		}

		@Override
		public String describe() {
			return "create table " + this.table.name();
		}

	}

	/**
	 * Drops a table.
	 *
	 * @param table the table as it was, to recreate it
	 */
	record DropTable(Table table) implements Operation {

		@Override
		public Operation reverse() {
			return new CreateTable(this.table);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.without(this.table.name());
		}

		@Override
		public String describe() {
			return "drop table " + this.table.name();
		}

	}

	/**
	 * Adds a column.
	 *
	 * @param table the table
	 * @param column the column
	 */
	record AddColumn(String table, Column column) implements Operation {

		@Override
		public Operation reverse() {
			return new DropColumn(this.table, this.column);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.table);
			return snapshot.with(current.withColumns(Table.plus(current.columns(), this.column)));
		}

		@Override
		public String describe() {
			return "add column " + this.table + "." + this.column.name();
		}

	}

	/**
	 * Drops a column.
	 *
	 * @param table the table
	 * @param column the column as it was, to recreate it
	 */
	record DropColumn(String table, Column column) implements Operation {

		@Override
		public Operation reverse() {
			return new AddColumn(this.table, this.column);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.table);
			return snapshot.with(current
				.withColumns(Table.minus(current.columns(), (candidate) -> candidate.name().equals(this.column.name()))));
		}

		@Override
		public String describe() {
			return "drop column " + this.table + "." + this.column.name();
		}

	}

	/**
	 * Changes a column's type, nullability, default or comment.
	 *
	 * @param table the table
	 * @param from the column before
	 * @param to the column after, with the same name
	 */
	record AlterColumn(String table, Column from, Column to) implements Operation {

		public AlterColumn {
			if (!from.name().equals(to.name())) {
				throw new IllegalArgumentException("AlterColumn cannot rename " + from.name() + " to " + to.name());
			}
		}

		@Override
		public Operation reverse() {
			return new AlterColumn(this.table, this.to, this.from);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.table);
			return snapshot.with(current.withColumns(Table.map(current.columns(),
					(column) -> column.name().equals(this.to.name()) ? this.to : column)));
		}

		@Override
		public String describe() {
			StringBuilder changes = new StringBuilder();
			if (!this.from.type().equals(this.to.type())) {
				changes.append(", type ").append(this.from.type()).append(" -> ").append(this.to.type());
			}
			if (this.from.nullable() != this.to.nullable()) {
				changes.append(this.to.nullable() ? ", nullable" : ", not null");
			}
			if (!Objects.equals(this.from.defaultExpression(), this.to.defaultExpression())) {
				changes.append(", default ").append(this.from.defaultExpression()).append(" -> ")
					.append(this.to.defaultExpression());
			}
			if (!Objects.equals(this.from.comment(), this.to.comment())) {
				changes.append(", comment");
			}
			return "alter column " + this.table + "." + this.to.name() + changes;
		}

	}

	/**
	 * Renames a column, keeping its constraints and indexes: the column is renamed in
	 * their column lists, check conditions, index expressions and partial index
	 * predicates too.
	 *
	 * @param table the table
	 * @param oldName the current name
	 * @param newName the new name
	 */
	record RenameColumn(String table, String oldName, String newName) implements Operation {

		@Override
		public Operation reverse() {
			return new RenameColumn(this.table, this.newName, this.oldName);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.table);
			Column column = current.column(this.oldName)
				.orElseThrow(() -> new dev.migration.MigrationException(
						"Column '" + this.oldName + "' does not exist in table '" + this.table + "'"));
			Table renamed = current
				.withColumns(Table.map(current.columns(), (c) -> (c == column) ? c.withName(this.newName) : c))
				.withPrimaryKey((current.primaryKey() != null)
						? new PrimaryKey(current.primaryKey().name(), rename(current.primaryKey().columns()))
						: null)
				.withUniqueConstraints(Table.map(current.uniqueConstraints(),
						(unique) -> new UniqueConstraint(unique.name(), unique.table(), rename(unique.columns()))))
				.withForeignKeys(Table.map(current.foreignKeys(),
						(key) -> new ForeignKey(key.name(), key.table(), rename(key.columns()), key.referencedTable(),
								key.referencedColumns(), key.onDelete())))
				.withCheckConstraints(Table.map(current.checkConstraints(),
						(check) -> new CheckConstraint(check.name(), check.table(),
								ColumnReferences.rename(check.expression(), this.oldName, this.newName))))
				.withIndexes(Table.map(current.indexes(), (index) -> new Index(index.name(), index.table(),
						rename(index.expressions()), index.unique(),
						(index.where() != null) ? ColumnReferences.rename(index.where(), this.oldName, this.newName)
								: null)));
			SchemaSnapshot result = snapshot.with(renamed);
			for (String other : snapshot.referencing(this.table)) {
				Table referencing = result.require(other);
				result = result.with(referencing.withForeignKeys(Table.map(referencing.foreignKeys(),
						(key) -> key.referencedTable().equals(this.table) ? new ForeignKey(key.name(), key.table(),
								key.columns(), key.referencedTable(), rename(key.referencedColumns()), key.onDelete())
								: key)));
			}
			return result;
		}

		private List<String> rename(List<String> names) {
			String quoted = "\"" + this.oldName.replace("\"", "\"\"") + "\"";
			return names.stream().map((name) -> {
				if (name.equals(this.oldName)) {
					return this.newName;
				}
				if (name.equals(quoted)) {
					return Identifier.quote(this.newName);
				}
				return ColumnReferences.rename(name, this.oldName, this.newName);
			}).toList();
		}

		@Override
		public String describe() {
			return "rename column " + this.table + "." + this.oldName + " to " + this.newName;
		}

	}

	/**
	 * Creates an index.
	 *
	 * @param index the index
	 */
	record CreateIndex(Index index) implements Operation {

		@Override
		public Operation reverse() {
			return new DropIndex(this.index);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.index.table());
			return snapshot.with(current.withIndexes(Table.plus(current.indexes(), this.index)));
		}

		@Override
		public String describe() {
			return "create " + (this.index.unique() ? "unique " : "") + "index " + this.index.name() + " on "
					+ this.index.table();
		}

	}

	/**
	 * Drops an index.
	 *
	 * @param index the index as it was
	 */
	record DropIndex(Index index) implements Operation {

		@Override
		public Operation reverse() {
			return new CreateIndex(this.index);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.index.table());
			return snapshot.with(current
				.withIndexes(Table.minus(current.indexes(), (candidate) -> candidate.name().equals(this.index.name()))));
		}

		@Override
		public String describe() {
			return "drop index " + this.index.name() + " on " + this.index.table();
		}

	}

	/**
	 * Adds a foreign key.
	 *
	 * @param foreignKey the foreign key
	 */
	record AddForeignKey(ForeignKey foreignKey) implements Operation {

		@Override
		public Operation reverse() {
			return new DropForeignKey(this.foreignKey);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.foreignKey.table());
			return snapshot.with(current.withForeignKeys(Table.plus(current.foreignKeys(), this.foreignKey)));
		}

		@Override
		public String describe() {
			return "add foreign key " + this.foreignKey.table() + this.foreignKey.columns() + " -> "
					+ this.foreignKey.referencedTable() + this.foreignKey.referencedColumns();
		}

	}

	/**
	 * Drops a foreign key.
	 *
	 * @param foreignKey the foreign key as it was
	 */
	record DropForeignKey(ForeignKey foreignKey) implements Operation {

		@Override
		public Operation reverse() {
			return new AddForeignKey(this.foreignKey);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.foreignKey.table());
			return snapshot.with(current.withForeignKeys(Table.minus(current.foreignKeys(), this::matches)));
		}

		private boolean matches(ForeignKey candidate) {
			if (candidate.name() != null && this.foreignKey.name() != null
					&& candidate.name().equals(this.foreignKey.name())) {
				return true;
			}
			return candidate.columns().equals(this.foreignKey.columns())
					&& candidate.referencedTable().equals(this.foreignKey.referencedTable());
		}

		@Override
		public String describe() {
			return "drop foreign key " + this.foreignKey.table() + this.foreignKey.columns() + " -> "
					+ this.foreignKey.referencedTable() + this.foreignKey.referencedColumns();
		}

	}

	/**
	 * Adds a check constraint.
	 *
	 * @param constraint the constraint
	 */
	record AddCheckConstraint(CheckConstraint constraint) implements Operation {

		@Override
		public Operation reverse() {
			return new DropCheckConstraint(this.constraint);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.constraint.table());
			return snapshot.with(current.withCheckConstraints(Table.plus(current.checkConstraints(), this.constraint)));
		}

		@Override
		public String describe() {
			return "add check constraint on " + this.constraint.table() + ": " + this.constraint.expression();
		}

	}

	/**
	 * Drops a check constraint.
	 *
	 * @param constraint the constraint as it was
	 */
	record DropCheckConstraint(CheckConstraint constraint) implements Operation {

		@Override
		public Operation reverse() {
			return new AddCheckConstraint(this.constraint);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.constraint.table());
			return snapshot.with(current.withCheckConstraints(Table.minus(current.checkConstraints(),
					(candidate) -> (candidate.name() != null && candidate.name().equals(this.constraint.name()))
							|| candidate.expression().equals(this.constraint.expression()))));
		}

		@Override
		public String describe() {
			return "drop check constraint on " + this.constraint.table() + ": " + this.constraint.expression();
		}

	}

	/**
	 * Adds a unique constraint.
	 *
	 * @param constraint the constraint
	 */
	record AddUniqueConstraint(UniqueConstraint constraint) implements Operation {

		@Override
		public Operation reverse() {
			return new DropUniqueConstraint(this.constraint);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.constraint.table());
			return snapshot
				.with(current.withUniqueConstraints(Table.plus(current.uniqueConstraints(), this.constraint)));
		}

		@Override
		public String describe() {
			return "add unique constraint on " + this.constraint.table() + this.constraint.columns();
		}

	}

	/**
	 * Drops a unique constraint.
	 *
	 * @param constraint the constraint as it was
	 */
	record DropUniqueConstraint(UniqueConstraint constraint) implements Operation {

		@Override
		public Operation reverse() {
			return new AddUniqueConstraint(this.constraint);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			Table current = snapshot.require(this.constraint.table());
			return snapshot.with(current.withUniqueConstraints(Table.minus(current.uniqueConstraints(),
					(candidate) -> candidate.columns().equals(this.constraint.columns()))));
		}

		@Override
		public String describe() {
			return "drop unique constraint on " + this.constraint.table() + this.constraint.columns();
		}

	}

	/**
	 * Adds a primary key to a table without one.
	 *
	 * @param table the table
	 * @param primaryKey the key
	 */
	record AddPrimaryKey(String table, PrimaryKey primaryKey) implements Operation {

		@Override
		public Operation reverse() {
			return new DropPrimaryKey(this.table, this.primaryKey);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.with(snapshot.require(this.table).withPrimaryKey(this.primaryKey));
		}

		@Override
		public String describe() {
			return "add primary key " + this.table + this.primaryKey.columns();
		}

	}

	/**
	 * Drops the primary key of a table.
	 *
	 * @param table the table
	 * @param primaryKey the key as it was
	 */
	record DropPrimaryKey(String table, PrimaryKey primaryKey) implements Operation {

		@Override
		public Operation reverse() {
			return new AddPrimaryKey(this.table, this.primaryKey);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.with(snapshot.require(this.table).withPrimaryKey(null));
		}

		@Override
		public String describe() {
			return "drop primary key " + this.table + this.primaryKey.columns();
		}

	}

	/**
	 * Creates an enum type.
	 *
	 * @param type the type
	 */
	record CreateEnumType(EnumType type) implements Operation {

		@Override
		public Operation reverse() {
			return new DropEnumType(this.type);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.with(this.type);
		}

		@Override
		public String describe() {
			return "create enum type " + this.type.name() + " " + this.type.values();
		}

	}

	/**
	 * Drops an enum type that no column uses any more.
	 *
	 * @param type the type as it was, to recreate it
	 */
	record DropEnumType(EnumType type) implements Operation {

		@Override
		public Operation reverse() {
			return new CreateEnumType(this.type);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.without(this.type);
		}

		@Override
		public String describe() {
			return "drop enum type " + this.type.name();
		}

	}

	/**
	 * Changes the values of an enum type. Values only added are added in place
	 * ({@code ALTER TYPE ... ADD VALUE} on PostgreSQL); a value removed or moved needs
	 * the type recreated and every column of the type converted, which fails if a row
	 * still holds a removed value.
	 *
	 * @param from the type before
	 * @param to the type after, with the same name
	 */
	record AlterEnumType(EnumType from, EnumType to) implements Operation {

		public AlterEnumType {
			if (!from.name().equals(to.name())) {
				throw new IllegalArgumentException("AlterEnumType cannot rename " + from.name() + " to " + to.name());
			}
		}

		/**
		 * Whether the change only adds values, keeping the order of the others.
		 * @return {@code true} if the values before are, in order, among the values after
		 */
		public boolean addsOnly() {
			int next = 0;
			for (String value : this.to.values()) {
				if (next < this.from.values().size() && this.from.values().get(next).equals(value)) {
					next++;
				}
			}
			return next == this.from.values().size();
		}

		/**
		 * The values the change adds.
		 * @return the values after that were not there before
		 */
		public List<String> addedValues() {
			return this.to.values().stream().filter((value) -> !this.from.values().contains(value)).toList();
		}

		/**
		 * The values the change removes.
		 * @return the values before that are not there after
		 */
		public List<String> removedValues() {
			return this.from.values().stream().filter((value) -> !this.to.values().contains(value)).toList();
		}

		@Override
		public Operation reverse() {
			return new AlterEnumType(this.to, this.from);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.with(this.to);
		}

		@Override
		public String describe() {
			return "alter enum type " + this.to.name() + " " + this.from.values() + " -> " + this.to.values();
		}

	}

	/**
	 * Creates a sequence.
	 *
	 * @param sequence the sequence
	 */
	record CreateSequence(Sequence sequence) implements Operation {

		@Override
		public Operation reverse() {
			return new DropSequence(this.sequence);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.with(this.sequence);
		}

		@Override
		public String describe() {
			return "create sequence " + this.sequence.name();
		}

	}

	/**
	 * Drops a sequence that no default uses any more.
	 *
	 * @param sequence the sequence as it was, to recreate it (from its start: the
	 * values drawn are not restored)
	 */
	record DropSequence(Sequence sequence) implements Operation {

		@Override
		public Operation reverse() {
			return new CreateSequence(this.sequence);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot.without(this.sequence);
		}

		@Override
		public String describe() {
			return "drop sequence " + this.sequence.name();
		}

	}

	/**
	 * Runs SQL given by the user, typically a data migration. Its effect on the schema
	 * is not known: it is assumed to change data only.
	 *
	 * @param description what the SQL does
	 * @param upgradeSql the SQL to run
	 * @param downgradeSql the SQL that undoes it, or empty
	 */
	record ExecuteSql(String description, String upgradeSql, String downgradeSql) implements Operation {

		public ExecuteSql {
			description = (description != null) ? description : "";
			upgradeSql = (upgradeSql != null) ? upgradeSql : "";
			downgradeSql = (downgradeSql != null) ? downgradeSql : "";
		}

		@Override
		public Operation reverse() {
			return new ExecuteSql(this.description, this.downgradeSql, this.upgradeSql);
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot;
		}

		@Override
		public String describe() {
			return "execute: " + this.description;
		}

	}

	/**
	 * A note for the reviewer, written into the script as a comment: something
	 * autogenerate could not decide (a rename, a type change that may lose data).
	 *
	 * @param text the note, one line
	 */
	record ReviewNote(String text) implements Operation {

		@Override
		public Operation reverse() {
			return this;
		}

		@Override
		public SchemaSnapshot applyTo(SchemaSnapshot snapshot) {
			return snapshot;
		}

		@Override
		public String describe() {
			return "review: " + this.text;
		}

	}

}
