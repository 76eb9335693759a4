package dev.migration.benchmark;

import java.sql.Driver;
import java.util.Locale;

/**
 * The databases the harness measures on.
 */
enum Database {

	/**
	 * PostgreSQL: a fresh random schema per run, dropped afterwards.
	 */
	POSTGRESQL {

		@Override
		Driver driver() {
			return new org.postgresql.Driver();
		}

	},

	/**
	 * DuckDB: a fresh database file per run in a temporary directory.
	 */
	DUCKDB {

		@Override
		Driver driver() {
			return new org.duckdb.DuckDBDriver();
		}

	};

	/**
	 * The JDBC driver, used directly.
	 * @return a driver instance
	 */
	abstract Driver driver();

	/**
	 * The name used on the command line and in the table.
	 * @return the lower-case name
	 */
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Database of(String label) {
		for (Database database : values()) {
			if (database.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
				return database;
			}
		}
		throw new IllegalArgumentException("Unknown database '" + label + "': use postgresql or duckdb");
	}

}
