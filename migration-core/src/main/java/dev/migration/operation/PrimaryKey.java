package dev.migration.operation;

import java.util.List;

/**
 * The primary key of a table.
 *
 * @param name the constraint name, or {@code null} to let the database choose
 * @param columns the column names, in key order
 */
public record PrimaryKey(String name, List<String> columns) {

	public PrimaryKey {
		columns = List.copyOf(columns);
	}

}
