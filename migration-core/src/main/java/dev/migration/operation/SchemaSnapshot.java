package dev.migration.operation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.migration.MigrationException;

/**
 * The tables, enum types and sequences of one schema at one moment: introspected from
 * a database, or computed by applying operations to another snapshot.
 *
 * @param tables the tables by name
 * @param enumTypes the enum types by name
 * @param sequences the sequences of their own (not those of serial or identity
 * columns) by name
 */
public record SchemaSnapshot(Map<String, Table> tables, Map<String, EnumType> enumTypes,
		Map<String, Sequence> sequences) {

	public SchemaSnapshot {
		tables = Collections.unmodifiableMap(new TreeMap<>(tables));
		enumTypes = Collections.unmodifiableMap(new TreeMap<>(enumTypes));
		sequences = Collections.unmodifiableMap(new TreeMap<>(sequences));
	}

	/**
	 * A snapshot of tables only.
	 * @param tables the tables by name
	 */
	public SchemaSnapshot(Map<String, Table> tables) {
		this(tables, Map.of(), Map.of());
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
		return new SchemaSnapshot(copy, this.enumTypes, this.sequences);
	}

	/**
	 * This snapshot without a table.
	 * @param name the table name
	 * @return the new snapshot
	 */
	public SchemaSnapshot without(String name) {
		Map<String, Table> copy = new TreeMap<>(this.tables);
		copy.remove(name);
		return new SchemaSnapshot(copy, this.enumTypes, this.sequences);
	}

	/**
	 * This snapshot with an enum type added or replaced.
	 * @param type the type
	 * @return the new snapshot
	 */
	public SchemaSnapshot with(EnumType type) {
		Map<String, EnumType> copy = new TreeMap<>(this.enumTypes);
		copy.put(type.name(), type);
		return new SchemaSnapshot(this.tables, copy, this.sequences);
	}

	/**
	 * This snapshot without an enum type.
	 * @param type the type
	 * @return the new snapshot
	 */
	public SchemaSnapshot without(EnumType type) {
		Map<String, EnumType> copy = new TreeMap<>(this.enumTypes);
		copy.remove(type.name());
		return new SchemaSnapshot(this.tables, copy, this.sequences);
	}

	/**
	 * This snapshot with a sequence added or replaced.
	 * @param sequence the sequence
	 * @return the new snapshot
	 */
	public SchemaSnapshot with(Sequence sequence) {
		Map<String, Sequence> copy = new TreeMap<>(this.sequences);
		copy.put(sequence.name(), sequence);
		return new SchemaSnapshot(this.tables, this.enumTypes, copy);
	}

	/**
	 * This snapshot without a sequence.
	 * @param sequence the sequence
	 * @return the new snapshot
	 */
	public SchemaSnapshot without(Sequence sequence) {
		Map<String, Sequence> copy = new TreeMap<>(this.sequences);
		copy.remove(sequence.name());
		return new SchemaSnapshot(this.tables, this.enumTypes, copy);
	}

	/**
	 * The columns whose type is the given enum type, by table, in table order. Only
	 * PostgreSQL names the type in its columns' types.
	 * @param type the enum type name
	 * @return table name and column pairs
	 */
	public List<Map.Entry<String, Column>> columnsOfType(String type) {
		String quoted = Identifier.quote(type);
		List<Map.Entry<String, Column>> columns = new java.util.ArrayList<>();
		for (Table table : this.tables.values()) {
			for (Column column : table.columns()) {
				if (column.type().equals(quoted) || column.type().equals(quoted + "[]")) {
					columns.add(Map.entry(table.name(), column));
				}
			}
		}
		return columns;
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
