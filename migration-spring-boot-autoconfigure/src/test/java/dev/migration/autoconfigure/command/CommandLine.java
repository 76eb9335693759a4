package dev.migration.autoconfigure.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.migration.MigrationAuthor;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.autoconfigure.MigrationRunState;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The commands over a DuckDB file and the test scripts ({@code a1 <- a2}), run in
 * process with their output kept in memory, as {@code java -jar app.jar migration ...}
 * would run them.
 */
final class CommandLine {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final DataSource dataSource;

	private final MigrationManager manager;

	private final MigrationCommands commands;

	/**
	 * Commands over a new database in a directory; {@code create} writes to its
	 * {@code scripts} directory.
	 * @param directory the directory, for the database file and the new scripts
	 * @param datasourceUrl the URL the {@code sql} command takes its dialect from, or
	 * {@code null}
	 */
	CommandLine(Path directory, String datasourceUrl) {
		CommandProgress progress = new CommandProgress();
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
		dataSource.setDriverClass(org.duckdb.DuckDBDriver.class);
		dataSource.setUrl(url(directory));
		this.dataSource = dataSource;
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.locations("classpath:db/migration")
			.listeners(List.of(progress))
			.build();
		this.manager = MigrationManager.create(dataSource, configuration);
		JsonMapper mapper = JsonMapper.builder().build();
		this.commands = new MigrationCommands(() -> this.manager,
				() -> MigrationAuthor.create(dataSource, configuration, directory.resolve("scripts")),
				() -> JsonViews.of(this.manager, new MigrationRunState(), getClass().getClassLoader()),
				(value) -> mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value), progress,
				new MigrationCommands.Settings(datasourceUrl, false),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	static String url(Path directory) {
		return "jdbc:duckdb:" + directory.resolve("cli.db").toAbsolutePath();
	}

	MigrationManager manager() {
		return this.manager;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Runs a command.
	 * @param arguments the arguments after {@code migration}
	 * @return its exit code and output
	 */
	Run run(String... arguments) {
		this.out.reset();
		this.err.reset();
		int exitCode = this.commands
			.execute(Stream.concat(Stream.of("migration"), Stream.of(arguments)).toArray(String[]::new));
		return new Run(exitCode, this.out.toString(StandardCharsets.UTF_8), this.err.toString(StandardCharsets.UTF_8));
	}

	/**
	 * A command that ran.
	 *
	 * @param exitCode its exit code
	 * @param out what it printed to standard output
	 * @param err what it printed to standard error
	 */
	record Run(int exitCode, String out, String err) {

	}

}
