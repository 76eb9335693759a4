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
 * Tests for repeatable migrations on the command line, on DuckDB: {@code status} and
 * {@code status --json} list them apart from the revisions, {@code verify} notes the
 * pending ones without failing, {@code history} shows their {@code reapply} and
 * {@code unapply} rows, and {@code sql} renders them.
 */
class RepeatableCommandsTests {

	private Path directory;

	private CommandLine commandLine;

	@BeforeEach
	void createCommandLine() throws IOException {
		this.directory = Files.createTempDirectory("repeatables");
		this.commandLine = new CommandLine(this.directory, "jdbc:duckdb:", true);
		Files.createDirectories(this.commandLine.scripts());
		writeView(1);
	}

	@AfterEach
	void deleteDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
	}

	private void writeView(int version) throws IOException {
		Files.writeString(this.commandLine.scripts().resolve("R__user_names.sql"), """
				-- The names of the users
				--
				-- revision: user_names
				-- repeatable: true
				-- depends_on: a1

				-- upgrade
				CREATE OR REPLACE VIEW user_names AS SELECT %d AS version;

				-- downgrade
				DROP VIEW user_names;
				""".formatted(version));
	}

	@Test
	void statusVerifyAndHistoryShowRepeatablesApart() throws IOException {
		CommandLine.Run before = this.commandLine.run("status");
		assertThat(before.out()).as(before.err()).contains("Repeatable (1, 0 to run):")
			.containsPattern("user_names\\s+WAITING for a1\\s+The names of the users");
		CommandLine.Run verify = this.commandLine.run("verify");
		assertThat(verify.exitCode()).as(verify.out()).isZero();
		assertThat(this.commandLine.run("migrate").exitCode()).isZero();
		assertThat(this.commandLine.run("status").out()).containsPattern("user_names\\s+UP_TO_DATE");
		writeView(2);
		assertThat(this.commandLine.run("status", "--json").out()).contains("\"repeatables\" : [ {",
				"\"id\" : \"user_names\"", "\"state\" : \"CHANGED\"");
		CommandLine.Run changed = this.commandLine.run("verify");
		assertThat(changed.exitCode()).isZero();
		assertThat(changed.out()).contains("Notes:",
				"Repeatable migration user_names (filesystem:" + this.commandLine.scripts().resolve("R__user_names.sql")
						+ ") is changed since it last ran: a migrate applies it");
		assertThat(this.commandLine.run("verify", "--json").out()).contains("\"notes\" : [ {",
				"\"kind\" : \"REPEATABLE_PENDING\"");
		assertThat(this.commandLine.run("migrate").exitCode()).isZero();
		assertThat(this.commandLine.run("rollback", "base", "--allow-data-loss").exitCode()).isZero();
		CommandLine.Run history = this.commandLine.run("history");
		assertThat(history.out()).containsPattern("user_names\\s+unapply")
			.containsPattern("user_names\\s+reapply");
		CommandLine.Run sql = this.commandLine.run("sql", "base:heads");
		assertThat(sql.out()).contains("-- Repeatable user_names: The names of the users",
				"CREATE OR REPLACE VIEW user_names AS SELECT 2 AS version");
	}

}
