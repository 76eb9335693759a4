package dev.migration.autoconfigure.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.migration.authoring.MigrationTemplates;
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
				"table=tags", "--param=columns=id bigint pk, name varchar(50) not null");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(createdScripts(commandLine)).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).containsIgnoringCase("CREATE TABLE tags")
				.contains("id BIGINT NOT NULL", "name VARCHAR NOT NULL", "PRIMARY KEY (id)")
				.containsIgnoringCase("DROP TABLE tags"));
	}

	@Test
	void createFromATemplateOnAChosenHead(CommandLine commandLine) throws Exception {
		CommandLine.Run run = commandLine.run("create", "Add tags", "--template", "create_table", "--head", "a1",
				"--param", "table=tags", "--column", "id bigint pk");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(createdScripts(commandLine)).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).contains("down_revision: a1")
				.containsIgnoringCase("CREATE TABLE tags"));
	}

	@Test
	void createTableTakesColumnsFromRepeatedOptionsAfterTheParameterAndFlags(CommandLine commandLine)
			throws Exception {
		CommandLine.Run run = commandLine.run("create", "Add tags", "--template", "create_table", "--param",
				"table=tags", "--param", "columns=id bigint pk", "--column", "name varchar(50) not null", "--column",
				"price numeric(10, 2) default 0", "--timestamps", "--soft-delete");
		assertThat(run.exitCode()).as(run.err()).isZero();
		Path script = createdScripts(commandLine).get(0);
		assertThat(Files.readString(script)).containsSubsequence("id BIGINT NOT NULL", "name VARCHAR NOT NULL",
				"price DECIMAL(10,2) DEFAULT 0", "created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL",
				"updated_at", "deleted_at TIMESTAMP WITH TIME ZONE", "PRIMARY KEY (id)");
	}

	@Test
	void aMalformedColumnIsAUsageErrorQuotingIt(CommandLine commandLine) throws Exception {
		CommandLine.Run run = commandLine.run("create", "Add tags", "--template", "create_table", "--param",
				"table=tags", "--column", "id bigint pk", "--column", "name varchar(50) nul");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("migration: Option '--column': Invalid column 'name varchar(50) nul': "
				+ "unexpected 'nul'; expected NAME TYPE [pk] [not null] [default VALUE]\n");
		CommandLine.Run inParameter = commandLine.run("create", "Add tags", "--template", "create_table", "--param",
				"table=tags", "--param", "columns=id bigint pk,, name text");
		assertThat(inParameter.exitCode()).isEqualTo(2);
		assertThat(inParameter.err()).startsWith("migration: Option '--param columns': Invalid columns "
				+ "'id bigint pk,, name text': an empty column (a comma too many)");
		assertThat(commandLine.scripts()).doesNotExist();
	}

	@Test
	void anUnknownTemplateIsAUsageErrorListingEveryTemplate(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("create", "Add tags", "--template", "create_tabel");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("migration: Unknown template 'create_tabel': did you mean 'create_table'? "
				+ "The templates are " + String.join(", ", MigrationTemplates.NAMES) + " (described below)\n")
			.contains("Templates (--template NAME, each parameter as --param KEY=VALUE):")
			.contains(MigrationTemplates.NAMES)
			.contains("with_soft_delete");
	}

	@Test
	void templateParametersAndOptionsAreCheckedAgainstTheTemplate(CommandLine commandLine) {
		assertUsageError(commandLine.run("create", "Drop tags", "--template", "drop_table", "--param", "tabel=tags"),
				"Unknown parameter 'tabel' for template 'drop_table': did you mean 'table'? (it takes table)");
		assertUsageError(commandLine.run("create", "Drop tags", "--template", "drop_table"),
				"Template 'drop_table' needs --param table=...");
		assertUsageError(
				commandLine.run("create", "Drop tags", "--template", "drop_table", "--param", "table=a",
						"--param", "table=b"),
				"Template parameter 'table' is given twice");
		assertUsageError(
				commandLine.run("create", "Drop tags", "--template", "drop_table", "--param", "table=tags",
						"--timestamps"),
				"Option '--timestamps' is for '--template create_table', not 'drop_table'");
		assertUsageError(commandLine.run("create", "Add tags", "--column", "id bigint"),
				"Option '--column' needs '--template create_table'");
		assertUsageError(
				commandLine.run("create", "Add tags", "--template", "create_table", "--param", "table=tags",
						"--param", "with_timestamps=false", "--timestamps"),
				"Both '--timestamps' and '--param with_timestamps=false' are given: give one of them");
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

	private static void assertUsageError(CommandLine.Run run, String message) {
		assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).startsWith("migration: " + message + "\n\nUsage: migration create MESSAGE [options]");
	}

}
