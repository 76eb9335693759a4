package dev.migration.autoconfigure.command;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CommandLineParser}.
 */
class CommandLineParserTests {

	@Test
	void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
		assertThat(CommandLineParser.parse("migration", "migrate", "--revision", "abc123").value("revision"))
			.isEqualTo("abc123");
		assertThat(CommandLineParser.parse("migration", "migrate", "--revision=abc123").value("revision"))
			.isEqualTo("abc123");
	}

	@Test
	void valuesStartingWithADashAreValues() {
		assertThat(CommandLineParser.parse("migration", "rollback", "--revision=-1").value("revision")).isEqualTo("-1");
		assertThat(CommandLineParser.parse("migration", "rollback", "--revision", "-2").value("revision"))
			.isEqualTo("-2");
	}

	@Test
	void springArgumentsAreLeftToTheEnvironment() {
		ParsedCommand command = CommandLineParser.parse("--spring.profiles.active=prod", "migration", "status",
				"--migration.schema=app", "--json", "--logging.level.root=DEBUG");
		assertThat(command.command().name()).isEqualTo("status");
		assertThat(command.options()).containsOnlyKeys("json");
		assertThat(command.arguments()).isEmpty();
	}

	@Test
	void positionalArgumentsAndRepeatableOptionsAreCollected() {
		ParsedCommand command = CommandLineParser.parse("migration", "create", "Add phone", "--template",
				"add_column", "--param", "table=users", "--param=column=phone");
		assertThat(command.arguments()).containsExactly("Add phone");
		assertThat(command.value("template")).isEqualTo("add_column");
		assertThat(command.values("param")).containsExactly("table=users", "column=phone");
		assertThat(CommandLineParser.parse("migration", "merge", "Join", "a1", "b2").arguments())
			.containsExactly("Join", "a1", "b2");
	}

	@Test
	void anUnknownCommandSuggestsTheNearestOne() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CommandLineParser.parse("migration", "statuss"))
			.withMessage("Unknown command 'statuss': did you mean 'status'?");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CommandLineParser.parse("migration", "rollbak"))
			.withMessageEndingWith("did you mean 'rollback'?");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CommandLineParser.parse("migration", "hist"))
			.withMessageEndingWith("did you mean 'history'?");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "xyzzyplugh"))
			.withMessage("Unknown command 'xyzzyplugh'");
	}

	@Test
	void anUnknownOptionSuggestsTheNearestOneOfItsCommand() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "migrate", "--revison=x"))
			.withMessage("Unknown option '--revison' for 'migrate': did you mean '--revision'?")
			.satisfies((ex) -> assertThat(ex.getCommand().name()).isEqualTo("migrate"));
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "rollback", "--allow-dataloss"))
			.withMessageEndingWith("did you mean '--allow-data-loss'?");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "migrate", "--json"))
			.withMessageStartingWith("Unknown option '--json' for 'migrate'");
	}

	@Test
	void missingValuesAndArgumentsAreUsageErrors() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "migrate", "--revision"))
			.withMessage("Option '--revision' needs a value: --revision R or --revision=R");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "migrate", "--dry-run=yes"))
			.withMessage("Option '--dry-run' takes no value");
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CommandLineParser.parse("migration", "stamp"))
			.withMessage("Missing argument(s) for 'stamp': usage is migration stamp REV");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "status", "extra"))
			.withMessageStartingWith("Unexpected argument(s) 'extra' for 'status'");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "merge", "Join", "a1"))
			.withMessageStartingWith("Missing argument(s) for 'merge'");
	}

	@Test
	void helpIsAcceptedByEveryCommandAndSkipsTheArgumentCheck() {
		for (CommandSpec command : CommandSpec.ALL) {
			assertThat(CommandLineParser.parse("migration", command.name(), "--help").has("help")).isTrue();
			assertThat(command.help()).startsWith("Usage: migration " + command.name()).contains("--help");
		}
		assertThat(CommandLineParser.parse("migration", "stamp", "-h").has("help")).isTrue();
		assertThat(CommandLineParser.parse("migration").command().name()).isEqualTo("help");
	}

	@Test
	void exitCodesFollowTheContract() {
		MigrationCommands commands = new MigrationCommands(() -> {
			throw new dev.migration.MigrationException("no database here");
		}, () -> null, () -> null, (value) -> "", new CommandProgress(),
				new MigrationCommands.Settings(null, false), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
				new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
		assertThat(commands.execute("migration", "--help")).isZero();
		assertThat(commands.execute("migration", "status", "--help")).isZero();
		assertThat(commands.execute("migration", "help", "status")).isZero();
		assertThat(commands.execute("migration", "statuss")).isEqualTo(2);
		assertThat(commands.execute("migration", "status", "--jsn")).isEqualTo(2);
		assertThat(commands.execute("migration", "status")).isEqualTo(1);
		assertThat(commands.execute("migration", "repair", "mark-applied", "a1")).isEqualTo(2);
	}

	@Test
	void errorMessagesNeverShowAPassword() {
		assertThat(MigrationCommands.describe(new IllegalStateException("Cannot connect to "
				+ "jdbc:postgresql://db/app?user=app&password=s3cret and postgresql://app:s3cret@db/app")))
			.doesNotContain("s3cret")
			.contains("password=******", "app:******@");
	}

	@Test
	void distanceCountsEdits() {
		assertThat(CommandLineParser.distance("status", "status")).isZero();
		assertThat(CommandLineParser.distance("statsu", "status")).isEqualTo(2);
		assertThat(CommandLineParser.distance("", "abc")).isEqualTo(3);
		assertThat(CommandLineParser.suggestion("grpah", List.of("graph", "history"), "")).contains("'graph'");
	}

}
