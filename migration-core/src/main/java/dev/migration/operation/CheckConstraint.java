package dev.migration.operation;

import java.util.Objects;

/**
 * A check constraint of a table.
 *
 * @param name the constraint name, or {@code null} to let the database choose (DuckDB
 * always does)
 * @param table the table
 * @param expression the condition, an SQL expression
 */
public record CheckConstraint(String name, String table, String expression) {

	public CheckConstraint {
		Objects.requireNonNull(table, "table");
		Objects.requireNonNull(expression, "expression");
	}

}
