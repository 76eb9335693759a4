package dev.migration.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line of the packaged sample app on DuckDB (the dev profile), every command
 * run as a real process. Scenarios, each a sequence of steps on a database of its own
 * ({@code x}: from a new database to a rollback and a repair; {@code y}: stamping and
 * writing scripts; {@code z}: a table from a template, migrated and rolled back;
 * {@code w}: the file of a running application): one method per step, in order, so that
 * a failing step does not hide the others' checks.
 * Run by the failsafe plugin, which packages the jar first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationCommandLineDuckDbIT {

	private static final String HEAD = "a1c0e5f00009";

	@TempDir
	static Path directory;

	private SampleAppProcess x;

	private SampleAppProcess y;

	private SampleAppProcess x() {
		if (this.x == null) {
			this.x = app("x");
		}
		return this.x;
	}

	private SampleAppProcess y() {
		if (this.y == null) {
			this.y = app("y");
		}
		return this.y;
	}

	@Test
	@Order(1)
	void statusOfANewDatabaseListsEveryRevisionAsPending() {
		JsonNode pending = x().migration("status", "--json").succeeded().json();
		assertThat(pending.get("state").asString()).isEqualTo("PENDING");
		assertThat(pending.get("current")).isEmpty();
		assertThat(pending.get("heads").get(0).asString()).isEqualTo(HEAD);
		assertThat(pending.get("pending")).hasSize(9);
		assertThat(pending.get("pending").get(0).get("id").asString()).isEqualTo("a1c0e5f00001");
		assertThat(pending.get("pending").get(0).get("path").asString()).endsWith("a1c0e5f00001_create_users.sql");
	}

	@Test
	@Order(2)
	void dryRunPrintsTheSqlOfTheMigrationsToTheRevision() {
		SampleAppProcess.Run dryRun = x().migration("migrate", "--revision=a1c0e5f00001", "--dry-run").succeeded();
		assertThat(dryRun.out()).contains("-- a1c0e5f00001 Create users", "CREATE TABLE",
				"-- Dry run: 1 migration would run; nothing was changed");
	}

	@Test
	@Order(3)
	void migrateToARevisionCountsItsProgressAgainstTheMigrationsToIt() {
		SampleAppProcess.Run migrateTo3 = x().migration("migrate", "--revision", "a1c0e5f00003").succeeded();
		assertThat(migrateTo3.out())
			.containsPattern("\\[1/3\\] a1c0e5f00001 Create users, with timestamps and soft delete  \\d+(\\.\\d+)? m?s")
			.contains("[3/3] a1c0e5f00003 Seed demo users")
			.contains("Applied 3 migrations in")
			.contains("now at a1c0e5f00003");
	}

	@Test
	@Order(4)
	void migrateTakesARelativeTargetOrHeadAsItsArgument() {
		SampleAppProcess.Run step = x().migration("migrate", "+1").succeeded();
		assertThat(step.out()).contains("[1/1] a1c0e5f00004", "now at a1c0e5f00004");
		SampleAppProcess.Run migrate = x().migration("migrate", "head").succeeded();
		assertThat(migrate.out()).contains("[1/5] a1c0e5f00005", "[5/5] " + HEAD, "now at " + HEAD);
	}

	@Test
	@Order(5)
	void historyAsJsonListsTheNewestEntriesFirst() {
		JsonNode history = x().migration("history", "--limit", "2", "--json").succeeded().json();
		assertThat(history.get("total").asInt()).isEqualTo(9);
		assertThat(history.get("entries")).hasSize(2);
		assertThat(history.get("entries").get(0).get("revision").asString()).isEqualTo(HEAD);
		assertThat(history.get("entries").get(0).get("action").asString()).isEqualTo("UPGRADE");
		assertThat(history.get("entries").get(0).get("success").asBoolean()).isTrue();
	}

	@Test
	@Order(6)
	void rollbackMinusOneUndoesTheLastMigration() {
		SampleAppProcess.Run rollback = x().migration("rollback", "-1").succeeded();
		assertThat(rollback.out()).contains("[1/1] " + HEAD, "(rolled back)", "now at a1c0e5f00008");
		assertThat(x().migration("current", "--json").succeeded().json().get("current").get(0).asString())
			.isEqualTo("a1c0e5f00008");
	}

	@Test
	@Order(7)
	void showTellsTheStateOfARevision() {
		assertThat(x().migration("show", "a1c0e5f00009").succeeded().out()).contains("Revision:  " + HEAD)
			.contains("Parents:   a1c0e5f00008")
			.contains("State:     pending, head");
	}

	@Test
	@Order(8)
	void verifyAsJsonFindsNoProblem() {
		JsonNode verify = x().migration("verify", "--json").succeeded().json();
		assertThat(verify.get("ok").asBoolean()).isTrue();
		assertThat(verify.get("problems")).isEmpty();
	}

	@Test
	@Order(9)
	void graphMarksTheHeadAndTheCurrentRevision() {
		SampleAppProcess.Run graph = x().migration("graph").succeeded();
		assertThat(graph.out()).startsWith("* " + HEAD + " (head) Create posts")
			.contains("* a1c0e5f00008 (current) Unique index on users.email");
	}

	@Test
	@Order(10)
	void sqlRendersARangeOffline() {
		SampleAppProcess.Run sql = x().migration("sql", "base:a1c0e5f00001").succeeded();
		assertThat(sql.out()).contains("CREATE TABLE", "a1c0e5f00001");
	}

	@Test
	@Order(11)
	void anUnknownTargetFailsWithExitCodeOneAndNoStackTrace() {
		SampleAppProcess.Run badTarget = x().migration("migrate", "--revision", "nope").failedWith(1);
		assertThat(badTarget.err()).startsWith("Error: ").contains("nope").doesNotContain("\tat ");
	}

	@Test
	@Order(12)
	void repairIsLoggedWithItsReason() {
		assertThat(x().migration("repair", "mark-rolled-back", "a1c0e5f00008", "--reason", "dropped the index by hand")
			.succeeded()
			.out()).contains("now at a1c0e5f00007");
		assertThat(x().migration("history", "--limit=1").succeeded().out())
			.containsPattern("ID\\s+REVISION\\s+ACTION\\s+STARTED\\s+DURATION\\s+RESULT")
			.containsPattern("a1c0e5f00008\\s+repair\\s+")
			.contains("dropped the index by hand")
			.contains("(1 of 11 entries)");
	}

	@Test
	@Order(13)
	void helpListsTheCommandsAndAnUnknownCommandExitsWithTwo() {
		SampleAppProcess.Run help = y().migration("--help").succeeded();
		assertThat(help.out()).contains("Usage: migration <command>", "migrate", "rollback", "graph", "repair");
		SampleAppProcess.Run unknown = y().migration("statuss").failedWith(2);
		assertThat(unknown.err()).contains("Unknown command 'statuss': did you mean 'status'?");
		assertThat(unknown.out()).isEmpty();
	}

	@Test
	@Order(14)
	void aUsageErrorPrintsTheCommandsWholeUsage() {
		SampleAppProcess.Run twice = y().migration("rollback", "-1", "--revision=-2").failedWith(2);
		assertThat(twice.err()).startsWith("migration: The target of 'rollback' is given twice, as '-1' and as "
				+ "'--revision=-2': give one of them")
			.contains("Usage: migration rollback [TARGET] [options]")
			.containsPattern("--revision R +the target, instead of TARGET: -N, base, an id or prefix")
			.containsPattern("--confirm R +the revision the rollback ends at")
			.containsPattern("--allow-data-loss +allow downgrades that drop tables or columns holding rows")
			.containsPattern("--verbose +log more");
		assertThat(twice.out()).isEmpty();
	}

	@Test
	@Order(15)
	void stampSetsTheStateThatStatusShows() {
		assertThat(y().migration("stamp", "a1c0e5f00003").succeeded().out()).contains("now at a1c0e5f00003");
		assertThat(y().migration("status").succeeded().out()).containsPattern("State:\\s+PENDING")
			.containsPattern("Current:\\s+a1c0e5f00003")
			.contains("Pending (6):");
	}

	@Test
	@Order(16)
	void createWritesScriptsFromTemplatesOnBranchesAndMergesThem() throws Exception {
		SampleAppProcess app = y();
		SampleAppProcess.Run create = app.migration("create", "Add phone", "--no-autogenerate").succeeded();
		assertThat(create.out()).contains("Created revision", "(Add phone) after " + HEAD);
		Path scripts = directory.resolve("y/src/main/resources/db/migration");
		try (Stream<Path> files = Files.list(scripts)) {
			List<Path> created = files.toList();
			assertThat(created).singleElement().satisfies((file) -> {
				assertThat(file.getFileName().toString()).endsWith("_add_phone.sql");
				assertThat(Files.readString(file)).startsWith("-- Add phone").contains("down_revision: " + HEAD);
			});
		}

		SampleAppProcess.Run template = app.migration("create", "Add tags", "--no-autogenerate", "--template",
				"create_table", "--param", "table=tags", "--param=columns=id bigint pk, name varchar(50) not null")
			.succeeded();
		// The source directory is read too: the new revision follows the one created before.
		String phone = created(create);
		assertThat(template.out()).contains("(Add tags) after " + phone);
		try (Stream<Path> files = Files.list(scripts)) {
			assertThat(files.filter((file) -> file.getFileName().toString().endsWith("_add_tags.sql")))
				.singleElement()
				.satisfies((file) -> assertThat(Files.readString(file)).contains("-- upgrade")
					.containsIgnoringCase("CREATE TABLE")
					.contains("tags")
					.contains("-- downgrade")
					.containsIgnoringCase("DROP TABLE"));
		}
		String tags = created(template);
		String branchId = created(
				app.migration("create", "Branch off", "--no-autogenerate", "--head", HEAD).succeeded());
		assertThat(app.migration("create", "Two heads now", "--no-autogenerate").failedWith(1).err()).contains(tags)
			.contains(branchId);
		String mergeId = created(app.migration("merge", "Join the branches", tags, branchId).succeeded());
		try (Stream<Path> files = Files.list(scripts)) {
			assertThat(files.filter((file) -> file.getFileName().toString().startsWith(mergeId + "_")))
				.singleElement()
				.satisfies((file) -> assertThat(Files.readString(file)).startsWith("-- Join the branches")
					.containsPattern("down_revision: (" + tags + ", " + branchId + "|" + branchId + ", " + tags
							+ ")"));
		}
	}

	@Test
	@Order(17)
	void createFromAnUnknownTemplateListsEveryTemplateWithItsParameters() {
		SampleAppProcess.Run unknown = y().migration("create", "Broken", "--template", "add_colum").failedWith(2);
		assertThat(unknown.err()).startsWith("migration: Unknown template 'add_colum': did you mean 'add_column'?")
			.contains("Templates (--template NAME, each parameter as --param KEY=VALUE):")
			.contains("add_column", "create_table", "data_migration")
			.containsPattern("with_soft_delete +add deleted_at \\(timestamptz, nullable\\) \\(default: false\\)");
	}

	@Test
	@Order(18)
	void verifyRoundTripFindsEveryDowngradeRestoringTheSchema() {
		SampleAppProcess.Run roundTrip = y().migration("verify", "--roundtrip").succeeded();
		assertThat(roundTrip.out()).doesNotContain("ROUND_TRIP");
	}

	@Test
	@Order(19)
	void createTableTakesItsColumnsFromTheCommandLineAndItsScriptMigratesAndRollsBack() throws Exception {
		SampleAppProcess app = app("z");
		SampleAppProcess.Run create = app
			.migration("create", "Create tags", "--template", "create_table", "--param", "table=tags", "--param",
					"columns=id bigint pk, name varchar(100) not null", "--column", "price numeric(10,2) default 0",
					"--column", "label text default 'none, yet'", "--timestamps", "--soft-delete")
			.succeeded();
		assertThat(create.out()).contains("(Create tags) after " + HEAD);
		Path scripts = directory.resolve("z/src/main/resources/db/migration");
		try (Stream<Path> files = Files.list(scripts)) {
			assertThat(files).singleElement()
				.satisfies((file) -> assertThat(Files.readString(file)).containsSubsequence("-- upgrade",
						"CREATE TABLE tags (", "id BIGINT NOT NULL", "name VARCHAR NOT NULL",
						"price DECIMAL(10,2) DEFAULT 0", "label VARCHAR DEFAULT 'none, yet'",
						"created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL", "updated_at",
						"deleted_at TIMESTAMP WITH TIME ZONE", "PRIMARY KEY (id)", "-- downgrade", "DROP TABLE tags"));
		}
		// The packaged scripts and the new one: what create wrote runs on DuckDB, both ways.
		String locations = "--migration.locations=classpath:db/migration,filesystem:" + scripts;
		assertThat(app.migration("migrate", locations).succeeded().out()).contains("now at " + created(create));
		assertThat(tagColumns("z")).containsExactly("id", "name", "price", "label", "created_at", "updated_at",
				"deleted_at");
		assertThat(app.migration("rollback", "-1", locations).succeeded().out()).contains("now at " + HEAD);
		assertThat(tagColumns("z")).isEmpty();
	}

	@Test
	@Order(20)
	void theCommandLineOnTheFileOfARunningApplicationIsRefusedAtOnce() {
		Path workingDirectory = directory.resolve("w");
		String url = "--spring.datasource.url=jdbc:duckdb:" + workingDirectory.resolve("w.db").toAbsolutePath();
		SampleAppProcess commandLine = app("w");
		try (SampleAppServer server = SampleAppServer.start(workingDirectory, List.of(), SampleAppJar.packagedLaunch(), url,
				"--migration.echo=false")) {
			// --verbose logs the start, when the command begins: the time after it is the command's.
			SampleAppProcess.Run refused = commandLine.migration("migrate", "--verbose").failedWith(1);
			Instant exited = Instant.now();
			assertThat(refused.err()).contains("The DuckDB database file is held by another process")
				.contains("PID " + server.pid());
			assertThat(refused.out()).doesNotContain("retrying");
			// Not a speed target (it takes about 0.5 s on a quiet machine): a bound far below
			// the 30 s a connection pool would wait for the file, loose enough for a loaded one.
			Duration command = Duration.between(started(refused), exited);
			assertThat(command).as("from the start to the exit:%n%s", refused.out()).isLessThan(Duration.ofSeconds(10));
			assertThat(server.http().get("/actuator/health/readiness").status()).isEqualTo(200);
		}
	}

	/**
	 * When the application of a {@code --verbose} run had started: the time of its
	 * {@code Started SampleApplication} log line.
	 */
	private static Instant started(SampleAppProcess.Run run) {
		return run.out()
			.lines()
			.filter((line) -> line.contains("Started SampleApplication"))
			.map((line) -> OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant())
			.findFirst()
			.orElseThrow(() -> new AssertionError("No 'Started SampleApplication' line in:\n" + run.out()));
	}

	/**
	 * The columns of table {@code tags} in the database of a scenario, in order; none
	 * when there is no such table.
	 */
	private static List<String> tagColumns(String name) throws SQLException {
		String url = "jdbc:duckdb:" + directory.resolve(name).resolve(name + ".db").toAbsolutePath();
		try (Connection connection = DriverManager.getConnection(url);
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = 'tags' "
							+ "ORDER BY ordinal_position")) {
			List<String> columns = new ArrayList<>();
			while (rows.next()) {
				columns.add(rows.getString(1));
			}
			return columns;
		}
	}

	private static String created(SampleAppProcess.Run run) {
		return run.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
	}

	private static SampleAppProcess app(String name) {
		Path workingDirectory = directory.resolve(name);
		try {
			Files.createDirectories(workingDirectory);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new SampleAppProcess(workingDirectory,
				"--spring.datasource.url=jdbc:duckdb:" + workingDirectory.resolve(name + ".db").toAbsolutePath());
	}

}
