package dev.migration.autoconfigure.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthorCommands}: {@code create} and {@code merge}, writing scripts
 * after the test scripts ({@code a1 <- a2}).
 */
@ExtendWith(CommandLine.Resolver.class)
class AuthorCommandsTests {

	@Test
	void createWritesAnEmptyRevisionAfterTheHead(CommandLine commandLine) throws Exception {
		CommandLine.Run run = commandLine.run("create", "Add phone", "--no-autogenerate");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("Created revision ").contains("(Add phone) after a2");
		assertThat(createdScripts(commandLine)).singleElement().satisfies((file) -> {
			assertThat(file.getFileName().toString()).endsWith("_add_phone.sql");
			assertThat(Files.readString(file)).startsWith("-- Add phone").contains("down_revision: a2");
		});
	}

	@Test
	void createFromATemplateTakesItsParameters(CommandLine commandLine) throws Exception {
		CommandLine.Run run = commandLine.run("create", "Add tags", "--template", "create_table", "--param",
				"table=tags", "--param=columns=id:bigint:pk;name:varchar(50):notnull");
		assertThat(run.exitCode()).isZero();
		assertThat(createdScripts(commandLine)).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).containsIgnoringCase("CREATE TABLE tags")
				.containsIgnoringCase("DROP TABLE tags"));
	}

	@Test
	void createWithAParameterButNoTemplateIsAUsageError(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("create", "Add tags", "--param", "table=tags");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Option '--param' needs '--template NAME'");
	}

	@Test
	void createWithAParameterThatIsNotKeyValueIsAUsageError(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("create", "Add tags", "--template", "create_table", "--param",
				"tags");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Template parameter 'tags' is not key=value");
	}

	@Test
	void mergeJoinsTwoHeads(CommandLine commandLine) throws Exception {
		commandLine.run("create", "Branch one", "--no-autogenerate");
		String one = createdRevision(commandLine.run("create", "Branch two", "--no-autogenerate", "--head", "a2"));
		String two = createdScripts(commandLine).stream()
			.map((file) -> file.getFileName().toString())
			.filter((name) -> name.endsWith("_branch_one.sql"))
			.map((name) -> name.substring(0, name.indexOf('_')))
			.findFirst()
			.orElseThrow();
		assertThat(commandLine.run("create", "Two heads now", "--no-autogenerate").exitCode()).isEqualTo(1);
		CommandLine.Run merge = commandLine.run("merge", "Join the branches", one, two);
		assertThat(merge.exitCode()).isZero();
		assertThat(merge.out()).contains("(Join the branches) after ").contains(one).contains(two);
	}

	private static String createdRevision(CommandLine.Run run) {
		return run.out().replaceAll("(?s).*Created revision (\\w+) .*", "$1");
	}

	private static List<Path> createdScripts(CommandLine commandLine) throws Exception {
		try (Stream<Path> files = Files.list(commandLine.scripts())) {
			return files.toList();
		}
	}

}
