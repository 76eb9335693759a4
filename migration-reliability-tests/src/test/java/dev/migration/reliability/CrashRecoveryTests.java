package dev.migration.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.MigrationStatus;
import dev.migration.RepairAction;
import dev.migration.VerifyReport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app killed with {@code SIGKILL} in the middle of a migration, on
 * PostgreSQL and DuckDB.
 */
class CrashRecoveryTests {

	/** The first key of the engine's advisory lock ("migr"). */
	private static final long LOCK_NAMESPACE = 0x6D696772;

	private static final String USERS = "SELECT md5(string_agg(id || '/' || email || '/' || full_name || '/' "
			+ "|| coalesce(age::text, '-'), ',' ORDER BY id)) FROM users";

	@TempDir
	Path directory;

	@Test
	void killedDuringATransactionalMigrationLeavesTheDatabaseAsBeforeAndTheNextStartAppliesIt() {
		Scripts scripts = new Scripts(this.directory);
		String token = "crash-" + UUID.randomUUID();
		// Data and DDL changes, all in the migration's transaction, none that blocks the
		// reads below (an ALTER of users would: its lock stays until the backend ends).
		String changes = """
				UPDATE users SET age = 77;
				ALTER TABLE posts ADD COLUMN crash_note TEXT;
				CREATE TABLE crash_marker (id INTEGER);
				INSERT INTO crash_marker VALUES (1);""";
		String downgrade = "DROP TABLE crash_marker;\nALTER TABLE posts DROP COLUMN crash_note;";
		scripts.write("crash0001", Scripts.SAMPLE_HEAD,
				changes + "\nSELECT pg_sleep(30), '" + token + "';", downgrade);
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = new ArrayList<>(schema.sampleAppArguments());
			arguments.add("--migration.locations=classpath:db/migration," + scripts.location());
			// Let the server notice a dead client during a long statement, as production should.
			List<String> crashing = new ArrayList<>(arguments);
			crashing.removeIf((argument) -> argument.startsWith("--spring.datasource.url="));
			crashing.add("--spring.datasource.url=" + schema.url()
					+ "&options=-c%20client_connection_check_interval%3D500");
			List<String> before;
			String usersBefore;
			List<String> stateBefore;
			List<String> logBefore;
			try (SampleApp app = SampleApp.start(crashing)) {
				awaitRunning(schema, token, app);
				before = schema.structure();
				usersBefore = schema.rows(USERS).get(0);
				stateBefore = schema.rows("SELECT revision FROM migration_history_state ORDER BY revision");
				logBefore = schema.rows("SELECT id, revision, action, success FROM migration_history ORDER BY id");
				assertThat(stateBefore).as(app::output).hasSize(9).last().isEqualTo(Scripts.SAMPLE_HEAD);
				assertThat(advisoryLocks(schema)).hasSize(1);
				app.kill();
				assertThat(app.isAlive()).isFalse();
			}
			awaitGone(schema, token);
			assertThat(advisoryLocks(schema)).isEmpty();
			assertThat(schema.structure()).isEqualTo(before).noneMatch((column) -> column.contains("crash"));
			assertThat(schema.rows(USERS)).containsExactly(usersBefore);
			assertThat(schema.rows("SELECT revision FROM migration_history_state ORDER BY revision"))
				.isEqualTo(stateBefore);
			assertThat(schema.rows("SELECT id, revision, action, success FROM migration_history ORDER BY id"))
				.isEqualTo(logBefore);

			// Editing a script that was never applied is allowed: drop the slow statement.
			scripts.write("crash0001", Scripts.SAMPLE_HEAD, changes, downgrade);
			// A lock left behind would make this start fail fast instead of waiting.
			arguments.add("--migration.lock-timeout=2s");
			try (SampleApp app = SampleApp.start(arguments)) {
				app.awaitReady(Duration.ofSeconds(60));
				assertThat(app.get("/actuator/migrations").json().get("current").get(0).asString())
					.isEqualTo("crash0001");
			}
			assertThat(schema.rows("SELECT count(*), min(age), max(age) FROM users")).containsExactly("3|77|77");
			assertThat(schema.rows("SELECT id FROM crash_marker")).containsExactly("1");
			assertThat(schema.rows("SELECT action, success FROM migration_history WHERE revision = 'crash0001'"))
				.containsExactly("upgrade|t");
		}
	}

	@Test
	void killedDuringAMigrationOnDuckDbLeavesTheFileAsBeforeAndTheNextStartAppliesIt() throws Exception {
		Scripts scripts = new Scripts(this.directory.resolve("scripts")).createDirectory();
		Path database = this.directory.resolve("crash.db");
		String token = "crash_" + UUID.randomUUID().toString().replace("-", "");
		String changes = """
				UPDATE users SET age = 77;
				CREATE TABLE crash_marker (id INTEGER);
				INSERT INTO crash_marker VALUES (1);""";
		// Minutes of work on a small machine: the kill comes long before it ends.
		scripts.write("crash0001", Scripts.SAMPLE_HEAD,
				changes + "\nSELECT count(*) AS " + token + " FROM range(1000000000000);", "DROP TABLE crash_marker;");
		// The dev profile echoes each statement before it runs.
		List<String> arguments = List.of("--spring.profiles.active=dev", "--spring.datasource.url=jdbc:duckdb:" + database,
				"--migration.echo=true", "--migration.locations=classpath:db/migration," + scripts.location());
		try (SampleApp app = SampleApp.start(arguments)) {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!app.output().contains("AS " + token) && System.nanoTime() < deadline && app.isAlive()) {
				SampleApp.pause(100);
			}
			assertThat(app.output()).contains("Applied " + Scripts.SAMPLE_HEAD).contains("AS " + token);
			SampleApp.pause(300);
			assertThat(app.isAlive()).as(app::output).isTrue();
			app.kill();
			assertThat(app.isAlive()).isFalse();
		}
		DuckDbFile file = new DuckDbFile(database);
		try (Connection connection = file.getConnection()) {
			assertThat(Sql.rows(connection, "SELECT revision FROM migration_history_state ORDER BY revision"))
				.hasSize(9)
				.last()
				.isEqualTo(Scripts.SAMPLE_HEAD);
			assertThat(Sql.rows(connection, "SELECT count(*), count(*) FILTER (WHERE age = 77) FROM users"))
				.containsExactly("3|0");
			assertThat(Sql.rows(connection, "SELECT count(*) FROM information_schema.tables "
					+ "WHERE table_name = 'crash_marker'")).containsExactly("0");
			assertThat(Sql.rows(connection, "SELECT count(*) FROM migration_history WHERE revision = 'crash0001'"))
				.containsExactly("0");
		}
		scripts.write("crash0001", Scripts.SAMPLE_HEAD, changes, "DROP TABLE crash_marker;");
		try (SampleApp app = SampleApp.start(arguments)) {
			app.awaitReady(Duration.ofSeconds(60));
			assertThat(app.get("/actuator/migrations").json().get("current").get(0).asString())
				.isEqualTo("crash0001");
		}
		try (Connection connection = file.getConnection()) {
			assertThat(Sql.rows(connection, "SELECT count(*), min(age), max(age) FROM users"))
				.containsExactly("3|77|77");
			assertThat(Sql.rows(connection, "SELECT id FROM crash_marker")).containsExactly("1");
		}
	}

	@Test
	void killedDuringANonTransactionalMigrationIsReportedAsInterruptedWithTheWayToResolveIt() {
		Scripts scripts = new Scripts(this.directory);
		String token = "crash-" + UUID.randomUUID();
		scripts.write("nontx0001", "none", "CREATE TABLE items (id INTEGER PRIMARY KEY);", "DROP TABLE items;");
		scripts.write("nontx0002", "nontx0001", false, """
				CREATE INDEX CONCURRENTLY items_id_desc ON items (id DESC);
				SELECT pg_sleep(30), '%s';""".formatted(token), "DROP INDEX CONCURRENTLY items_id_desc;");
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = new ArrayList<>(schema.sampleAppArguments());
			arguments.removeIf((argument) -> argument.startsWith("--spring.datasource.url="));
			arguments.add("--spring.datasource.url=" + schema.url()
					+ "&options=-c%20client_connection_check_interval%3D500");
			arguments.add("--migration.locations=" + scripts.location());
			try (SampleApp app = SampleApp.start(arguments)) {
				awaitRunning(schema, token, app);
				app.kill();
			}
			awaitGone(schema, token);
			assertThat(advisoryLocks(schema)).isEmpty();
			// What an operator sees from the command line.
			List<String> verify = new ArrayList<>(List.of("verify"));
			verify.addAll(schema.sampleAppArguments());
			verify.add("--migration.locations=" + scripts.location());
			try (SampleApp cli = SampleApp.command(verify, Map.of())) {
				assertThat(cli.awaitExit(Duration.ofSeconds(60))).as(cli::output).isEqualTo(1);
				assertThat(cli.output()).contains("INTERRUPTED")
					.contains("nontx0002")
					.contains("repair mark-applied nontx0002");
			}
			MigrationManager manager = MigrationManager.create(schema.dataSource(),
					MigrationConfiguration.builder().locations(scripts.location()).schema(schema.name()).build());
			MigrationStatus status = manager.status();
			assertThat(status.currentRevisions()).containsExactly("nontx0001");
			assertThat(status.interrupted()).singleElement(InstanceOfAssertFactories.STRING)
				.contains("nontx0002")
				.contains("record it as applied with a mark-applied repair");
			VerifyReport report = manager.verify();
			assertThat(report.problems(VerifyReport.Kind.INTERRUPTED)).singleElement().satisfies((problem) -> {
				assertThat(problem.revision()).isEqualTo("nontx0002");
				assertThat(problem.detail()).contains("mark-applied");
			});
			// What ran stays committed: the operator inspects, completes and records it.
			assertThat(schema.rows("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema.name()
					+ "' AND indexname = 'items_id_desc'")).containsExactly("items_id_desc");
			manager.repair(RepairAction.MARK_APPLIED, "nontx0002", "index built before the crash; checked by hand",
					null);
			assertThat(manager.status().interrupted()).isEmpty();
			assertThat(manager.verify().problems(VerifyReport.Kind.INTERRUPTED)).isEmpty();
			assertThat(manager.currentRevisions()).containsExactly("nontx0002");
		}
	}

	private static void awaitRunning(PostgresSchema schema, String token, SampleApp app) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (!running(schema, token).isEmpty()) {
				return;
			}
			if (!app.isAlive()) {
				throw new AssertionError("The sample app exited before the slow migration ran:\n" + app.output());
			}
			SampleApp.pause(100);
		}
		throw new AssertionError("The slow migration did not start within 60s:\n" + app.output());
	}

	private static void awaitGone(PostgresSchema schema, String token) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (running(schema, token).isEmpty()) {
				return;
			}
			SampleApp.pause(100);
		}
		throw new AssertionError("The killed app's backend is still running its statement after 20s");
	}

	private static List<String> running(PostgresSchema schema, String token) {
		// Only the slow statement itself, running: not a closing session whose last query
		// named the token.
		return schema.rows("SELECT pid FROM pg_stat_activity WHERE state = 'active' "
				+ "AND query LIKE 'SELECT pg\\_sleep(30), ''" + token + "''%'");
	}

	static List<String> advisoryLocks(PostgresSchema schema) {
		CRC32 crc = new CRC32();
		crc.update((schema.name() + ".migration_history").getBytes(StandardCharsets.UTF_8));
		long key = crc.getValue() & 0x7FFFFFFF;
		return schema.rows("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = " + LOCK_NAMESPACE
				+ " AND objid = " + key + " AND objsubid = 2");
	}

}
