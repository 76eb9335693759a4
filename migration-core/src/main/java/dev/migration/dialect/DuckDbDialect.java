package dev.migration.dialect;

import java.sql.SQLException;
import java.util.List;

import dev.migration.MigrationException;
import dev.migration.MigrationLockException;

/**
 * DuckDB: transactional DDL, one writing process per database file (so the lock is
 * in-process), sequences for the log's ids.
 */
final class DuckDbDialect implements Dialect {

	static final DuckDbDialect INSTANCE = new DuckDbDialect();

	private DuckDbDialect() {
	}

	@Override
	public String name() {
		return "duckdb";
	}

	@Override
	public String currentSchemaQuery() {
		return "SELECT current_schema()";
	}

	@Override
	public String useSchema(String schema) {
		return "SET search_path = '" + schema.replace("'", "''") + "'";
	}

	@Override
	public String restoreSearchPath(String searchPath) {
		return (searchPath == null || searchPath.isEmpty()) ? "RESET search_path"
				: "SET search_path = '" + searchPath.replace("'", "''") + "'";
	}

	@Override
	public String databaseIdentityQuery() {
		return "SELECT path FROM duckdb_databases() WHERE database_name = current_database()";
	}

	@Override
	public List<String> createHistoryTables(String schema, String stateTable, String logTable) {
		String sequence = qualify(schema, logTable + "_seq");
		return List.of("""
				CREATE TABLE IF NOT EXISTS %s (
				    revision VARCHAR PRIMARY KEY,
				    down_revisions VARCHAR NOT NULL,
				    depends_on VARCHAR NOT NULL,
				    message VARCHAR NOT NULL,
				    kind VARCHAR NOT NULL,
				    script VARCHAR,
				    checksum VARCHAR,
				    checksum_version INTEGER,
				    transactional BOOLEAN NOT NULL,
				    reversible BOOLEAN NOT NULL,
				    downgrade_sql VARCHAR,
				    applied_at TIMESTAMPTZ NOT NULL,
				    applied_by VARCHAR
				)""".formatted(qualify(schema, stateTable)), "CREATE SEQUENCE IF NOT EXISTS " + sequence, """
				CREATE TABLE IF NOT EXISTS %s (
				    id BIGINT PRIMARY KEY DEFAULT nextval('%s'),
				    revision VARCHAR NOT NULL,
				    message VARCHAR,
				    action VARCHAR NOT NULL,
				    checksum VARCHAR,
				    checksum_version INTEGER,
				    db_user VARCHAR,
				    host VARCHAR,
				    started_at TIMESTAMPTZ NOT NULL,
				    duration_ms BIGINT NOT NULL,
				    success BOOLEAN NOT NULL,
				    error VARCHAR
				)""".formatted(qualify(schema, logTable), sequence.replace("'", "''")));
	}

	@Override
	public String indexExistsQuery() {
		return "SELECT 1 FROM duckdb_indexes() WHERE schema_name = ? AND index_name = ?";
	}

	@Override
	public boolean hasAdvisoryLocks() {
		return false;
	}

	@Override
	public MigrationException connectionFailure(SQLException failure) {
		String message = String.valueOf(failure.getMessage());
		if (message.contains("Could not set lock on file")) {
			return new MigrationLockException("The DuckDB database file is held by another process, "
					+ "so migrations cannot run from this one. Stop that process or run the migrations in it. "
					+ "DuckDB said: " + message, failure);
		}
		return Dialect.super.connectionFailure(failure);
	}

}
