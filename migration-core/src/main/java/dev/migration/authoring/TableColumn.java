package dev.migration.authoring;

import java.util.List;

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
	 * How a column is written as text, for {@link #parse(String)}: the name, a portable
	 * type, then in any order {@code pk} (or {@code primary key}), {@code not null} (or
	 * {@code null}) and {@code default VALUE}.
	 */
	public static final String SYNTAX = "NAME TYPE [pk] [not null] [default VALUE]";

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

	/**
	 * Reads a column written as {@value #SYNTAX}, such as {@code name varchar(100) not null}
	 * or {@code status text not null default 'new'}. Words are case-insensitive; a
	 * {@code VALUE} with spaces or commas is quoted ({@code 'a, b'}, a quote doubled).
	 * @param spec the column as text
	 * @return the column
	 * @throws TemplateException if it does not follow the syntax, quoting it
	 */
	public static TableColumn parse(String spec) {
		return ColumnSpecParser.column(spec);
	}

	/**
	 * Reads columns written as {@link #parse(String)} reads one, separated by commas
	 * (a comma inside parentheses or quotes, as in {@code numeric(10,2)}, separates
	 * nothing): {@code id bigint pk, name varchar(100) not null}.
	 * @param specs the columns as text
	 * @return the columns, in order; none for a blank text
	 * @throws TemplateException if one does not follow the syntax, quoting it
	 */
	public static List<TableColumn> parseAll(String specs) {
		return ColumnSpecParser.columns(specs);
	}

}
