package dev.migration.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The command line of the packaged sample app on PostgreSQL, with the {@code staging}
 * and {@code prod} profiles, in a fresh schema dropped afterwards: one scenario, one
 * method per step, in order, so that a failing step does not hide the others' checks.
 * Run by the failsafe plugin, which packages the jar first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationCommandLinePostgresIT {

	private static final String HEAD = "a1c0e5f00009";

	@TempDir
	static Path directory;

	private final String url = postgresUrl();

	private final String schema = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@BeforeAll
	void createSchema() {
		execute("CREATE SCHEMA " + this.schema);
	}

	@AfterAll
	void dropSchema() {
		execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
	}

	@Test
	@Order(1)
	void migrateOnStagingAppliesEveryRevisionWithProgress() {
		assertThat(app("staging").migration("migrate").succeeded().out()).contains("[9/9] " + HEAD, "now at " + HEAD);
	}

	@Test
	@Order(2)
	void statusAsJsonIsUpToDateWithTheLockHolder() {
		JsonNode status = app("staging").migration("status", "--json").succeeded().json();
		assertThat(status.get("state").asString()).isEqualTo("UP_TO_DATE");
		assertThat(status.get("current").get(0).asString()).isEqualTo(HEAD);
		assertThat(status.get("pending")).isEmpty();
		assertThat(status.has("lockHolder")).isTrue();
	}

	@Test
	@Order(3)
	void aProductionRollbackIsRefusedWithoutItsConfirmation() {
		SampleAppProcess.Run refused = app("prod").migration("rollback").failedWith(1);
		assertThat(refused.err()).startsWith("Refused: ")
			.contains("Production protection")
			.contains("Confirm by repeating the command with --confirm=a1c0e5f00008")
			.doesNotContain("RollbackOptions")
			.doesNotContain("\tat ");
	}

	@Test
	@Order(4)
	void aConfirmedProductionRollbackRuns() {
		SampleAppProcess.Run confirmed = app("prod").migration("rollback", "--confirm", "a1c0e5f00008").succeeded();
		assertThat(confirmed.out()).contains("[1/1] " + HEAD, "now at a1c0e5f00008");
	}

	@Test
	@Order(5)
	void historyAsJsonRecordsTheDowngradeAndItsUser() {
		JsonNode history = app("staging").migration("history", "--json").succeeded().json();
		assertThat(history.get("total").asInt()).isEqualTo(10);
		assertThat(history.get("entries").get(0).get("action").asString()).isEqualTo("DOWNGRADE");
		assertThat(history.get("entries").get(0).get("user").asString()).isEqualTo("postgres");
	}

	@Test
	@Order(6)
	void verifyFindsTheScriptsAndTheDatabaseAgreeing() {
		assertThat(app("staging").migration("verify").succeeded().out())
			.contains("OK: the scripts and the database agree");
	}

	@Test
	@Order(7)
	void graphAsDotDrawsTheEdges() {
		assertThat(app("staging").migration("graph", "--format", "dot").succeeded().out())
			.startsWith("digraph migrations {")
			.contains("\"a1c0e5f00008\" -> \"" + HEAD + "\";");
	}

	@Test
	@Order(8)
	void sqlRendersARangeOffline() {
		assertThat(app("staging").migration("sql", "base:a1c0e5f00001").succeeded().out()).contains("CREATE TABLE");
	}

	@Test
	@Order(9)
	void migrateAndRollbackTakeARelativeTargetAsTheirArgument() {
		assertThat(app("staging").migration("migrate", "+1").succeeded().out()).contains("[1/1] " + HEAD,
				"now at " + HEAD);
		assertThat(app("staging").migration("rollback", "-1").succeeded().out()).contains("[1/1] " + HEAD,
				"(rolled back)", "now at a1c0e5f00008");
		assertThat(app("staging").migration("migrate", "head").succeeded().out()).contains("now at " + HEAD);
	}

	@Test
	@Order(10)
	void createTableTakesItsColumnsFromTheCommandLineAndItsScriptMigratesAndRollsBack() throws Exception {
		SampleAppProcess.Run create = app("staging")
			.migration("create", "Create tags", "--template", "create_table", "--param", "table=tags", "--param",
					"columns=id bigint pk, name varchar(100) not null", "--column", "price numeric(10,2) default 0",
					"--column", "label text default 'none, yet'", "--timestamps", "--soft-delete")
			.succeeded();
		String revision = create.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
		Path scripts = directory.resolve("src/main/resources/db/migration");
		try (Stream<Path> files = Files.list(scripts)) {
			assertThat(files).singleElement()
				.satisfies((file) -> assertThat(Files.readString(file)).containsSubsequence("-- upgrade",
						"CREATE TABLE tags (", "id bigint NOT NULL", "name character varying(100) NOT NULL",
						"price numeric(10,2) DEFAULT 0", "label text DEFAULT 'none, yet'",
						"created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL", "updated_at",
						"deleted_at timestamp with time zone", "PRIMARY KEY (id)", "-- downgrade", "DROP TABLE tags"));
		}
		// The packaged scripts and the new one: what create wrote runs on PostgreSQL, both ways.
		String locations = "--migration.locations=classpath:db/migration,filesystem:" + scripts;
		assertThat(app("staging").migration("migrate", locations).succeeded().out()).contains("now at " + revision);
		assertThat(tagColumns()).containsExactly("id", "name", "price", "label", "created_at", "updated_at",
				"deleted_at");
		assertThat(app("staging").migration("rollback", "-1", locations).succeeded().out())
			.contains("now at " + HEAD);
		assertThat(tagColumns()).isEmpty();
	}

	@Test
	@Order(11)
	void lintPassesThePackagedScriptsKeepingTheReasonOfTheIgnoredDropAndFailsOnAHazard() throws Exception {
		JsonNode lint = app("staging").migration("lint", "--json").succeeded().json();
		assertThat(lint.get("database").asString()).startsWith("PostgreSQL");
		assertThat(lint.get("warnings").asInt()).isZero();
		assertThat(lint.get("ignored")).singleElement().satisfies((ignored) -> {
			assertThat(ignored.get("finding").get("rule").asString()).isEqualTo("drop-column");
			assertThat(ignored.get("finding").get("revision").asString()).isEqualTo("a1c0e5f00006");
			assertThat(ignored.get("reason").asString()).startsWith("step 3 of the expand and contract");
		});
		Path hazard = Files.writeString(directory.resolve("hazard.sql"), """
				-- Index orders
				-- revision: h1
				-- down_revision: a1c0e5f00009
				-- upgrade
				CREATE INDEX orders_total_idx ON orders (total);
				""");
		SampleAppProcess.Run run = app("staging").migration("lint", "--file", hazard.toString()).failedWith(1);
		assertThat(run.out()).contains(hazard + ":5: WARNING [index-without-concurrently] ",
				"table orders is not in the database: size unknown", "    rewrite:   CREATE INDEX CONCURRENTLY");
		assertThat(run.err()).contains("Lint failed: 1 warning(s)");
		assertThat(app("staging").migration("verify", "--lint").succeeded().out())
			.contains("Lint of the pending scripts: No findings");
	}

	private List<String> tagColumns() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url);
				PreparedStatement query = connection.prepareStatement("SELECT column_name FROM "
						+ "information_schema.columns WHERE table_schema = ? AND table_name = 'tags' "
						+ "ORDER BY ordinal_position")) {
			query.setString(1, this.schema);
			List<String> columns = new ArrayList<>();
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					columns.add(rows.getString(1));
				}
			}
			return columns;
		}
	}

	private SampleAppProcess app(String profile) {
		return new SampleAppProcess(directory, "--spring.profiles.active=" + profile,
				"--spring.datasource.url=" + this.url, "--spring.datasource.username=postgres",
				"--migration.schema=" + this.schema);
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			fail("Cannot reach PostgreSQL at " + this.url + " (" + ex.getMessage() + "): start one, or point "
					+ "MIGRATION_TEST_POSTGRES_URL (or -Dmigration.test.postgres.url) at a server you can create "
					+ "schemas in, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
		}
	}

	private static String postgresUrl() {
		String url = System.getProperty("migration.test.postgres.url");
		if (url == null || url.isBlank()) {
			url = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		}
		return (url != null && !url.isBlank()) ? url : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
	}

}
