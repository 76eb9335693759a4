package dev.migration.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code lint}, {@code verify --lint} and the lint of what {@code create}
 * writes, on PostgreSQL and DuckDB: the test scripts ({@code a1 <- a2}, the table
 * {@code users}) applied and {@code users} filled with 20,000 rows, over the default
 * small-table threshold of 10,000; then {@code r3} renames a column under a
 * {@code lint: ignore} header (in both sections) and {@code r4} indexes it (and drops
 * the index in its downgrade, a second warning on PostgreSQL).
 */
class LintCommandTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void lintOfThePendingScriptsPrintsEachFindingAndFailsOnAWarning(CommandDatabase database) throws IOException {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			Path index = pendingScripts(commandLine);
			CommandLine.Run run = commandLine.run("lint", "--pending");
			assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
			String location = "filesystem:" + index;
			assertThat(run.out())
				.startsWith("Linted against " + (database == CommandDatabase.POSTGRESQL ? "PostgreSQL " : "DuckDB "))
				.contains(location + ":7: WARNING [index-without-concurrently] ")
				.contains("(index users_name_idx; table users: ")
				.contains("\n    statement: CREATE INDEX users_name_idx ON users (name)\n")
				.contains("\n    rewrite:   " + (database == CommandDatabase.POSTGRESQL ? "CREATE INDEX CONCURRENTLY"
						: "DuckDB has no CREATE INDEX CONCURRENTLY"))
				.contains("Ignored by a 'lint: ignore' header:\n  filesystem:" + index.resolveSibling("r3.sql")
						+ ":8: [rename-column] line 5 says: no release reads name any more\n")
				.endsWith(warnings(database) + " warning(s), 0 note(s), 2 ignored\n");
			assertThat(run.err()).isEqualTo("Lint failed: " + warnings(database) + " warning(s)\n");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void lintSelectsAllScriptsRevisionsOrFiles(CommandDatabase database)
			throws IOException {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			Path index = pendingScripts(commandLine);
			assertThat(commandLine.run("lint", "r4").exitCode()).isEqualTo(1);
			assertThat(commandLine.run("lint", "--file", index.toString()).out())
				.contains(index + ":7: WARNING [index-without-concurrently]");
			CommandLine.Run first = commandLine.run("lint", "a1");
			assertThat(first.exitCode()).isZero();
			assertThat(first.out()).endsWith("No findings\n");
			// a1 creates users, but the database has it: its size is what counts.
			CommandLine.Run all = commandLine.run("lint");
			assertThat(all.exitCode()).isEqualTo(1);
			assertThat(all.out()).contains(index + ":7: WARNING [index-without-concurrently]");
			CommandLine.Run both = commandLine.run("lint", "--pending", "r3");
			assertThat(both.exitCode()).isEqualTo(2);
			assertThat(both.err()).startsWith("migration: Give revisions, --pending or --file: one of them\n");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void lintAsJsonHasTheFindingsAndTheIgnoredOnesWithTheirReason(CommandDatabase database) throws IOException {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			Path index = pendingScripts(commandLine);
			CommandLine.Run run = commandLine.run("lint", "--pending", "--json");
			assertThat(run.exitCode()).isEqualTo(1);
			JsonNode json = JsonMapper.builder().build().readTree(run.out());
			assertThat(json.get("database").asString()).isNotEmpty();
			assertThat(json.get("warnings").asInt()).isEqualTo(warnings(database));
			assertThat(json.get("notes").asInt()).isZero();
			JsonNode finding = json.get("findings").get(0);
			assertThat(finding.get("rule").asString()).isEqualTo("index-without-concurrently");
			assertThat(finding.get("severity").asString()).isEqualTo("WARNING");
			assertThat(finding.get("revision").asString()).isEqualTo("r4");
			assertThat(finding.get("file").asString()).isEqualTo("filesystem:" + index);
			assertThat(finding.get("line").asInt()).isEqualTo(7);
			assertThat(finding.get("section").asString()).isEqualTo("UPGRADE");
			assertThat(finding.get("table").asString()).isEqualTo("users");
			assertThat(finding.get("reason").asString()).isNotEmpty();
			assertThat(finding.get("rewrite").asString()).isNotEmpty();
			JsonNode ignored = json.get("ignored").get(0);
			assertThat(ignored.get("reason").asString()).isEqualTo("no release reads name any more");
			assertThat(ignored.get("headerLine").asInt()).isEqualTo(5);
			assertThat(ignored.get("finding").get("rule").asString()).isEqualTo("rename-column");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void verifyWithLintFailsOnAWarningOfThePendingScriptsOnly(CommandDatabase database) throws IOException {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			pendingScripts(commandLine);
			assertThat(commandLine.run("verify").exitCode()).isZero();
			CommandLine.Run run = commandLine.run("verify", "--lint");
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.out())
				.contains("Lint of the pending scripts: " + warnings(database) + " warning(s), 0 note(s), 2 ignored\n")
				.contains(":7: WARNING [index-without-concurrently]");
			assertThat(run.err()).isEqualTo("Verification failed\n");
			JsonNode json = JsonMapper.builder().build().readTree(commandLine.run("verify", "--lint", "--json").out());
			assertThat(json.get("ok").asBoolean()).isFalse();
			assertThat(json.get("problems")).isEmpty();
			assertThat(json.get("lint").get("warnings").asInt()).isEqualTo(warnings(database));
			assertThat(json.get("lint").get("findings").get(0).get("rule").asString())
				.isEqualTo("index-without-concurrently");
			// Applied, the scripts are no longer linted by verify.
			assertThat(commandLine.run("migrate").exitCode()).isZero();
			CommandLine.Run applied = commandLine.run("verify", "--lint");
			assertThat(applied.exitCode()).as(applied.out()).isZero();
			assertThat(applied.out()).contains("Lint of the pending scripts: No findings\n");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void createPrintsTheFindingsOfTheFileItWrote(CommandDatabase database) throws IOException {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			bigUsers(commandLine);
			CommandLine.Run run = commandLine.run("create", "Index names", "--rev-id", "r3", "--template", "add_index",
					"--param", "table=users", "--param", "columns=name");
			assertThat(run.exitCode()).as(run.err()).isZero();
			Path written = commandLine.scripts().resolve("r3_index_names.sql");
			assertThat(run.out()).startsWith("Created revision r3 (Index names) after a2\n  " + written + "\n")
				.contains("\n  lint: ")
				.contains("\n    " + written + ":7: WARNING [index-without-concurrently] ");
			CommandLine.Run empty = commandLine.run("create", "Nothing yet", "--rev-id", "r4", "--head", "r3");
			assertThat(empty.out()).doesNotContain("lint");
		}
	}

	/**
	 * Applies a1 and a2, fills users, and writes r3 and r4, pending.
	 * @return r4
	 */
	private static Path pendingScripts(CommandLine commandLine) throws IOException {
		bigUsers(commandLine);
		Files.createDirectories(commandLine.scripts());
		Path index = commandLine.scripts().resolve("r4.sql");
		Files.writeString(index, """
				-- Index user names
				--
				-- revision: r4
				-- down_revision: r3
				-- upgrade
				-- the name search
				CREATE INDEX users_name_idx ON users (name);
				-- downgrade
				DROP INDEX users_name_idx;
				""");
		Files.writeString(commandLine.scripts().resolve("r3.sql"), """
				-- Rename email
				--
				-- revision: r3
				-- down_revision: a2
				-- lint: ignore rename-column no release reads name any more
				-- upgrade

				ALTER TABLE users RENAME COLUMN email TO mail;
				-- downgrade
				ALTER TABLE users RENAME COLUMN mail TO email;
				""");
		return index;
	}

	/**
	 * The index build, and on PostgreSQL the index drop of the downgrade.
	 */
	private static int warnings(CommandDatabase database) {
		return (database == CommandDatabase.POSTGRESQL) ? 2 : 1;
	}

	private static void bigUsers(CommandLine commandLine) {
		assertThat(commandLine.run("migrate").exitCode()).isZero();
		commandLine.execute("INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, 20000) g");
	}

}
