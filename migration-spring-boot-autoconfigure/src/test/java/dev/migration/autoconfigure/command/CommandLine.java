package dev.migration.autoconfigure.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.migration.authoring.MigrationAuthor;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.autoconfigure.MigrationRunState;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

/**
 * The commands over a DuckDB file and the test scripts ({@code a1 <- a2}), run in
 * process with their output kept in memory, as {@code java -jar app.jar migration ...}
 * would run them.
 */
final class CommandLine implements AutoCloseable {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Path directory;

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final boolean withCreatedScripts;

	private final Runnable close;

	private MigrationManager manager;

	private final MigrationCommands commands;

	/**
	 * Commands over a new database in a directory; {@code create} writes to its
	 * {@code scripts} directory.
	 * @param directory the directory, for the database file and the new scripts
	 * @param datasourceUrl the URL the {@code sql} command takes its dialect from, or
	 * {@code null}
	 */
	CommandLine(Path directory, String datasourceUrl) {
		this(directory, datasourceUrl, false);
	}

	/**
	 * Commands over a new database in a directory, optionally loading what
	 * {@code create} writes as well: then each command gets a manager of its own, as
	 * each run of the command line is a process of its own that reads the scripts anew.
	 * @param directory the directory, for the database file and the new scripts
	 * @param datasourceUrl the URL the {@code sql} command takes its dialect from, or
	 * {@code null}
	 * @param withCreatedScripts whether the scripts {@code create} writes are loaded
	 */
	CommandLine(Path directory, String datasourceUrl, boolean withCreatedScripts) {
		this(directory, CommandDatabase.DUCKDB.open(directory), datasourceUrl, withCreatedScripts);
	}

	/**
	 * Commands over a database of a kind that load what {@code create} writes; close it
	 * to remove the database.
	 * @param directory the directory, for a DuckDB file and the new scripts
	 * @param database the kind of database
	 * @return the command line
	 */
	static CommandLine on(Path directory, CommandDatabase database) {
		return new CommandLine(directory, database.open(directory), null, true);
	}

	private CommandLine(Path directory, CommandDatabase.Opened database, String datasourceUrl,
			boolean withCreatedScripts) {
		this.directory = directory;
		this.withCreatedScripts = withCreatedScripts;
		this.close = database.close();
		CommandProgress progress = new CommandProgress();
		DataSource dataSource = database.dataSource();
		this.dataSource = dataSource;
		List<String> locations = withCreatedScripts
				? List.of("classpath:db/migration", "filesystem:" + directory.resolve("scripts"))
				: List.of("classpath:db/migration");
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.locations(locations)
			.listeners(List.of(progress))
			.schema(database.schema())
			.build();
		this.configuration = configuration;
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

	/**
	 * Where {@code create} writes.
	 */
	Path scripts() {
		return this.directory.resolve("scripts");
	}

	MigrationManager manager() {
		return this.manager;
	}

	/**
	 * Changes the database behind the commands' back.
	 * @param sql the statement
	 */
	void execute(String sql) {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run '" + sql + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs a query behind the commands' back.
	 * @param sql the query
	 * @return the first column of each row, as text
	 */
	List<String> query(String sql) {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				java.sql.ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new java.util.ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run '" + sql + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * The files {@code create} wrote, sorted.
	 * @return the files; none before the first
	 */
	List<Path> createdScripts() {
		if (!Files.isDirectory(scripts())) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(scripts())) {
			return files.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a command.
	 * @param arguments the arguments after {@code migration}
	 * @return its exit code and output
	 */
	Run run(String... arguments) {
		this.out.reset();
		this.err.reset();
		if (this.withCreatedScripts) {
			this.manager = MigrationManager.create(this.dataSource, this.configuration);
		}
		int exitCode = this.commands
			.execute(Stream.concat(Stream.of("migration"), Stream.of(arguments)).toArray(String[]::new));
		return new Run(exitCode, this.out.toString(StandardCharsets.UTF_8), this.err.toString(StandardCharsets.UTF_8));
	}

	/**
	 * Removes the database.
	 */
	@Override
	public void close() {
		this.close.run();
	}

	/**
	 * Hands each test method that asks for one a command line over a new database in a
	 * directory of its own, deleted after the test.
	 */
	static final class Resolver implements ParameterResolver, AfterEachCallback {

		private static final Namespace NAMESPACE = Namespace.create(Resolver.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == CommandLine.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			try {
				Path directory = Files.createTempDirectory("commands");
				context.getStore(NAMESPACE).put(Path.class, directory);
				return new CommandLine(directory, null);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void afterEach(ExtensionContext context) throws IOException {
			Path directory = context.getStore(NAMESPACE).remove(Path.class, Path.class);
			if (directory != null) {
				FileSystemUtils.deleteRecursively(directory);
			}
		}

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
