package dev.migration.operation;

import java.util.List;
import java.util.Objects;

/**
 * A user-defined enum type ({@code CREATE TYPE mood AS ENUM ('sad', 'ok')}). On
 * PostgreSQL a column of the type is reported with the type's name; DuckDB copies the
 * values into the column's type ({@code ENUM('sad', 'ok')}), so there the type only
 * matters to the statements that name it.
 *
 * @param name the type name, unquoted
 * @param values the values, in their sort order
 */
public record EnumType(String name, List<String> values) {

	public EnumType {
		Objects.requireNonNull(name, "name");
		values = List.copyOf(values);
	}

}
