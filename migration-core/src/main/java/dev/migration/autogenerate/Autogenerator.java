package dev.migration.autogenerate;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import dev.migration.dialect.Dialect;
import dev.migration.operation.Operation;
import dev.migration.operation.SchemaSnapshot;

/**
 * Compares a live schema with a declared model: SQL DDL files describing the desired
 * end state. The model is loaded into a scratch database of the same dialect (an
 * in-memory DuckDB; a temporary schema on the same PostgreSQL server, dropped
 * afterwards) and introspected the same way as the live schema, so that types,
 * defaults and expressions compare in the database's own rendering.
 */
public interface Autogenerator {

	/**
	 * The default location of the model.
	 */
	String DEFAULT_MODEL_LOCATION = "classpath:db/schema.sql";

	/**
	 * Compares the live schema with the model.
	 * @param connection a connection to the live database
	 * @param schema the live schema, or {@code null} for the connection's current one
	 * @param excludedTables tables to ignore on both sides (the history tables)
	 * @return the comparison
	 * @throws dev.migration.MigrationException if the model cannot be read or loaded,
	 * or the database cannot be introspected
	 */
	Comparison compare(Connection connection, String schema, Set<String> excludedTables);

	/**
	 * An autogenerator for a dialect and model.
	 * @param dialect the dialect of the live database
	 * @param modelLocations the model files: {@code classpath:path} or
	 * {@code filesystem:path}, loaded in order
	 * @param classLoader the class loader for {@code classpath:} locations
	 * @return the autogenerator
	 */
	static Autogenerator of(Dialect dialect, List<String> modelLocations, ClassLoader classLoader) {
		return new DefaultAutogenerator(dialect, modelLocations, classLoader);
	}

	/**
	 * The result of a comparison.
	 *
	 * @param live the live schema
	 * @param model the model schema
	 * @param operations the operations from the live schema to the model, review notes
	 * first
	 */
	record Comparison(SchemaSnapshot live, SchemaSnapshot model, List<Operation> operations) {

		public Comparison {
			operations = List.copyOf(operations);
		}

		/**
		 * The schema changes, without review notes.
		 * @return the differences; empty when the live schema matches the model
		 */
		public List<Operation> differences() {
			return this.operations.stream().filter((operation) -> !(operation instanceof Operation.ReviewNote)).toList();
		}

	}

}
