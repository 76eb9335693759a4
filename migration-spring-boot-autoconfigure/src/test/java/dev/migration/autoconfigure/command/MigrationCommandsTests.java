package dev.migration.autoconfigure.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationCommands}: parsing, dispatch, help, and how failures are
 * reported.
 */
@ExtendWith(CommandLine.Resolver.class)
class MigrationCommandsTests {

	@Test
	void helpListsTheCommands(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("Usage: migration <command>", "migrate", "rollback", "graph", "repair");
		assertThat(commandLine.run("help", "stamp").out()).isEqualTo(commandLine.run("stamp", "--help").out());
	}

	@Test
	void anUnknownCommandIsAUsageErrorWithASuggestion(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("statuss");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).isEqualTo("migration: Unknown command 'statuss': did you mean 'status'?\n"
				+ "Run 'migration --help' for usage.\n");
		assertThat(run.out()).isEmpty();
		assertThat(commandLine.run("help", "statuss").exitCode()).isEqualTo(2);
	}

	@Test
	void aUsageErrorPrintsTheCommandsWholeUsage(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("rollback", "-1", "--revision=-2");
		assertThat(run.exitCode()).isEqualTo(2);
		String help = commandLine.run("rollback", "--help").out();
		assertThat(run.err()).isEqualTo("migration: The target of 'rollback' is given twice, as '-1' and as "
				+ "'--revision=-2': give one of them\n\n" + help);
		assertThat(help).startsWith("Usage: migration rollback [TARGET] [options]")
			.containsPattern("--allow-data-loss +allow downgrades that drop tables or columns holding rows")
			.containsPattern("--verbose +log more");
		assertThat(run.out()).isEmpty();
		CommandLine.Run unexpected = commandLine.run("status", "extra");
		assertThat(unexpected.exitCode()).isEqualTo(2);
		assertThat(unexpected.err()).endsWith(commandLine.run("status", "--help").out());
	}

	@Test
	void everyTargetCommandTakesItsTargetEitherWay(CommandLine commandLine) {
		commandLine.run("migrate", "a1");
		assertThat(commandLine.run("show", "--revision", "a2").out()).isEqualTo(commandLine.run("show", "a2").out())
			.containsPattern("State:\\s+pending, head");
		assertThat(commandLine.run("stamp", "--revision=a2").out()).startsWith("Stamped a2: now at a2");
		assertThat(commandLine.run("stamp", "base").out()).startsWith("Stamped base: now at base");
		assertThat(commandLine.manager().currentRevisions()).isEmpty();
	}

	@Test
	void everyCommandIsDispatched(CommandLine commandLine) {
		for (CommandSpec spec : CommandSpec.ALL) {
			CommandLine.Run run = commandLine.run(spec.name(), "--help");
			assertThat(run.exitCode()).as(spec.name()).isZero();
		}
		assertThat(commandLine.run("heads").out()).contains("a2");
		assertThat(commandLine.run("restore", commandLine.scripts().resolve("none.db").toString()).err())
			.startsWith("Error: ");
	}

	@Test
	void aRefusedRollbackIsReportedAsRefused(CommandLine commandLine) {
		commandLine.run("migrate");
		commandLine.execute("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com')");
		CommandLine.Run run = commandLine.run("rollback", "--revision", "base");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("Refused: ").contains("users").doesNotContain("\tat ");
		assertThat(run.out()).doesNotContain("[");
		assertThat(commandLine.manager().currentRevisions()).containsExactly("a2");
	}

	@Test
	void verboseAddsTheStackTrace(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("migrate", "--revision", "nope", "--verbose");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: ").contains("\tat ").doesNotContain("run with --verbose");
	}

	@Test
	void errorMessagesWalkTheCausesAndNeverShowAPassword(CommandLine commandLine) {
		IllegalStateException failure = new IllegalStateException("Cannot migrate",
				new java.sql.SQLException("Cannot connect to postgresql://app:s3cret@db/app?password=s3cret"));
		assertThat(MigrationCommands.describe(failure))
			.isEqualTo("Cannot migrate\n  caused by: Cannot connect to postgresql://app:******@db/app?password=******");
	}

}
