package dev.migration.testing;

/**
 * The real databases that behaviour tests run on.
 */
public enum Database {

	/**
	 * PostgreSQL, a fresh schema per test in the server named by
	 * {@code MIGRATION_TEST_POSTGRES_URL}.
	 */
	POSTGRESQL,

	/**
	 * DuckDB, a fresh database file per test.
	 */
	DUCKDB

}
