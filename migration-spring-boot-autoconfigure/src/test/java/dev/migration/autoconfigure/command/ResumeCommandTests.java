package dev.migration.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code repair resume} on DuckDB: a {@code transactional: false} script
 * beside {@code a1 <- a2} fails after two of its statements committed, a migrate
 * refuses to start it over, and the command line runs the rest.
 */
class ResumeCommandTests {

	private static final String COMMITTED = "CREATE TABLE t_a (id INTEGER);\nCREATE TABLE t_b (id INTEGER);\n";

	private Path directory;

	private CommandLine commandLine;

	@BeforeEach
	void createCommandLine() throws IOException {
		this.directory = Files.createTempDirectory("resume");
		this.commandLine = new CommandLine(this.directory, null, true);
		writeScript(COMMITTED + "INSERT INTO no_such_table VALUES (1);");
	}

	@AfterEach
	void deleteDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
	}

	@Test
	void failureAndRefusalTellHowToResume() throws IOException {
		CommandLine.Run failed = this.commandLine.run("migrate");
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.err()).contains("statements 1 to 2 stay committed",
				"migration repair resume b1 --reason \"...\"", "migration repair mark-applied b1 --reason \"...\"");
		CommandLine.Run refused = this.commandLine.run("migrate");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("Refusing to migrate: revision b1 (", "after statements 1 to 2 had "
				+ "committed; its script is unchanged since", "migration repair resume b1 --reason \"...\"")
			.doesNotContain("ResumeOptions");
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("a2");
	}

	@Test
	void repairResumeRunsTheRestWithTheReason() throws IOException {
		this.commandLine.run("migrate");
		writeScript(COMMITTED + "CREATE TABLE t_c (id INTEGER);");
		CommandLine.Run run = this.commandLine.run("repair", "resume", "b1", "--reason", "typo fixed");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out())
			.isEqualTo("Resumed b1 after its committed statements: now at b1; logged with the reason\n");
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("b1");
		assertThat(this.commandLine.manager().history()).anySatisfy(
				(entry) -> assertThat(entry.message()).isEqualTo("resume after statement 2: typo fixed"));
	}

	@Test
	void repairResumeOfAnEditedCommittedPartNeedsAcceptEdit() throws IOException {
		this.commandLine.run("migrate");
		writeScript("CREATE TABLE t_a (id BIGINT);\nCREATE TABLE t_b (id INTEGER);\nCREATE TABLE t_c (id INTEGER);");
		CommandLine.Run refused = this.commandLine.run("repair", "resume", "b1", "--reason", "widened");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("Refusing to resume revision b1 (",
				"migration repair resume b1 --reason \"...\" --accept-edit");
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("a2");
		CommandLine.Run run = this.commandLine.run("repair", "resume", "b1", "--reason", "widened by hand",
				"--accept-edit");
		assertThat(run.exitCode()).isZero();
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("b1");
	}

	@Test
	void repairResumeOfARevisionThatDidNotFailChangesNothing() {
		this.commandLine.run("migrate", "--revision", "a2");
		CommandLine.Run run = this.commandLine.run("repair", "resume", "b1", "--reason", "why not");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("Cannot resume revision b1 (", "nothing to resume");
		CommandLine.Run unknown = this.commandLine.run("repair", "resume", "zz9", "--reason", "why not");
		assertThat(unknown.exitCode()).isEqualTo(1);
		assertThat(unknown.err()).contains("'zz9'");
		assertThat(this.commandLine.manager().currentRevisions()).containsExactly("a2");
	}

	@Test
	void repairResumeNeedsAReasonAndAcceptEditGoesWithResumeOnly() {
		CommandLine.Run noReason = this.commandLine.run("repair", "resume", "b1");
		assertThat(noReason.exitCode()).isEqualTo(2);
		assertThat(noReason.err()).startsWith("migration: repair needs --reason \"...\"");
		CommandLine.Run misplaced = this.commandLine.run("repair", "mark-applied", "a1", "--reason", "x",
				"--accept-edit");
		assertThat(misplaced.exitCode()).isEqualTo(2);
		assertThat(misplaced.err()).contains("--accept-edit goes with repair resume only, not mark-applied");
		assertThat(this.commandLine.manager().currentRevisions()).isEmpty();
	}

	private void writeScript(String upgrade) throws IOException {
		Files.createDirectories(this.commandLine.scripts());
		Files.writeString(this.commandLine.scripts().resolve("b1_partly.sql"), """
				-- Partly committed
				--
				-- revision: b1
				-- down_revision: a2
				-- transactional: false

				-- upgrade
				%s
				""".formatted(upgrade));
	}

}
