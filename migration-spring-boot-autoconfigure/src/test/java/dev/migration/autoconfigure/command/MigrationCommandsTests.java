package dev.migration.autoconfigure.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationCommands}: parsing, dispatch, help, and how failures are
 * reported.
 */
class MigrationCommandsTests {

	@TempDir
	Path directory;

	private CommandLine commandLine;

	@BeforeEach
	void commandLine() {
		this.commandLine = new CommandLine(this.directory, null);
	}

	@Test
	void helpListsTheCommands() {
		CommandLine.Run run = this.commandLine.run("--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: migration <command>", "migrate", "rollback", "graph", "repair");
		assertThat(this.commandLine.run("help", "stamp").out()).isEqualTo(this.commandLine.run("stamp", "--help").out());
	}

	@Test
	void anUnknownCommandIsAUsageErrorWithASuggestion() {
		CommandLine.Run run = this.commandLine.run("statuss");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).isEqualTo("migration: Unknown command 'statuss': did you mean 'status'?\n"
				+ "Run 'migration --help' for usage.\n");
		assertThat(run.out()).isEmpty();
		assertThat(this.commandLine.run("help", "statuss").exitCode()).isEqualTo(2);
	}

	@Test
	void everyCommandIsDispatched() {
		for (CommandSpec spec : CommandSpec.ALL) {
			CommandLine.Run run = this.commandLine.run(spec.name(), "--help");
			assertThat(run.exitCode()).as(spec.name()).isZero();
		}
		assertThat(this.commandLine.run("heads").out()).contains("a2");
		assertThat(this.commandLine.run("restore", this.directory.resolve("none.db").toString()).err())
			.startsWith("Error: ");
	}

	@Test
	void aRefusedRollbackIsReportedAsRefused() throws Exception {
		this.commandLine.run("migrate");
		try (Connection connection = this.commandLine.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com')");
		}
		CommandLine.Run run = this.commandLine.run("rollback", "--revision", "base");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("Refused: ").contains("users").doesNotContain("\tat ");
		assertThat(run.out()).doesNotContain("[");
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("a2");
	}

	@Test
	void verboseAddsTheStackTrace() {
		CommandLine.Run run = this.commandLine.run("migrate", "--revision", "nope", "--verbose");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: ").contains("\tat ").doesNotContain("run with --verbose");
	}

	@Test
	void errorMessagesWalkTheCausesAndNeverShowAPassword() {
		IllegalStateException failure = new IllegalStateException("Cannot migrate",
				new java.sql.SQLException("Cannot connect to postgresql://app:s3cret@db/app?password=s3cret"));
		assertThat(MigrationCommands.describe(failure))
			.isEqualTo("Cannot migrate\n  caused by: Cannot connect to postgresql://app:******@db/app?password=******");
	}

}
