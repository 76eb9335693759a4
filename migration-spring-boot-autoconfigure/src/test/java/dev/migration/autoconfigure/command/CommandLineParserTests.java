package dev.migration.autoconfigure.command;

import java.util.List;
import java.util.regex.Pattern;

import dev.migration.authoring.MigrationTemplates;
import dev.migration.authoring.TemplateDescription;
import dev.migration.authoring.TemplateParameter;
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
	void aTargetCommandTakesItsTargetAsItsArgument() {
		assertTarget(CommandLineParser.parse("migration", "rollback", "-1"), "rollback", "-1");
		assertTarget(CommandLineParser.parse("migration", "migrate", "+2"), "migrate", "+2");
		assertTarget(CommandLineParser.parse("migration", "migrate", "head"), "migrate", "head");
		assertTarget(CommandLineParser.parse("migration", "stamp", "base"), "stamp", "base");
		assertTarget(CommandLineParser.parse("migration", "show", "abc123"), "show", "abc123");
	}

	@Test
	void aTargetCommandTakesItsTargetAsRevisionToo() {
		assertTarget(CommandLineParser.parse("migration", "rollback", "--revision=-1"), "rollback", "-1");
		assertTarget(CommandLineParser.parse("migration", "stamp", "--revision", "base"), "stamp", "base");
		assertTarget(CommandLineParser.parse("migration", "show", "--revision=abc123", "--json"), "show", "abc123");
		ParsedCommand noTarget = CommandLineParser.parse("migration", "rollback");
		assertThat(noTarget.has("revision")).isFalse();
		assertThat(noTarget.value("revision", "-1")).isEqualTo("-1");
	}

	@Test
	void aNegativeStepIsATargetWhereverItStandsAmongTheOptions() {
		ParsedCommand first = CommandLineParser.parse("migration", "rollback", "-2", "--dry-run", "--confirm", "a1");
		assertTarget(first, "rollback", "-2");
		assertThat(first.has("dry-run")).isTrue();
		assertThat(first.value("confirm")).isEqualTo("a1");
		ParsedCommand last = CommandLineParser.parse("--spring.profiles.active=prod", "migration", "rollback",
				"--allow-data-loss", "-1");
		assertTarget(last, "rollback", "-1");
		assertThat(last.has("allow-data-loss")).isTrue();
	}

	@Test
	void aTargetGivenBothWaysIsAUsageErrorNamingBoth() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "rollback", "-1", "--revision=-2"))
			.withMessage("The target of 'rollback' is given twice, as '-1' and as '--revision=-2': give one of them")
			.satisfies((ex) -> assertThat(ex.getCommand().name()).isEqualTo("rollback"));
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "stamp", "--revision", "base", "a1"))
			.withMessage("The target of 'stamp' is given twice, as 'a1' and as '--revision=base': give one of them");
	}

	@Test
	void aSecondTargetIsAnUnexpectedArgument() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "rollback", "-1", "-2"))
			.withMessage("Unexpected argument(s) '-2' for 'rollback', which takes [TARGET]");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "show", "a1", "a2"))
			.withMessage("Unexpected argument(s) 'a2' for 'show', which takes REV");
	}

	@Test
	void onlyTheTargetCommandsTakeATarget() {
		assertThat(CommandSpec.ALL.stream().filter(CommandSpec::target).map(CommandSpec::name))
			.containsExactly("migrate", "rollback", "show", "stamp");
		for (CommandSpec command : CommandSpec.ALL) {
			assertThat(command.option(CommandSpec.TARGET_OPTION).isPresent()).as(command.name())
				.isEqualTo(command.target());
		}
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "status", "-1"))
			.withMessage("Unexpected argument(s) '-1' for 'status', which takes none");
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
			.withMessage("Missing argument(s) for 'stamp': expected REV or --revision R");
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLineParser.parse("migration", "status", "extra"))
			.withMessage("Unexpected argument(s) 'extra' for 'status', which takes none");
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
	void createHelpListsEveryTemplateWithItsParameters() {
		String help = CommandSpec.named("create").orElseThrow().help();
		assertThat(help).contains("--column SPEC", "--timestamps", "--soft-delete",
				"Templates (--template NAME, each parameter as --param KEY=VALUE):");
		for (TemplateDescription template : MigrationTemplates.descriptions()) {
			assertThat(help).containsPattern("\\n  " + template.name() + " +" + Pattern.quote(template.description()));
			for (TemplateParameter parameter : template.parameters()) {
				assertThat(help).contains("    " + parameter.name() + " ");
			}
		}
		assertThat(help).containsPattern("\\n    table +the table \\(required\\)")
			.containsPattern("\\n    with_timestamps +add created_at and updated_at .* \\(default: false\\)")
			.containsPattern("\\n    columns +the columns, comma-separated, each NAME TYPE \\[pk\\] \\[not null\\]");
	}

	@Test
	void distanceCountsEdits() {
		assertThat(CommandLineParser.distance("status", "status")).isZero();
		assertThat(CommandLineParser.distance("statsu", "status")).isEqualTo(2);
		assertThat(CommandLineParser.distance("", "abc")).isEqualTo(3);
		assertThat(CommandLineParser.suggestion("grpah", List.of("graph", "history"), "")).contains("'graph'");
	}

	private static void assertTarget(ParsedCommand command, String name, String target) {
		assertThat(command.command().name()).isEqualTo(name);
		assertThat(command.value("revision")).isEqualTo(target);
		assertThat(command.arguments()).isEmpty();
	}

}
