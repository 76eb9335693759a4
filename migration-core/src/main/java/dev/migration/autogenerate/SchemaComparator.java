package dev.migration.autogenerate;

import java.util.List;

import dev.migration.operation.Operation;
import dev.migration.operation.SchemaSnapshot;

/**
 * Compares two snapshots of the same dialect and lists the operations that turn the
 * first into the second, in an order that respects dependencies: foreign keys and
 * other constraints are dropped before their tables and columns, referenced tables
 * are created before the tables that reference them, foreign keys are added last.
 * What it cannot decide (a possible rename, a type change that may lose data) comes
 * first as {@link Operation.ReviewNote review notes}.
 */
public interface SchemaComparator {

	/**
	 * The operations from one schema to another.
	 * @param from the schema as it is (the live database)
	 * @param to the schema as it should be (the model)
	 * @return the operations, empty when the schemas are the same
	 */
	List<Operation> compare(SchemaSnapshot from, SchemaSnapshot to);

	/**
	 * The comparator.
	 * @return a comparator
	 */
	static SchemaComparator create() {
		return new DefaultSchemaComparator();
	}

}
