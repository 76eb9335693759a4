package dev.migration.autoconfigure.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link VerifyCommand} on DuckDB.
 */
class VerifyCommandTests {

	@TempDir
	Path directory;

	private CommandLine commandLine;

	@BeforeEach
	void commandLine() {
		this.commandLine = new CommandLine(this.directory, null);
	}

	@Test
	void verifyOfAgreeingScriptsAndDatabaseSucceeds() {
		this.commandLine.run("migrate");
		CommandLine.Run run = this.commandLine.run("verify");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("OK: the scripts and the database agree\n");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void verifyWithTheRoundTripChecksEveryDowngrade() {
		CommandLine.Run run = this.commandLine.run("verify", "--roundtrip");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).doesNotContain("ROUND_TRIP");
	}

	@Test
	void verifyFailsWhenAnAppliedRevisionHasNoScript() throws Exception {
		this.commandLine.run("migrate");
		try (Connection connection = this.commandLine.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE migration_history_state SET revision = 'zz' WHERE revision = 'a2'");
		}
		CommandLine.Run run = this.commandLine.run("verify");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).containsPattern("KIND\\s+REVISION\\s+DETAIL").contains("zz");
		assertThat(run.err()).isEqualTo("Verification failed\n");
	}

	@Test
	void verifyAsJsonSaysWhetherItIsOk() {
		this.commandLine.run("migrate");
		CommandLine.Run run = this.commandLine.run("verify", "--json");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("\"ok\" : true", "\"problems\" : [ ]");
	}

}
