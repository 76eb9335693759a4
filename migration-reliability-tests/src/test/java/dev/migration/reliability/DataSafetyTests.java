package dev.migration.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A data migration over 100,000 rows that fails half-way leaves every row as it was,
 * on PostgreSQL and DuckDB.
 */
class DataSafetyTests {

	private static final String TABLE = "CREATE TABLE accounts (id BIGINT PRIMARY KEY, "
			+ "balance INTEGER NOT NULL CHECK (balance >= 0), note VARCHAR(40))";

	private static final String ROWS = "INSERT INTO accounts SELECT i, CAST(i % 997 AS INTEGER), 'row ' || i "
			+ "FROM generate_series(1, 100000) AS t(i)";

	private static final String CHECKSUM = "SELECT count(*) || ':' || sum(balance) || ':' "
			+ "|| md5(string_agg(id || '=' || balance || '/' || note, ',' ORDER BY id)) FROM accounts";

	@TempDir
	Path directory;

	@Test
	void failingBatchedDataMigrationLeavesEveryRowAsItWasOnPostgres() throws SQLException {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertFailingDataMigrationChangesNothing(schema.dataSource(), schema.name(), batchesThenFailure());
		}
	}

	@Test
	void failingBatchedDataMigrationLeavesEveryRowAsItWasOnDuckDb() throws SQLException {
		assertFailingDataMigrationChangesNothing(new DuckDbFile(this.directory.resolve("batches.db")), null,
				batchesThenFailure());
	}

	@Test
	void updateFailingOnTheLastRowLeavesEveryRowAsItWasOnPostgres() throws SQLException {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertFailingDataMigrationChangesNothing(schema.dataSource(), schema.name(), failureOnTheLastRow());
		}
	}

	@Test
	void updateFailingOnTheLastRowLeavesEveryRowAsItWasOnDuckDb() throws SQLException {
		assertFailingDataMigrationChangesNothing(new DuckDbFile(this.directory.resolve("last.db")), null,
				failureOnTheLastRow());
	}

	private static String batchesThenFailure() {
		return """
				UPDATE accounts SET balance = balance + 1, note = 'batch 1' WHERE id BETWEEN 1 AND 25000;
				UPDATE accounts SET balance = balance + 1, note = 'batch 2' WHERE id BETWEEN 25001 AND 50000;
				UPDATE accounts SET balance = balance + 1, note = 'batch 3' WHERE id BETWEEN 50001 AND 75000;
				DELETE FROM accounts WHERE id > 99000;
				INSERT INTO accounts VALUES (1, 0, 'duplicate key');""";
	}

	private static String failureOnTheLastRow() {
		// Every row but the last one passes the check.
		return "UPDATE accounts SET balance = CASE WHEN id = 100000 THEN -1 ELSE balance * 2 END, note = 'updated';";
	}

	private void assertFailingDataMigrationChangesNothing(DataSource dataSource, String schemaName,
			String dataMigration) throws SQLException {
		Scripts scripts = new Scripts(this.directory.resolve("scripts-" + System.nanoTime()));
		scripts.createDirectory();
		scripts.write("accounts01", "none", TABLE + ";\n" + ROWS + ";", "DROP TABLE accounts;");
		scripts.write("accounts02", "accounts01", dataMigration, "");
		MigrationManager manager = MigrationManager.create(dataSource,
				MigrationConfiguration.builder().locations(scripts.location()).schema(schemaName).build());
		manager.migrate("accounts01");
		String before = checksum(dataSource);
		assertThat(before).startsWith("100000:");
		List<String> historyBefore = history(dataSource);
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
			.withMessageContaining("accounts02");
		assertThat(checksum(dataSource)).isEqualTo(before);
		assertThat(manager.currentRevisions()).containsExactly("accounts01");
		List<String> historyAfter = history(dataSource);
		assertThat(historyAfter).startsWith(historyBefore.toArray(String[]::new));
		assertThat(historyAfter.subList(historyBefore.size(), historyAfter.size()))
			.containsExactly("accounts02|upgrade|failed");
	}

	private static String checksum(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return Sql.value(connection, CHECKSUM);
		}
	}

	private static List<String> history(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return Sql.rows(connection, "SELECT revision, action, CASE WHEN success THEN 'ok' ELSE 'failed' END "
					+ "FROM migration_history ORDER BY id");
		}
	}

}
