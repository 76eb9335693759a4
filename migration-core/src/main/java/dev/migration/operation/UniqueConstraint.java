package dev.migration.operation;

import java.util.List;

/**
 * A unique constraint of a table.
 *
 * @param name the constraint name, or {@code null} to let the database choose
 * @param table the table
 * @param columns the column names
 */
public record UniqueConstraint(String name, String table, List<String> columns) {

	public UniqueConstraint {
		columns = List.copyOf(columns);
	}

}
