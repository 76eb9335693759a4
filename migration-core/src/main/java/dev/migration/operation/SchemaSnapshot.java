package dev.migration.operation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.migration.MigrationException;

/**
 * The tables of one schema at one moment: introspected from a database, or computed
 * by applying operations to another snapshot.
 *
 * @param tables the tables by name
 */
public record SchemaSnapshot(Map<String, Table> tables) {

	public SchemaSnapshot {
		tables = Collections.unmodifiableMap(new TreeMap<>(tables));
	}

	/**
	 * A snapshot without tables.
	 * @return the empty snapshot
	 */
	public static SchemaSnapshot empty() {
		return new SchemaSnapshot(Map.of());
	}

	/**
	 * The table with the given name.
	 * @param name the name
	 * @return the table or empty
	 */
	public Optional<Table> table(String name) {
		return Optional.ofNullable(this.tables.get(name));
	}

	/**
	 * The table with the given name, which must exist.
	 * @param name the name
	 * @return the table
	 * @throws MigrationException naming the table if there is none
	 */
	public Table require(String name) {
		Table table = this.tables.get(name);
		if (table == null) {
			throw new MigrationException("Table '" + name + "' does not exist"
					+ (this.tables.isEmpty() ? "" : " (tables: " + String.join(", ", this.tables.keySet()) + ")"));
		}
		return table;
	}

	/**
	 * This snapshot with a table added or replaced.
	 * @param table the table
	 * @return the new snapshot
	 */
	public SchemaSnapshot with(Table table) {
		Map<String, Table> copy = new TreeMap<>(this.tables);
		copy.put(table.name(), table);
		return new SchemaSnapshot(copy);
	}

	/**
	 * This snapshot without a table.
	 * @param name the table name
	 * @return the new snapshot
	 */
	public SchemaSnapshot without(String name) {
		Map<String, Table> copy = new TreeMap<>(this.tables);
		copy.remove(name);
		return new SchemaSnapshot(copy);
	}

	/**
	 * The snapshot after the given operations.
	 * @param operations the operations, in order
	 * @return the new snapshot
	 */
	public SchemaSnapshot apply(List<? extends Operation> operations) {
		SchemaSnapshot result = this;
		for (Operation operation : operations) {
			result = operation.applyTo(result);
		}
		return result;
	}

	/**
	 * The names of the other tables with a foreign key to the given one.
	 * @param name the referenced table
	 * @return the referencing table names, sorted
	 */
	public List<String> referencing(String name) {
		return this.tables.values()
			.stream()
			.filter((table) -> !table.name().equals(name))
			.filter((table) -> table.foreignKeys().stream().anyMatch((key) -> key.referencedTable().equals(name)))
			.map(Table::name)
			.toList();
	}

}
