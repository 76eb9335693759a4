package dev.migration.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line of the packaged sample app on DuckDB (the dev profile), every command
 * run as a real process.
 * Run by the failsafe plugin, which packages the jar first.
 */
class MigrationCommandLineDuckDbIT {

	private static final String HEAD = "a1c0e5f00009";

	@TempDir
	Path directory;

	@Test
	void commandsRunAgainstDuckDbAndExitWithTheirCode() {
		SampleAppProcess app = app("x");

		JsonNode pending = app.migration("status", "--json").succeeded().json();
		assertThat(pending.get("state").asString()).isEqualTo("PENDING");
		assertThat(pending.get("current")).isEmpty();
		assertThat(pending.get("heads").get(0).asString()).isEqualTo(HEAD);
		assertThat(pending.get("pending")).hasSize(9);
		assertThat(pending.get("pending").get(0).get("id").asString()).isEqualTo("a1c0e5f00001");
		assertThat(pending.get("pending").get(0).get("path").asString()).endsWith("a1c0e5f00001_create_users.sql");

		SampleAppProcess.Run dryRun = app.migration("migrate", "--revision=a1c0e5f00001", "--dry-run").succeeded();
		assertThat(dryRun.out()).contains("-- a1c0e5f00001 Create users", "CREATE TABLE",
				"-- Dry run: 1 migration would run; nothing was changed");

		SampleAppProcess.Run migrateTo3 = app.migration("migrate", "--revision", "a1c0e5f00003").succeeded();
		assertThat(migrateTo3.out()).containsPattern("\\[1/3\\] a1c0e5f00001 Create users, with timestamps and soft delete  \\d+ ms")
			.contains("[3/3] a1c0e5f00003 Seed demo users")
			.contains("Applied 3 migrations in")
			.contains("now at a1c0e5f00003");

		SampleAppProcess.Run migrate = app.migration("migrate").succeeded();
		assertThat(migrate.out()).contains("[1/6] a1c0e5f00004", "[6/6] " + HEAD, "now at " + HEAD);

		JsonNode history = app.migration("history", "--limit", "2", "--json").succeeded().json();
		assertThat(history.get("total").asInt()).isEqualTo(9);
		assertThat(history.get("entries")).hasSize(2);
		assertThat(history.get("entries").get(0).get("revision").asString()).isEqualTo(HEAD);
		assertThat(history.get("entries").get(0).get("action").asString()).isEqualTo("UPGRADE");
		assertThat(history.get("entries").get(0).get("success").asBoolean()).isTrue();

		SampleAppProcess.Run rollback = app.migration("rollback", "--revision=-1").succeeded();
		assertThat(rollback.out()).contains("[1/1] " + HEAD, "(rolled back)", "now at a1c0e5f00008");
		assertThat(app.migration("current", "--json").succeeded().json().get("current").get(0).asString())
			.isEqualTo("a1c0e5f00008");
		assertThat(app.migration("show", "a1c0e5f00009").succeeded().out()).contains("Revision:  " + HEAD)
			.contains("Parents:   a1c0e5f00008")
			.contains("State:     pending, head");

		JsonNode verify = app.migration("verify", "--json").succeeded().json();
		assertThat(verify.get("ok").asBoolean()).isTrue();
		assertThat(verify.get("problems")).isEmpty();

		SampleAppProcess.Run graph = app.migration("graph").succeeded();
		assertThat(graph.out()).startsWith("* " + HEAD + " (head) Create posts")
			.contains("* a1c0e5f00008 (current) Unique index on users.email");

		SampleAppProcess.Run sql = app.migration("sql", "base:a1c0e5f00001").succeeded();
		assertThat(sql.out()).contains("CREATE TABLE", "a1c0e5f00001");

		SampleAppProcess.Run badTarget = app.migration("migrate", "--revision", "nope").failedWith(1);
		assertThat(badTarget.err()).startsWith("Error: ").contains("nope").doesNotContain("\tat ");

		assertThat(app.migration("repair", "mark-rolled-back", "a1c0e5f00008", "--reason", "dropped the index by hand")
			.succeeded()
			.out()).contains("now at a1c0e5f00007");
		assertThat(app.migration("history", "--limit=1").succeeded().out())
			.containsPattern("ID\\s+REVISION\\s+ACTION\\s+STARTED\\s+DURATION\\s+RESULT")
			.containsPattern("a1c0e5f00008\\s+repair\\s+")
			.contains("dropped the index by hand")
			.contains("(1 of 11 entries)");

		independentCommands();
	}

	private void independentCommands() {
		try {
			SampleAppProcess app = app("y");
			SampleAppProcess.Run help = app.migration("--help").succeeded();
			assertThat(help.out()).contains("Usage: migration <command>", "migrate", "rollback", "graph", "repair");
			SampleAppProcess.Run unknown = app.migration("statuss").failedWith(2);
			assertThat(unknown.err()).contains("Unknown command 'statuss': did you mean 'status'?");
			assertThat(unknown.out()).isEmpty();

			assertThat(app.migration("stamp", "a1c0e5f00003").succeeded().out()).contains("now at a1c0e5f00003");
			assertThat(app.migration("status").succeeded().out()).containsPattern("State:\\s+PENDING")
				.containsPattern("Current:\\s+a1c0e5f00003")
				.contains("Pending (6):");

			SampleAppProcess.Run create = app.migration("create", "Add phone", "--no-autogenerate").succeeded();
			assertThat(create.out()).contains("Created revision", "(Add phone) after " + HEAD);
			Path scripts = this.directory.resolve("y/src/main/resources/db/migration");
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
			String phone = create.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
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
			String tags = template.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
			SampleAppProcess.Run branch = app.migration("create", "Branch off", "--no-autogenerate", "--head", HEAD)
				.succeeded();
			String branchId = branch.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
			assertThat(app.migration("create", "Two heads now", "--no-autogenerate").failedWith(1).err())
				.contains(tags).contains(branchId);
			SampleAppProcess.Run merge = app.migration("merge", "Join the branches", tags, branchId).succeeded();
			String mergeId = merge.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
			try (Stream<Path> files = Files.list(scripts)) {
				assertThat(files.filter((file) -> file.getFileName().toString().startsWith(mergeId + "_")))
					.singleElement()
					.satisfies((file) -> assertThat(Files.readString(file)).startsWith("-- Join the branches")
						.containsPattern("down_revision: (" + tags + ", " + branchId + "|" + branchId + ", " + tags
								+ ")"));
			}
			assertThat(app.migration("create", "Broken", "--template", "add_colum").failedWith(1).err())
				.contains("Unknown template 'add_colum': expected one of add_column");

			SampleAppProcess.Run roundTrip = app.migration("verify", "--roundtrip").succeeded();
			assertThat(roundTrip.out()).doesNotContain("ROUND_TRIP");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SampleAppProcess app(String name) {
		Path workingDirectory = this.directory.resolve(name);
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
