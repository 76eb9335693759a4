package dev.migration.autoconfigure.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.HistoryEntry;
import dev.migration.authoring.MigrationTemplates;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code create} and {@code merge} with {@code --rev-id} and
 * {@code --depends-on}, and for every template reachable by its name, on PostgreSQL and
 * DuckDB; bad values change nothing on disk or in the database.
 */
class CreateOptionsCommandsTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void createWritesTheChosenIdAndItsDependenciesWhichMigrateHonours(CommandDatabase database) throws Exception {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			CommandLine.Run audit = commandLine.run("create", "Audit", "--branch-label", "audit", "--rev-id",
					"audit1");
			assertThat(audit.exitCode()).as(audit.err()).isZero();
			commandLine.run("create", "Audit log", "--head", "audit@head", "--rev-id", "audit2");
			CommandLine.Run orders = commandLine.run("create", "Orders", "--head", "a2", "--rev-id", "orders_1",
					"--depends-on", "audit1", "--depends-on", "a1,audit@head");
			assertThat(orders.exitCode()).as(orders.err()).isZero();
			assertThat(orders.out()).startsWith("Created revision orders_1 (Orders) after a2\n")
				.contains("  depends on audit1, a1, audit2\n");
			Path script = commandLine.scripts().resolve("orders_1_orders.sql");
			assertThat(Files.readString(script)).startsWith("-- Orders\n--\n-- revision: orders_1\n"
					+ "-- down_revision: a2\n-- depends_on: audit1, a1, audit2\n");
			CommandLine.Run migrate = commandLine.run("migrate", "orders_1");
			assertThat(migrate.exitCode()).as(migrate.err()).isZero();
			assertThat(commandLine.run("current").out()).contains("orders_1").contains("audit2");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void mergeTakesTheChosenIdAndDependencies(CommandDatabase database) throws Exception {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			commandLine.run("create", "Left", "--head", "a2", "--rev-id", "left1");
			commandLine.run("create", "Right", "--head", "a2", "--rev-id", "right1");
			commandLine.run("create", "Other", "--branch-label", "other", "--rev-id", "other1");
			CommandLine.Run merge = commandLine.run("merge", "Join", "left", "right", "--rev-id", "join1",
					"--depends-on", "oth");
			assertThat(merge.exitCode()).as(merge.err()).isZero();
			assertThat(Files.readString(commandLine.scripts().resolve("join1_join.sql")))
				.contains("-- revision: join1\n-- down_revision: left1, right1\n-- depends_on: other1\n");
			assertThat(commandLine.run("migrate", "join1").exitCode()).isZero();
			assertThat(commandLine.run("current").out()).contains("join1");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void badIdsAndUnknownDependenciesAreRefusedAndChangeNothing(CommandDatabase database) throws Exception {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			commandLine.run("migrate");
			commandLine.run("create", "First", "--rev-id", "first1");
			List<Path> scripts = commandLine.createdScripts();
			List<HistoryEntry> history = commandLine.manager().history();
			assertRefused(commandLine.run("create", "Bad", "--rev-id", "a-b"),
					"Invalid revision id 'a-b': use only letters, digits and _");
			assertRefused(commandLine.run("create", "Dup", "--rev-id", "a2"),
					"Revision id 'a2' is already used by classpath:db/migration/a2_add_email.sql; choose another");
			assertRefused(commandLine.run("create", "Dup", "--rev-id", "first1"),
					"Revision id 'first1' is already used by filesystem:" + scripts.get(0) + "; choose another");
			assertRefused(commandLine.run("create", "Dep", "--depends-on", "a1,nope"),
					"Unknown depends_on revision 'nope': ");
			assertRefused(
					commandLine.run("create", "Drop", "--template", "drop_table", "--param", "table=users",
							"--rev-id", "a1"),
					"Revision id 'a1' is already used by classpath:db/migration/a1_create_users.sql");
			assertRefused(commandLine.run("merge", "Join", "a2", "first1", "--depends-on", "zz"),
					"Unknown depends_on revision 'zz': ");
			CommandLine.Run blank = commandLine.run("create", "Blank", "--rev-id", " ");
			assertThat(blank.exitCode()).isEqualTo(2);
			assertThat(blank.err()).startsWith("migration: Option '--rev-id' needs a revision id\n");
			assertThat(commandLine.createdScripts()).isEqualTo(scripts);
			assertThat(commandLine.manager().history()).isEqualTo(history);
			assertThat(commandLine.run("current").out()).contains("a2");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void everyTemplateWritesAScriptByItsName(CommandDatabase database) throws Exception {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			commandLine.run("migrate");
			commandLine.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR, extra VARCHAR, "
					+ "author_id INTEGER)");
			commandLine.execute("CREATE TABLE labels (id INTEGER PRIMARY KEY, name VARCHAR)");
			commandLine.execute("CREATE INDEX labels_name_idx ON labels (name)");
			commandLine.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id))");
			commandLine.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, label VARCHAR, "
					+ "CONSTRAINT tags_label_check CHECK (length(label) > 0))");
			commandLine.execute("CREATE TABLE old_things (id INTEGER)");
			String check = (database == CommandDatabase.DUCKDB) ? commandLine.query("SELECT constraint_name FROM "
					+ "duckdb_constraints() WHERE table_name = 'tags' AND constraint_type = 'CHECK'").get(0)
					: "tags_label_check";
			Map<String, List<String>> parameters = new LinkedHashMap<>();
			parameters.put("add_column", List.of("table=users", "column=phone", "type=varchar(20)"));
			parameters.put("drop_column", List.of("table=notes", "column=extra"));
			parameters.put("add_index", List.of("table=notes", "columns=body"));
			parameters.put("drop_index", List.of("table=labels", "name=labels_name_idx"));
			parameters.put("add_foreign_key",
					List.of("table=notes", "column=author_id", "ref_table=users", "ref_column=id"));
			parameters.put("drop_foreign_key", List.of("table=posts", "column=user_id"));
			parameters.put("create_table", List.of("table=fresh", "columns=id bigint pk"));
			parameters.put("drop_table", List.of("table=old_things"));
			parameters.put("rename_column", List.of("table=notes", "old_name=body", "new_name=text"));
			parameters.put("add_check_constraint", List.of("table=notes", "name=notes_id_check", "condition=id > 0"));
			parameters.put("drop_check_constraint", List.of("table=tags", "name=" + check));
			parameters.put("data_migration", List.of("upgrade_sql=UPDATE users SET name = 'x'"));
			assertThat(parameters.keySet()).containsExactlyInAnyOrderElementsOf(MigrationTemplates.NAMES);
			String parent = "a2";
			for (String template : MigrationTemplates.NAMES) {
				String id = "t_" + template;
				List<String> arguments = new java.util.ArrayList<>(List.of("create", "Template " + template,
						"--template", template.toUpperCase(java.util.Locale.ROOT), "--head", parent, "--rev-id", id));
				parameters.get(template).forEach((parameter) -> arguments.addAll(List.of("--param", parameter)));
				CommandLine.Run run = commandLine.run(arguments.toArray(String[]::new));
				assertThat(run.exitCode()).as(template + ": " + run.err()).isZero();
				assertThat(Files.readString(commandLine.scripts().resolve(id + "_template_" + template + ".sql")))
					.as(template)
					.contains("-- revision: " + id + "\n-- down_revision: " + parent + "\n")
					.containsPattern("-- upgrade\n\\S");
				parent = id;
			}
			assertThat(commandLine.run("heads").out()).contains("t_data_migration");
		}
	}

	private static void assertRefused(CommandLine.Run run, String message) {
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: " + message);
	}

}
