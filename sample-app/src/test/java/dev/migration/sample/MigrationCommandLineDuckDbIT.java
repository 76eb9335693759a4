package dev.migration.sample;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * run as a real process. Two scenarios, each a sequence of steps on a database of its
 * own ({@code x}: from a new database to a rollback and a repair; {@code y}: stamping and
 * writing scripts): one method per step, in order, so that a failing step does not hide
 * the others' checks.
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
	void migrateToHeadAppliesTheRest() {
		SampleAppProcess.Run migrate = x().migration("migrate").succeeded();
		assertThat(migrate.out()).contains("[1/6] a1c0e5f00004", "[6/6] " + HEAD, "now at " + HEAD);
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
	void rollbackUndoesTheLastMigration() {
		SampleAppProcess.Run rollback = x().migration("rollback", "--revision=-1").succeeded();
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
	void stampSetsTheStateThatStatusShows() {
		assertThat(y().migration("stamp", "a1c0e5f00003").succeeded().out()).contains("now at a1c0e5f00003");
		assertThat(y().migration("status").succeeded().out()).containsPattern("State:\\s+PENDING")
			.containsPattern("Current:\\s+a1c0e5f00003")
			.contains("Pending (6):");
	}

	@Test
	@Order(15)
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
				"create_table", "--param", "table=tags", "--param=columns=id:bigint:pk;name:varchar(50):notnull")
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
	@Order(16)
	void createFromAnUnknownTemplateNamesTheKnownOnes() {
		assertThat(y().migration("create", "Broken", "--template", "add_colum").failedWith(1).err())
			.contains("Unknown template 'add_colum': expected one of add_column");
	}

	@Test
	@Order(17)
	void verifyRoundTripFindsEveryDowngradeRestoringTheSchema() {
		SampleAppProcess.Run roundTrip = y().migration("verify", "--roundtrip").succeeded();
		assertThat(roundTrip.out()).doesNotContain("ROUND_TRIP");
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
