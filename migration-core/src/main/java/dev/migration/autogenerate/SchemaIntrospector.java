package dev.migration.autogenerate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import dev.migration.dialect.Dialect;
import dev.migration.operation.SchemaSnapshot;

/**
 * Reads the tables of a schema, with columns, keys, constraints and indexes, as the
 * database itself renders them (types, defaults and expressions), so that two
 * snapshots of the same dialect compare without string munging.
 */
public interface SchemaIntrospector {

	/**
	 * Takes a snapshot of a schema.
	 * @param connection the connection
	 * @param schema the schema, or {@code null} for the connection's current schema
	 * @param excludedTables tables to leave out (the migration history tables)
	 * @return the snapshot
	 * @throws SQLException if the catalog cannot be read
	 */
	SchemaSnapshot snapshot(Connection connection, String schema, Set<String> excludedTables) throws SQLException;

	/**
	 * The introspector of a dialect: {@link Dialect#introspector()}.
	 * @param dialect the dialect
	 * @return the introspector
	 */
	static SchemaIntrospector of(Dialect dialect) {
		return dialect.introspector();
	}

}
