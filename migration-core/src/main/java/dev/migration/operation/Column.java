package dev.migration.operation;

import java.util.Objects;

/**
 * A column as the database describes it.
 *
 * @param name the column name, unquoted
 * @param type the type in the dialect's own spelling ({@code character varying(20)} on
 * PostgreSQL, {@code VARCHAR} on DuckDB)
 * @param nullable whether the column accepts {@code NULL}
 * @param defaultExpression the default as an SQL expression in the database's rendering,
 * or {@code null} for none
 * @param comment the column comment, or {@code null}
 */
public record Column(String name, String type, boolean nullable, String defaultExpression, String comment) {

	public Column {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
	}

	/**
	 * This column under another name.
	 * @param newName the new name
	 * @return the renamed column
	 */
	public Column withName(String newName) {
		return new Column(newName, this.type, this.nullable, this.defaultExpression, this.comment);
	}

}
