package dev.migration.autoconfigure.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InspectCommands}: {@code status}, {@code current}, {@code heads},
 * {@code history}, {@code show} and {@code graph} on DuckDB.
 */
@ExtendWith(CommandLine.Resolver.class)
class InspectCommandsTests {

	@Test
	void statusListsThePendingMigrations(CommandLine commandLine) {
		commandLine.run("migrate", "--revision", "a1");
		CommandLine.Run run = commandLine.run("status");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).containsPattern("State:\\s+PENDING")
			.containsPattern("Current:\\s+a1")
			.containsPattern("Heads:\\s+a2")
			.containsPattern("Lock:\\s+free")
			.contains("Pending (1):")
			.containsPattern("  a2\\s+Add email to users\\s+\\S*a2_add_email.sql");
	}

	@Test
	void statusOfAnUpToDateDatabaseHasNothingPending(CommandLine commandLine) {
		commandLine.run("migrate");
		assertThat(commandLine.run("status").out()).containsPattern("State:\\s+UP_TO_DATE")
			.contains("Pending:  none");
	}

	@Test
	void statusAsJsonHasTheStateAndThePendingMigrations(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("status", "--json");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("\"state\" : \"PENDING\"", "\"id\" : \"a1\"", "\"id\" : \"a2\"");
	}

	@Test
	void currentAndHeadsNameTheRevisionsWithTheirMessage(CommandLine commandLine) {
		assertThat(commandLine.run("current").out()).isEqualTo("base (nothing applied)\n");
		commandLine.run("migrate", "--revision", "a1");
		assertThat(commandLine.run("current").out()).containsPattern("a1\\s+Create users");
		assertThat(commandLine.run("heads").out()).containsPattern("a2\\s+\\(head\\) Add email to users");
		assertThat(commandLine.run("current", "--json").out()).containsPattern("\"current\" : \\[ \"a1\" \\]");
	}

	@Test
	void historyShowsTheNewestEntriesFirstUpToTheLimit(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("history", "--limit", "1");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).containsPattern("ID\\s+REVISION\\s+ACTION\\s+STARTED\\s+DURATION\\s+RESULT\\s+USER\\s+MESSAGE")
			.containsPattern("a2\\s+upgrade\\s+.*\\s+ok\\s+")
			.doesNotContain("Create users")
			.contains("(1 of 2 entries)");
	}

	@Test
	void historyOfANewDatabaseSaysNothingWasApplied(CommandLine commandLine) {
		assertThat(commandLine.run("history").out()).isEqualTo("No history: nothing was ever applied\n");
	}

	@Test
	void historyRefusesALimitThatIsNotAPositiveNumber(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("history", "--limit", "0");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Option '--limit' needs a whole number above 0, was '0'");
	}

	@Test
	void showResolvesAPrefixAndTellsTheRevisionsState(CommandLine commandLine) {
		commandLine.run("migrate", "--revision", "a1");
		assertThat(commandLine.run("show", "a1").out()).containsPattern("Revision:\\s+a1")
			.containsPattern("Parents:\\s+base")
			.containsPattern("Children:\\s+a2")
			.containsPattern("Kind:\\s+sql, reversible")
			.containsPattern("State:\\s+applied, current\n");
		assertThat(commandLine.run("show", "a2").out()).containsPattern("Children:\\s+none")
			.containsPattern("State:\\s+pending, head\n");
		assertThat(commandLine.run("show", "a2", "--json").out()).contains("\"id\" : \"a2\"",
				"\"applied\" : false", "\"head\" : true", "\"current\" : false");
	}

	@Test
	void showOfAnAmbiguousOrUnknownRevisionFailsNamingIt(CommandLine commandLine) {
		CommandLine.Run ambiguous = commandLine.run("show", "a");
		assertThat(ambiguous.exitCode()).isEqualTo(1);
		assertThat(ambiguous.err()).startsWith("Error: Ambiguous revision 'a': matches a1, a2");
		assertThat(commandLine.run("show", "b7").err()).startsWith("Error: Unknown revision 'b7' (head is a2)");
	}

	@Test
	void graphDrawsTheRevisionsWithTheCurrentOne(CommandLine commandLine) {
		commandLine.run("migrate", "--revision", "a1");
		CommandLine.Run run = commandLine.run("graph");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("* a2 (head) Add email to users").contains("* a1 (current) Create users");
		assertThat(commandLine.run("graph", "--format", "dot").out()).startsWith("digraph migrations {")
			.contains("\"a1\" -> \"a2\";");
	}

	@Test
	void graphInAnUnknownFormatIsAUsageError(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("graph", "--format", "svg");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("svg");
	}

}
