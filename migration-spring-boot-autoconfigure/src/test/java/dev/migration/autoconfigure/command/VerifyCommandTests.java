package dev.migration.autoconfigure.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link VerifyCommand} on DuckDB.
 */
@ExtendWith(CommandLine.Resolver.class)
class VerifyCommandTests {

	@Test
	void verifyOfAgreeingScriptsAndDatabaseSucceeds(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("verify");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("OK: the scripts and the database agree\n");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void verifyWithTheRoundTripChecksEveryDowngrade(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("verify", "--roundtrip");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).doesNotContain("ROUND_TRIP");
	}

	@Test
	void verifyFailsWhenAnAppliedRevisionHasNoScript(CommandLine commandLine) {
		commandLine.run("migrate");
		// DuckDB's state is a view of the log: the revision is renamed in the log's entries.
		commandLine.execute("UPDATE migration_history_entries SET revision = 'zz' WHERE revision = 'a2'");
		CommandLine.Run run = commandLine.run("verify");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).containsPattern("KIND\\s+REVISION\\s+DETAIL").contains("zz");
		assertThat(run.err()).isEqualTo("Verification failed\n");
	}

	@Test
	void verifyAsJsonSaysWhetherItIsOk(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("verify", "--json");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("\"ok\" : true", "\"problems\" : [ ]");
	}

}
