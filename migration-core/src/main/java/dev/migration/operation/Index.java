package dev.migration.operation;

import java.util.List;
import java.util.Objects;

/**
 * An index that is not the backing index of a constraint.
 *
 * @param name the index name
 * @param table the table
 * @param expressions the indexed columns or expressions, as SQL (identifiers quoted
 * where needed)
 * @param unique whether the index is unique
 * @param where the predicate of a partial index, or {@code null}
 */
public record Index(String name, String table, List<String> expressions, boolean unique, String where) {

	public Index {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(table, "table");
		expressions = List.copyOf(expressions);
	}

}
