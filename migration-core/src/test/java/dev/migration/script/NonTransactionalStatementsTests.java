package dev.migration.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NonTransactionalStatements}.
 */
class NonTransactionalStatementsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			CREATE INDEX CONCURRENTLY idx ON t (a)                       | CREATE INDEX CONCURRENTLY
			create unique index concurrently if not exists i on t (a)    | CREATE INDEX CONCURRENTLY
			DROP INDEX CONCURRENTLY IF EXISTS idx                        | DROP INDEX CONCURRENTLY
			REINDEX INDEX CONCURRENTLY idx                               | REINDEX CONCURRENTLY
			REINDEX (VERBOSE) TABLE CONCURRENTLY t                       | REINDEX CONCURRENTLY
			REINDEX (CONCURRENTLY) TABLE t                               | REINDEX CONCURRENTLY
			REINDEX SCHEMA app                                           | REINDEX SCHEMA
			REINDEX DATABASE app                                         | REINDEX DATABASE
			VACUUM                                                       | VACUUM
			vacuum (analyze) users                                       | VACUUM
			CREATE DATABASE app                                          | CREATE DATABASE
			DROP DATABASE IF EXISTS app                                  | DROP DATABASE
			ALTER SYSTEM SET work_mem = '64MB'                           | ALTER SYSTEM
			CREATE TABLESPACE fast LOCATION '/ssd'                       | CREATE TABLESPACE
			DROP TABLESPACE fast                                         | DROP TABLESPACE
			ALTER DATABASE app SET TABLESPACE fast                       | ALTER DATABASE SET TABLESPACE
			ALTER DATABASE "my app" SET TABLESPACE fast                  | ALTER DATABASE SET TABLESPACE
			""")
	void statementThatCannotRunInATransactionIsNamed(String sql, String reason) {
		assertThat(NonTransactionalStatements.reason(sql)).contains(reason);
	}

	@Test
	void leadingCommentsAreSkipped() {
		String sql = "-- build it online; no lock\n/* really */\nCREATE INDEX CONCURRENTLY i ON t (a)";
		assertThat(NonTransactionalStatements.reason(sql)).contains("CREATE INDEX CONCURRENTLY");
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX idx ON t (a)", "CREATE UNIQUE INDEX idx ON t (a)", "DROP INDEX idx",
			"REINDEX TABLE t", "REINDEX INDEX idx", "CREATE TABLE vacuum_log (id int)",
			"ALTER DATABASE app SET work_mem = '1MB'", "ALTER TABLE t ADD COLUMN concurrently int", "SELECT 'VACUUM'",
			"-- VACUUM\nSELECT 1", "/* CREATE DATABASE x */ SELECT 1",
			"INSERT INTO t VALUES ('CREATE INDEX CONCURRENTLY')", "" })
	void ordinaryStatementHasNoReason(String sql) {
		assertThat(NonTransactionalStatements.reason(sql)).isEmpty();
	}

}
