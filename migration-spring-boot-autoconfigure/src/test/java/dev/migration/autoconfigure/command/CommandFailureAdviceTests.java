package dev.migration.autoconfigure.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.autoconfigure.MigrationRunState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a failed command names the next command to run, never a Java method, and
 * that the commands it names run: several heads, an edited applied script, a schema
 * without history. On a DuckDB file, with scripts in a directory the tests edit.
 */
class CommandFailureAdviceTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private Path scripts;

	private SimpleDriverDataSource dataSource;

	@BeforeEach
	void createDatabase() throws IOException {
		this.scripts = Files.createDirectories(this.directory.resolve("scripts"));
		this.dataSource = new SimpleDriverDataSource();
		this.dataSource.setDriverClass(org.duckdb.DuckDBDriver.class);
		this.dataSource.setUrl("jdbc:duckdb:" + this.directory.resolve("advice.db").toAbsolutePath());
	}

	@Test
	void createWithTwoHeadsNamesTheMergeAndTheCreateOnOneHead() throws IOException {
		twoHeads();
		Run run = run("create", "Add phone", "--no-autogenerate");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("The scripts have 2 heads, b1 and c1: a new revision needs one parent")
			.contains("    migration merge \"Merge heads\" b1 c1")
			.contains("    migration create \"...\" --head b1");
		assertNoJavaMethod(run.err());
	}

	@Test
	void migrateWithTwoHeadsNamesTheMergeThatThenMigrates() throws IOException {
		twoHeads();
		Run run = run("migrate");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("The scripts have 2 heads, b1 and c1, and the target 'head' needs exactly one")
			.contains("    migration merge \"Merge heads\" b1 c1")
			.contains("    migration migrate --revision heads")
			.doesNotContain("migration create");
		assertNoJavaMethod(run.err());
		Run merge = runSuggested(run.err(), "migration merge ");
		assertThat(merge.exitCode()).isZero();
		Run migrate = run("migrate");
		assertThat(migrate.exitCode()).as(migrate.err()).isZero();
		JsonNode heads = json.readTree(run("heads", "--json").out()).get("heads");
		assertThat(heads).singleElement()
			.satisfies((head) -> assertThat(head.asString()).isNotIn("b1", "c1").hasSize(12));
	}

	@Test
	void migrateWithAnEditedScriptOffersTheRevertFirstThenTheRepairThatThenMigrates() throws IOException {
		script("a1", null, "CREATE TABLE t_a1 (id INTEGER);");
		assertThat(run("migrate").exitCode()).isZero();
		script("a1", null, "CREATE TABLE t_a1 (id BIGINT);");
		script("a2", "a1", "CREATE TABLE t_a2 (id INTEGER);");
		Run run = run("migrate");
		assertThat(run.exitCode()).isEqualTo(1);
		String err = run.err();
		assertThat(err).startsWith("Error: Refusing to migrate: applied scripts were edited; nothing was run.")
			.contains("Revision a1 (filesystem:" + this.scripts.resolve("a1.sql") + ") was edited after it was applied");
		int revert = err.indexOf("Revert the edit");
		int repair = err.indexOf("    migration repair accept-checksum a1 --reason \"...\"");
		int validation = err.indexOf("migration.validate-on-migrate=false");
		assertThat(revert).isPositive();
		assertThat(repair).isGreaterThan(revert);
		assertThat(validation).isGreaterThan(repair);
		assertNoJavaMethod(err);
		Run accepted = run("repair", "accept-checksum", "a1", "--reason", "widened the id before anyone used it");
		assertThat(accepted.exitCode()).as(accepted.err()).isZero();
		assertThat(run("migrate").exitCode()).isZero();
	}

	@Test
	void statusSaysEditedAndNamesTheRepair() throws IOException {
		script("a1", null, "CREATE TABLE t_a1 (id INTEGER);");
		assertThat(run("migrate").exitCode()).isZero();
		script("a1", null, "CREATE TABLE t_a1 (id BIGINT);");
		Run status = run("status");
		assertThat(status.exitCode()).isZero();
		assertThat(status.out()).containsPattern("State:\\s+EDITED")
			.containsPattern("Edited:\\s+Revision a1 \\(filesystem:\\S+a1.sql\\) was edited after it was applied")
			.contains("    migration repair accept-checksum a1 --reason \"...\"");
		JsonNode statusJson = json.readTree(run("status", "--json").out());
		assertThat(statusJson.get("state").asString()).isEqualTo("EDITED");
		assertThat(statusJson.get("problems")).singleElement().satisfies((problem) -> {
			assertThat(problem.get("kind").asString()).isEqualTo("CHECKSUM_MISMATCH");
			assertThat(problem.get("revision").asString()).isEqualTo("a1");
		});
	}

	@Test
	void statusShowsAnAppliedRevisionWhoseScriptIsMissing() throws IOException {
		script("a1", null, "CREATE TABLE t_a1 (id INTEGER);");
		script("a2", "a1", "CREATE TABLE t_a2 (id INTEGER);");
		assertThat(run("migrate").exitCode()).isZero();
		Files.delete(this.scripts.resolve("a2.sql"));
		Run status = run("status");
		assertThat(status.out()).containsPattern("State:\\s+AHEAD")
			.contains("a2 (applied, but not in these scripts: the database is ahead, or their scripts were deleted)");
		JsonNode statusJson = json.readTree(run("status", "--json").out());
		assertThat(statusJson.get("problems")).singleElement()
			.satisfies((problem) -> assertThat(problem.get("kind").asString()).isEqualTo("MISSING_SCRIPT"));
	}

	@Test
	void migrateOfASchemaWithoutHistoryNamesTheStampCommand() throws IOException, SQLException {
		script("a1", null, "CREATE TABLE t_a1 (id INTEGER);");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE legacy (id INTEGER)");
		}
		Run run = run("migrate");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("has 1 table(s) (legacy) but no migration history; migrations were not run")
			.contains("    migration stamp REVISION")
			.contains("migration.baseline-on-migrate=REVISION");
		assertNoJavaMethod(run.err());
	}

	private static void assertNoJavaMethod(String output) {
		assertThat(output).doesNotContain("merge(")
			.doesNotContain("(message, revisions)")
			.doesNotContain("create(message")
			.doesNotContain("repair(")
			.doesNotContain("stamp(")
			.doesNotContain("RepairAction")
			.doesNotContain("validateOnMigrate")
			.doesNotContain("baselineOnMigrate");
	}

	private void twoHeads() throws IOException {
		script("a1", null, "CREATE TABLE t_a1 (id INTEGER);");
		script("b1", "a1", "CREATE TABLE t_b1 (id INTEGER);");
		script("c1", "a1", "CREATE TABLE t_c1 (id INTEGER);");
	}

	private void script(String revision, String parent, String upgrade) throws IOException {
		String drop = "DROP TABLE t_" + revision + ";";
		Files.writeString(this.scripts.resolve(revision + ".sql"), "-- Revision " + revision + "\n--\n-- revision: "
				+ revision + "\n" + ((parent != null) ? "-- down_revision: " + parent + "\n" : "")
				+ "\n-- upgrade\n" + upgrade + "\n\n-- downgrade\n" + drop + "\n");
	}

	/**
	 * Runs the command an error suggested, as a user would copy it.
	 */
	private Run runSuggested(String output, String prefix) {
		int start = output.indexOf(prefix);
		assertThat(start).as("'%s' in%n%s", prefix, output).isNotNegative();
		String line = output.substring(start + "migration ".length(), output.indexOf('\n', start));
		List<String> arguments = new ArrayList<>();
		Matcher words = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
		while (words.find()) {
			arguments.add((words.group(1) != null) ? words.group(1) : words.group(2));
		}
		return run(arguments.toArray(String[]::new));
	}

	private Run run(String... arguments) {
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.locations("filesystem:" + this.scripts)
			.build();
		MigrationManager manager = MigrationManager.create(this.dataSource, configuration);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		MigrationCommands commands = new MigrationCommands(() -> manager,
				() -> MigrationAuthor.create(this.dataSource, configuration, this.scripts),
				() -> JsonViews.of(manager, new MigrationRunState(), getClass().getClassLoader()),
				(value) -> json.writerWithDefaultPrettyPrinter().writeValueAsString(value), new CommandProgress(),
				new MigrationCommands.Settings(null, false), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		List<String> all = new ArrayList<>(List.of("migration"));
		all.addAll(List.of(arguments));
		int exitCode = commands.execute(all.toArray(String[]::new));
		return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String out, String err) {

	}

}
