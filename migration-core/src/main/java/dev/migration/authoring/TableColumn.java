package dev.migration.authoring;

import org.jspecify.annotations.Nullable;

/**
 * A column of a table to create with {@link MigrationTemplates#createTable}.
 *
 * @param name the column name
 * @param type a portable type ({@code bigint}, {@code varchar(100)}, ...)
 * @param nullable whether it accepts {@code NULL}; primary key columns never do
 * @param defaultValue the default value as a literal (quoted safely), one of
 * {@code current_timestamp}, {@code current_date}, or {@code null} for none
 * @param primaryKey whether the column is (part of) the primary key
 */
public record TableColumn(String name, String type, boolean nullable, @Nullable String defaultValue,
		boolean primaryKey) {

	/**
	 * A nullable column without default.
	 * @param name the name
	 * @param type the portable type
	 * @return the column
	 */
	public static TableColumn of(String name, String type) {
		return new TableColumn(name, type, true, null, false);
	}

	/**
	 * A primary key column.
	 * @param name the name
	 * @param type the portable type
	 * @return the column
	 */
	public static TableColumn primaryKey(String name, String type) {
		return new TableColumn(name, type, false, null, true);
	}

}
