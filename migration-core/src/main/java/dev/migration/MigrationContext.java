package dev.migration;

import java.sql.Connection;
import java.sql.SQLException;

import dev.migration.dialect.Dialect;

/**
 * What a {@link JavaMigration} gets to work with.
 */
public interface MigrationContext {

	/**
	 * The migration's connection, inside its transaction when it is transactional. Do
	 * not commit, roll back or close it.
	 * @return the connection
	 */
	Connection connection();

	/**
	 * The database's dialect.
	 * @return the dialect
	 */
	Dialect dialect();

	/**
	 * Questions about the current schema, for conditional steps.
	 * @return the inspector
	 */
	SchemaInspector inspector();

	/**
	 * The revision being applied or reverted.
	 * @return the revision id
	 */
	String revision();

	/**
	 * Runs one SQL statement on the migration's connection, logging it when echo is on.
	 * @param sql the statement
	 * @throws SQLException on failure
	 */
	void execute(String sql) throws SQLException;

}
