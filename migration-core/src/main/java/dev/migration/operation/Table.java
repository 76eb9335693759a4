package dev.migration.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A table with everything that belongs to it.
 *
 * @param name the table name, unquoted
 * @param columns the columns, in declared order
 * @param primaryKey the primary key, or {@code null}
 * @param uniqueConstraints the unique constraints
 * @param checkConstraints the check constraints
 * @param foreignKeys the foreign keys of this table (referencing others)
 * @param indexes the indexes not backing a constraint
 */
public record Table(String name, List<Column> columns, PrimaryKey primaryKey, List<UniqueConstraint> uniqueConstraints,
		List<CheckConstraint> checkConstraints, List<ForeignKey> foreignKeys, List<Index> indexes) {

	public Table {
		Objects.requireNonNull(name, "name");
		columns = List.copyOf(columns);
		uniqueConstraints = List.copyOf(uniqueConstraints);
		checkConstraints = List.copyOf(checkConstraints);
		foreignKeys = List.copyOf(foreignKeys);
		indexes = List.copyOf(indexes);
	}

	/**
	 * A table of columns only.
	 * @param name the name
	 * @param columns the columns
	 * @return the table
	 */
	public static Table of(String name, List<Column> columns) {
		return new Table(name, columns, null, List.of(), List.of(), List.of(), List.of());
	}

	/**
	 * The column with the given name.
	 * @param column the column name
	 * @return the column, or empty
	 */
	public Optional<Column> column(String column) {
		return this.columns.stream().filter((candidate) -> candidate.name().equals(column)).findFirst();
	}

	/**
	 * This table with other columns.
	 * @param newColumns the columns
	 * @return the new table
	 */
	public Table withColumns(List<Column> newColumns) {
		return new Table(this.name, newColumns, this.primaryKey, this.uniqueConstraints, this.checkConstraints,
				this.foreignKeys, this.indexes);
	}

	/**
	 * This table with another primary key.
	 * @param newPrimaryKey the key or {@code null}
	 * @return the new table
	 */
	public Table withPrimaryKey(PrimaryKey newPrimaryKey) {
		return new Table(this.name, this.columns, newPrimaryKey, this.uniqueConstraints, this.checkConstraints,
				this.foreignKeys, this.indexes);
	}

	/**
	 * This table with other unique constraints.
	 * @param constraints the constraints
	 * @return the new table
	 */
	public Table withUniqueConstraints(List<UniqueConstraint> constraints) {
		return new Table(this.name, this.columns, this.primaryKey, constraints, this.checkConstraints,
				this.foreignKeys, this.indexes);
	}

	/**
	 * This table with other check constraints.
	 * @param constraints the constraints
	 * @return the new table
	 */
	public Table withCheckConstraints(List<CheckConstraint> constraints) {
		return new Table(this.name, this.columns, this.primaryKey, this.uniqueConstraints, constraints,
				this.foreignKeys, this.indexes);
	}

	/**
	 * This table with other foreign keys.
	 * @param keys the foreign keys
	 * @return the new table
	 */
	public Table withForeignKeys(List<ForeignKey> keys) {
		return new Table(this.name, this.columns, this.primaryKey, this.uniqueConstraints, this.checkConstraints,
				keys, this.indexes);
	}

	/**
	 * This table with other indexes.
	 * @param newIndexes the indexes
	 * @return the new table
	 */
	public Table withIndexes(List<Index> newIndexes) {
		return new Table(this.name, this.columns, this.primaryKey, this.uniqueConstraints, this.checkConstraints,
				this.foreignKeys, newIndexes);
	}

	static <T> List<T> plus(List<T> list, T element) {
		List<T> result = new ArrayList<>(list);
		result.add(element);
		return result;
	}

	static <T> List<T> minus(List<T> list, Predicate<T> match) {
		List<T> result = new ArrayList<>(list);
		result.removeIf(match);
		return result;
	}

	static <T> List<T> map(List<T> list, UnaryOperator<T> mapper) {
		return list.stream().map(mapper).toList();
	}

}
