package dev.migration;

import java.util.List;

/**
 * Reads the schema the migrations run in, so that Java migrations can be conditional
 * ("add the column unless it exists"). Names are matched as stored: unquoted
 * PostgreSQL identifiers are lower case.
 */
public interface SchemaInspector {

	/**
	 * Whether a table or view exists in the migration schema.
	 * @param table the table name
	 * @return {@code true} if it exists
	 */
	boolean tableExists(String table);

	/**
	 * Whether a column exists.
	 * @param table the table name
	 * @param column the column name
	 * @return {@code true} if it exists
	 */
	boolean columnExists(String table, String column);

	/**
	 * Whether an index exists in the migration schema.
	 * @param index the index name
	 * @return {@code true} if it exists
	 */
	boolean indexExists(String index);

	/**
	 * The columns of a table, in their declared order.
	 * @param table the table name
	 * @return the column names; empty when the table does not exist
	 */
	List<String> columns(String table);

	/**
	 * The tables of the migration schema, without the migration history tables.
	 * @return the table names, sorted
	 */
	List<String> tables();

}
