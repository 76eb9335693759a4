package dev.migration;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.migration.dialect.Dialect;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for offline SQL: scripts rendered without a connection, then fed to the real
 * database the way a DBA would.
 */
class MigrationManagerOfflineSqlTests {

	private static void writeScripts(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));",
				"DROP TABLE users;");
		database.write("r2", "r1", "INSERT INTO users VALUES (1, 'O''Brien; a name');",
				"DELETE FROM users WHERE id = 1;");
		database.write("r3", "r2", "ALTER TABLE users ADD COLUMN email VARCHAR(100);",
				"ALTER TABLE users DROP COLUMN email;");
	}

	@DatabaseTest
	void anUpgradeScriptRunsCleanlyOnAnEmptyDatabaseAndRecordsTheState(TestDatabase database) throws Exception {
		writeScripts(database);
		MigrationManager manager = database.manager();
		String script = manager.sql("base:head", dialect(database));
		assertThat(script).contains("CREATE TABLE IF NOT EXISTS").contains("BEGIN;").contains("COMMIT;");
		assertThat(database.allTables()).isEmpty();
		feed(database, script);
		assertThat(database.tables()).containsExactly("users");
		assertThat(database.queryForList("SELECT name FROM users")).containsExactly("O'Brien; a name");
		assertThat(manager.currentRevisions()).containsExactly("r3");
		assertThat(manager.pendingMigrations()).isEmpty();
		assertThat(manager.verify().problems(VerifyReport.Kind.CHECKSUM_MISMATCH)).isEmpty();
		assertThat(manager.history()).extracting(HistoryEntry::action).containsOnly(HistoryAction.UPGRADE);
		// The engine can take over from what the script recorded.
		assertThat(manager.rollback("r1").migrations()).extracting(AppliedMigration::revision)
			.containsExactly("r3", "r2");
	}

	@DatabaseTest
	void aPartialRangeAndADowngradeRangeRenderOnlyTheirRevisions(TestDatabase database) throws Exception {
		writeScripts(database);
		MigrationManager manager = database.manager();
		manager.migrate("r1");
		String upgrade = manager.sql("r1:head", dialect(database));
		assertThat(upgrade).doesNotContain("-- Upgrade r1:").contains("-- Upgrade r2:").contains("-- Upgrade r3:");
		feed(database, upgrade);
		assertThat(manager.currentRevisions()).containsExactly("r3");
		String downgrade = manager.sql("head:r1", dialect(database));
		assertThat(downgrade).contains("-- Downgrade r3:").contains("-- Downgrade r2:").doesNotContain("-- Downgrade r1");
		assertThat(downgrade.indexOf("-- Downgrade r3:")).isLessThan(downgrade.indexOf("-- Downgrade r2:"));
		feed(database, downgrade);
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.queryForLong("SELECT count(*) FROM users")).isZero();
	}

	@DatabaseTest(Database.DUCKDB)
	void renderingNeedsNoConnection(TestDatabase database) {
		writeScripts(database);
		MigrationManager manager = MigrationManager.create(null, database.configuration().build());
		assertThat(manager.sql("head", Dialect.postgresql())).contains("SET search_path TO \"" + database.schema() + "\"");
		assertThat(manager.sql("head", Dialect.duckdb())).contains("SET search_path = '" + database.schema() + "'");
	}

	@DatabaseTest(Database.DUCKDB)
	void anIrreversibleRevisionCannotBeRenderedDown(TestDatabase database) {
		database.writeTable("r1", null);
		database.write("r2", "r1", "SELECT 1;", null);
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> manager.sql("r2:base", Dialect.duckdb()))
			.withMessageStartingWith("Cannot roll back revision r2 (")
			.withMessageEndingWith("it has no downgrade section, so it is irreversible");
	}

	private static Dialect dialect(TestDatabase database) {
		return database.isPostgres() ? Dialect.postgresql() : Dialect.duckdb();
	}

	/**
	 * Feeds a script to the database as an operator would: psql for PostgreSQL, one
	 * multi-statement execution for DuckDB.
	 */
	private static void feed(TestDatabase database, String script) throws IOException, InterruptedException,
			SQLException {
		if (database.isPostgres()) {
			Path file = Files.createTempFile("migration-offline", ".sql");
			Files.writeString(file, script);
			List<String> command = new ArrayList<>(psql(database.url()));
			command.addAll(List.of("-v", "ON_ERROR_STOP=1", "-q", "-f", file.toString()));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("psql output: %s", output).isZero();
			Files.delete(file);
		}
		else {
			try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
				statement.execute(script);
			}
		}
	}

	/**
	 * psql's arguments for a JDBC URL such as
	 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
	 */
	private static List<String> psql(String jdbcUrl) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		List<String> command = new ArrayList<>(List.of("psql", "-h", uri.getHost(), "-p",
				String.valueOf((uri.getPort() > 0) ? uri.getPort() : 5432), "-d", uri.getPath().substring(1)));
		if (uri.getQuery() != null) {
			for (String parameter : uri.getQuery().split("&")) {
				if (parameter.startsWith("user=")) {
					command.addAll(List.of("-U", parameter.substring("user=".length())));
				}
			}
		}
		return command;
	}

}
