package dev.migration.autoconfigure.command;

import java.nio.file.Path;
import java.util.List;

import dev.migration.HistoryEntry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code history --range} and {@code history --verbose} on PostgreSQL and
 * DuckDB, after the test scripts ({@code a1 <- a2}); a bad range changes nothing.
 */
class HistoryCommandTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void aRangeShowsTheEntriesOfItsRevisionsOnly(CommandDatabase database) {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			commandLine.run("migrate");
			CommandLine.Run upper = commandLine.run("history", "--range", "a2:");
			assertThat(upper.exitCode()).as(upper.err()).isZero();
			assertThat(upper.out()).containsPattern("a2\\s+upgrade").doesNotContain("Create users");
			CommandLine.Run lower = commandLine.run("history", "--range", ":a1");
			assertThat(lower.out()).containsPattern("a1\\s+upgrade").doesNotContain("Add email to users");
			assertThat(commandLine.run("history", "--range", "-1:current").out()).contains("Create users",
					"Add email to users");
			assertThat(commandLine.run("history", "--range", "base:heads", "--limit", "1").out())
				.contains("Add email to users")
				.doesNotContain("Create users")
				.contains("(1 of 2 entries)");
			assertThat(commandLine.run("history", "--range", ":base").out())
				.isEqualTo("No history in range :base: nothing was applied there\n");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void verboseFollowsEachEntryWithItsRevisionsSql(CommandDatabase database) {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			commandLine.run("migrate");
			CommandLine.Run run = commandLine.run("history", "--range", "a2:a2", "--verbose");
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.out())
				.containsPattern("a2\\s+upgrade.*\\n    SQL \\(classpath:db/migration/a2_add_email.sql, as stored in the "
						+ "database when it was applied\\):\\n      -- Add email to users\\n")
				.contains("      ALTER TABLE users ADD COLUMN email VARCHAR;\n",
						"      ALTER TABLE users DROP COLUMN email;\n")
				.doesNotContain("CREATE TABLE users");
			CommandLine.Run json = commandLine.run("history", "--json", "--verbose");
			assertThat(json.exitCode()).as(json.err()).isZero();
			assertThat(json.out()).contains("\"sql\" : \"-- Add email to users\\n", "\"sql\" : \"-- Create users\\n");
			assertThat(commandLine.run("history", "--json").out()).doesNotContain("\"sql\"");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void verboseShowsTheWholeStoredErrorOfAFailedEntry(CommandDatabase database) {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			commandLine.run("create", "Broken", "--template", "data_migration", "--param",
					"upgrade_sql=INSERT INTO no_such_table VALUES (1)", "--rev-id", "broken1");
			assertThat(commandLine.run("migrate").exitCode()).isEqualTo(1);
			HistoryEntry failed = commandLine.manager().history().get(0);
			assertThat(failed.success()).isFalse();
			CommandLine.Run run = commandLine.run("history", "--range", "broken1:", "--verbose");
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.out()).containsPattern("broken1\\s+upgrade.*FAILED")
				.contains("    Error:\n      " + failed.error().strip().lines().findFirst().orElseThrow())
				.contains("INSERT INTO no_such_table VALUES (1)");
			CommandLine.Run json = commandLine.run("history", "--range", "broken1:", "--json", "--verbose");
			assertThat(json.out()).contains("\"success\" : false", "\"sql\" : \"-- Broken\\n", "no_such_table");
		}
	}

	@ParameterizedTest
	@EnumSource(CommandDatabase.class)
	void aBadRangeIsRefusedNamingTheSideAndChangesNothing(CommandDatabase database) {
		try (CommandLine commandLine = CommandLine.on(this.directory, database)) {
			commandLine.run("migrate", "a1");
			List<HistoryEntry> history = commandLine.manager().history();
			CommandLine.Run malformed = commandLine.run("history", "--range", "a1");
			assertThat(malformed.exitCode()).isEqualTo(2);
			assertThat(malformed.err()).startsWith("migration: Option '--range': Invalid revision range 'a1': "
					+ "expected START:END, START: or :END")
				.contains("Usage: migration history [options]");
			CommandLine.Run badSide = commandLine.run("history", "--range", "a1:x@y@z");
			assertThat(badSide.exitCode()).isEqualTo(2);
			assertThat(badSide.err()).startsWith("migration: Option '--range': Invalid end 'x@y@z' of revision range "
					+ "'a1:x@y@z': ");
			CommandLine.Run unknown = commandLine.run("history", "--range", "nope:");
			assertThat(unknown.exitCode()).isEqualTo(1);
			assertThat(unknown.err()).startsWith("Error: Invalid start 'nope' of revision range 'nope:': ")
				.contains("'nope'");
			CommandLine.Run below = commandLine.run("history", "--range", "-2:", "--json");
			assertThat(below.exitCode()).isEqualTo(1);
			assertThat(below.err()).startsWith("Error: Invalid start '-2' of revision range '-2:': ");
			assertThat(commandLine.manager().history()).isEqualTo(history);
			assertThat(commandLine.manager().currentRevisions()).containsExactly("a1");
		}
	}

}
