package dev.migration.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the packaged sample app tells an operator when a start or a command fails on
 * several heads or an edited applied script, on DuckDB and PostgreSQL: the exact next
 * command ({@code migration merge "Merge heads" A B},
 * {@code migration repair accept-checksum REV --reason "..."}), in the order to try
 * them, never a Java method, never the setting that just failed. Every start and
 * command runs as a real process. Run by the failsafe plugin, which packages the jar
 * first.
 */
class FailureMessagesIT {

	private static final String HEAD = "a1c0e5f00009";

	@TempDir
	Path directory;

	@Test
	void twoHeadsStopTheStartWithTheMergeCommandOnDuckDb() throws IOException {
		assertTwoHeadsStopTheStart(duckDb());
	}

	@Test
	void twoHeadsStopTheStartWithTheMergeCommandOnPostgres() throws IOException {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertTwoHeadsStopTheStart(postgres(schema));
		}
	}

	@Test
	void anEditedScriptStopsTheStartWithTheRevertFirstAndTheRepairSecondOnDuckDb() throws IOException {
		assertEditedScriptStopsTheStart(duckDb());
	}

	@Test
	void anEditedScriptStopsTheStartWithTheRevertFirstAndTheRepairSecondOnPostgres() throws IOException {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertEditedScriptStopsTheStart(postgres(schema));
		}
	}

	@Test
	void theCommandLineNamesItsOwnCommandsForTwoHeads() throws IOException {
		List<String> database = duckDb();
		Path extra = extraScripts();
		writeScript(extra, "c0000000001", HEAD, "Left branch");
		writeScript(extra, "c0000000002", HEAD, "Right branch");
		SampleAppProcess app = new SampleAppProcess(this.directory,
				arguments(database, "--migration.locations=classpath:db/migration,filesystem:" + extra));
		SampleAppProcess.Run create = app.migration("create", "Add phone", "--no-autogenerate").failedWith(1);
		assertThat(create.err()).contains("The scripts have 2 heads, c0000000001 and c0000000002")
			.contains("    migration merge \"Merge heads\" c0000000001 c0000000002")
			.contains("    migration create \"...\" --head c0000000001");
		assertNoJavaMethod(create.err());
		SampleAppProcess.Run migrate = app.migration("migrate").failedWith(1);
		assertThat(migrate.err()).contains("    migration merge \"Merge heads\" c0000000001 c0000000002")
			.contains("    migration migrate --revision heads");
		assertNoJavaMethod(migrate.err());
	}

	private void assertTwoHeadsStopTheStart(List<String> database) throws IOException {
		Path extra = extraScripts();
		writeScript(extra, "c0000000001", HEAD, "Left branch");
		writeScript(extra, "c0000000002", HEAD, "Right branch");
		Exit start = start(arguments(database, "--migration.locations=classpath:db/migration,filesystem:" + extra));
		assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
		assertThat(start.output()).contains("APPLICATION FAILED TO START")
			.contains("Database migration failed: The scripts have 2 heads, c0000000001 and c0000000002, and the "
					+ "target 'head' needs exactly one")
			.contains("    migration merge \"Merge heads\" c0000000001 c0000000002")
			.contains("    migration create \"...\" --head c0000000001")
			.doesNotContain("migration.target=head");
		assertNoJavaMethod(start.output());
		assertFailureFollowsTheStartedLine(start.output());
	}

	private void assertEditedScriptStopsTheStart(List<String> database) throws IOException {
		Path extra = extraScripts();
		Path script = writeScript(extra, "d0000000001", HEAD, "Add nickname");
		SampleAppProcess app = new SampleAppProcess(this.directory,
				arguments(database, "--migration.locations=classpath:db/migration,filesystem:" + extra));
		app.migration("migrate").succeeded();
		Files.writeString(script, Files.readString(script).replace("VARCHAR(50)", "VARCHAR(80)"));

		Exit start = start(arguments(database, "--migration.locations=classpath:db/migration,filesystem:" + extra));
		assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
		String output = start.output();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Refusing to migrate: applied scripts were edited")
			.contains("Revision d0000000001 (filesystem:" + script);
		String action = output.substring(output.indexOf("Action:"));
		int revert = action.indexOf("Revert the edit");
		int repair = action.indexOf("    migration repair accept-checksum d0000000001 --reason \"...\"");
		int validation = action.indexOf("migration.validate-on-migrate=false");
		assertThat(revert).as(action).isPositive();
		assertThat(repair).as(action).isGreaterThan(revert);
		assertThat(validation).as(action).isGreaterThan(repair);
		assertThat(action).doesNotContain("baseline").doesNotContain("ahead-policy");
		assertNoJavaMethod(output);
		assertFailureFollowsTheStartedLine(output);

		assertThat(app.migration("status").succeeded().out()).containsPattern("State:\\s+EDITED")
			.containsPattern("Edited:\\s+Revision d0000000001 ")
			.contains("    migration repair accept-checksum d0000000001 --reason \"...\"");
		assertThat(app.migration("status", "--json").succeeded().json().get("problems").get(0).get("kind").asString())
			.isEqualTo("CHECKSUM_MISMATCH");
		app.migration("repair", "accept-checksum", "d0000000001", "--reason", "widened before anyone relied on it")
			.succeeded();
		assertThat(app.migration("status").succeeded().out()).containsPattern("State:\\s+UP_TO_DATE");
	}

	/**
	 * The sample app migrates once it is ready: Spring Boot has logged its start line by
	 * then, and the failure that follows says the application never served.
	 */
	private static void assertFailureFollowsTheStartedLine(String output) {
		int started = output.indexOf("Started SampleApplication");
		int failed = output.indexOf("It never served traffic: the migrations run once the application is ready");
		assertThat(started).as(output).isPositive();
		assertThat(failed).as(output).isGreaterThan(started);
		assertThat(output.indexOf("APPLICATION FAILED TO START")).isGreaterThan(failed);
	}

	private static void assertNoJavaMethod(String output) {
		assertThat(output).doesNotContain("merge(")
			.doesNotContain("(message, revisions)")
			.doesNotContain("create(message")
			.doesNotContain("repair(")
			.doesNotContain("RepairAction")
			.doesNotContain("validateOnMigrate")
			.doesNotContain("MigrationAuthor");
	}

	private List<String> duckDb() {
		return List.of("--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("app.db").toAbsolutePath());
	}

	private static List<String> postgres(PostgresSchema schema) {
		return List.of("--spring.profiles.active=staging", "--spring.datasource.url=" + schema.url(),
				"--spring.datasource.username=postgres", "--migration.schema=" + schema.name());
	}

	private static String[] arguments(List<String> database, String... more) {
		List<String> all = new ArrayList<>(database);
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private Path extraScripts() throws IOException {
		return Files.createDirectories(this.directory.resolve("extra"));
	}

	private static Path writeScript(Path directory, String revision, String parent, String message)
			throws IOException {
		String column = "nickname_" + revision;
		return Files.writeString(directory.resolve(revision + "_" + message.toLowerCase().replace(' ', '_') + ".sql"),
				"-- " + message + "\n--\n-- revision: " + revision + "\n-- down_revision: " + parent
						+ "\n\n-- upgrade\nALTER TABLE users ADD COLUMN " + column + " VARCHAR(50);\n\n-- downgrade\n"
						+ "ALTER TABLE users DROP COLUMN " + column + ";\n");
	}

	/**
	 * Starts the packaged app, extracted, and waits for it to exit, as a start that fails
	 * does.
	 */
	private Exit start(String... arguments) {
		List<String> command = new ArrayList<>(List.of(SampleAppJar.java()));
		command.addAll(SampleAppJar.extracted());
		command.add("--server.port=0");
		command.addAll(List.of(arguments));
		try {
			Path log = Files.createTempFile(this.directory, "start", ".log");
			Process process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException("Still running after 90 s: " + String.join(" ", command) + "\n"
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			return new Exit(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A start that ended.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed, standard output and error together
	 */
	private record Exit(int exitCode, String output) {

	}

}
