package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.migration.authoring.MigrationAuthor;
import dev.migration.MigrationException;
import dev.migration.MigrationManager;
import dev.migration.RollbackRefusedException;
import dev.migration.TenantFleet;
import dev.migration.autoconfigure.Credentials;
import dev.migration.autoconfigure.FailureAdvice;
import org.jspecify.annotations.Nullable;

import static java.util.Map.entry;

/**
 * Runs the commands of the command line against a {@link MigrationManager}: parses
 * the raw arguments, hands the command to the class that runs it, and answers the exit
 * code (0 success, 1 the operation failed or was refused, 2 usage error). Errors print
 * the message without a stack trace unless {@code --verbose}, with credentials masked.
 */
final class MigrationCommands {

	static final int SUCCESS = 0;

	static final int FAILURE = 1;

	static final int USAGE = 2;

	private final Map<String, ToIntFunction<ParsedCommand>> commands;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * What the commands read from the application's configuration.
	 *
	 * @param datasourceUrl the URL of the database migrated, for the offline dialect;
	 * may be {@code null}
	 * @param modelExists whether a model for autogenerate exists
	 * @param dataSource the DataSource migrated, for the offline dialect when there is no
	 * URL (a DataSource bean); may give {@code null}
	 */
	record Settings(@Nullable String datasourceUrl, boolean modelExists, Supplier<@Nullable DataSource> dataSource) {

		Settings(@Nullable String datasourceUrl, boolean modelExists) {
			this(datasourceUrl, modelExists, () -> null);
		}

	}

	MigrationCommands(Supplier<MigrationManager> manager, Supplier<MigrationAuthor> author,
			Supplier<JsonViews> jsonViews, JsonWriter json, CommandProgress progress, Settings settings,
			PrintStream out, PrintStream err) {
		this(manager, author, jsonViews, json, progress, settings, MigrationCommands::noTenants, out, err);
	}

	MigrationCommands(Supplier<MigrationManager> manager, Supplier<MigrationAuthor> author,
			Supplier<JsonViews> jsonViews, JsonWriter json, CommandProgress progress, Settings settings,
			Supplier<TenantFleet> tenants, PrintStream out, PrintStream err) {
		this(manager, author, jsonViews, json, progress, settings, tenants, () -> hasTenants(tenants), false, out, err);
	}

	/**
	 * Creates the commands.
	 * @param tenants the tenants' fleet
	 * @param tenantsConfigured whether the application has tenants: {@code migrate} and
	 * {@code rollback} then work on them
	 * @param migrateBase whether, with tenants, {@code migrate} migrates the own schema
	 * too, and {@code rollback} without {@code --tenant} or {@code --all-tenants} rolls it
	 * back ({@code migration.tenants.migrate-base})
	 */
	MigrationCommands(Supplier<MigrationManager> manager, Supplier<MigrationAuthor> author,
			Supplier<JsonViews> jsonViews, JsonWriter json, CommandProgress progress, Settings settings,
			Supplier<TenantFleet> tenants, BooleanSupplier tenantsConfigured, boolean migrateBase, PrintStream out,
			PrintStream err) {
		WriteCommands write = new WriteCommands(manager, progress, out);
		InspectCommands inspect = new InspectCommands(manager, jsonViews, json, out);
		AuthorCommands authoring = new AuthorCommands(author, manager, settings.modelExists(), out);
		VerifyCommand verify = new VerifyCommand(manager, author, jsonViews, json, out, err);
		LintCommand lint = new LintCommand(manager, jsonViews, json, out, err);
		SqlCommand sql = new SqlCommand(manager, settings, out);
		TenantCommands tenantCommands = new TenantCommands(tenants, tenantsConfigured, json, out);
		this.commands = Map.ofEntries(entry("help", this::help),
				entry("migrate",
						(command) -> tenantCommands.configured()
								? tenantCommands.migrate(command, migrateBase ? write::migrate : null)
								: write.migrate(command)),
				entry("rollback",
						(command) -> (command.has(TenantCommands.TENANT_OPTION)
								|| command.has(TenantCommands.ALL_TENANTS_OPTION)
								|| (tenantCommands.configured() && !migrateBase)) ? tenantCommands.rollback(command)
										: write.rollback(command)),
				entry("stamp", write::stamp), entry("repair", write::repair),
				entry("restore", write::restore), entry("status", (command) -> command.has(TenantCommands.OPTION) ? tenantCommands.status(command)
						: inspect.status(command)), entry("current", inspect::current),
				entry("heads", inspect::heads), entry("history", inspect::history), entry("show", inspect::show),
				entry("graph", inspect::graph), entry("create", authoring::create), entry("merge", authoring::merge),
				entry("verify", verify::verify), entry("lint", lint::lint), entry("sql", sql::sql), entry("tenant", tenantCommands::tenant));
		this.out = out;
		this.err = err;
	}

	/**
	 * Whether a fleet has tenants, {@code false} when there is none.
	 */
	private static boolean hasTenants(Supplier<TenantFleet> tenants) {
		try {
			return !tenants.get().tenants().isEmpty();
		}
		catch (MigrationException ex) {
			return false;
		}
	}

	/**
	 * The tenants of an application that has none: every tenant command fails, saying
	 * how to configure them.
	 */
	static TenantFleet noTenants() {
		throw new MigrationException("No tenants in this application: " + TenantCommands.HOW_TO_CONFIGURE);
	}

	/**
	 * Parses and runs a command line.
	 * @param sourceArgs the raw arguments, {@code migration} included
	 * @return the exit code
	 */
	int execute(String... sourceArgs) {
		ParsedCommand command;
		try {
			command = CommandLineParser.parse(sourceArgs);
		}
		catch (UsageException ex) {
			return usageError(ex);
		}
		if (command.has("help")) {
			this.out.print(command.command().name().equals("help") ? CommandSpec.overview() : command.command().help());
			return SUCCESS;
		}
		try {
			return run(command);
		}
		catch (UsageException ex) {
			return usageError(ex);
		}
		catch (RollbackRefusedException ex) {
			this.err.println("Refused: " + FailureAdvice.forCommand(ex, command.command().name()).text());
			printStackTrace(command, ex);
			return FAILURE;
		}
		catch (RuntimeException ex) {
			this.err.println("Error: " + describe(ex, command.command().name()));
			printStackTrace(command, ex);
			if (!command.verbose()) {
				this.err.println("(run with --verbose for the stack trace)");
			}
			return FAILURE;
		}
		finally {
			this.out.flush();
			this.err.flush();
		}
	}

	/**
	 * The message, then the command's whole help, as {@code --help} prints it: what to
	 * type instead is on the screen already.
	 */
	private int usageError(UsageException ex) {
		this.err.println("migration: " + ex.getMessage());
		if (ex.getCommand() != null) {
			this.err.println();
			this.err.print(ex.getCommand().help());
		}
		else {
			this.err.println("Run 'migration --help' for usage.");
		}
		return USAGE;
	}

	private void printStackTrace(ParsedCommand command, RuntimeException ex) {
		if (command.verbose()) {
			ex.printStackTrace(this.err);
		}
	}

	private int run(ParsedCommand command) {
		if (command.has(InstanceCommands.OPTION)) {
			throw new UsageException("Option '--" + InstanceCommands.OPTION + "' names one of several databases, "
					+ "and migration.instances configures none", command.command());
		}
		ToIntFunction<ParsedCommand> implementation = this.commands.get(command.command().name());
		if (implementation == null) {
			throw new IllegalStateException("No implementation of " + command.command().name());
		}
		return implementation.applyAsInt(command);
	}

	private int help(ParsedCommand command) {
		if (command.arguments().isEmpty()) {
			this.out.print(CommandSpec.overview());
			return SUCCESS;
		}
		String name = command.argument(0);
		CommandSpec spec = CommandSpec.named(name)
			.orElseThrow(() -> new UsageException("Unknown command '" + name + "'"
					+ CommandLineParser.suggestion(name, CommandSpec.ALL.stream().map(CommandSpec::name).toList(), ""),
					null));
		this.out.print(spec.help());
		return SUCCESS;
	}

	/**
	 * The message a human needs: the exception's own, followed by its causes' when they
	 * add something; credentials masked.
	 */
	static String describe(Throwable failure) {
		return describe(failure, null);
	}

	/**
	 * The message a human needs after a command failed: what went wrong and the commands
	 * to run next ({@link FailureAdvice}), followed by the causes' messages when they add
	 * something; credentials masked.
	 */
	static String describe(Throwable failure, @Nullable String command) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null && messages.size() < 5; cause = cause.getCause()) {
			String message = (cause == failure) ? FailureAdvice.forCommand(failure, command).text()
					: (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
			if (messages.stream().noneMatch((earlier) -> earlier.contains(message))) {
				messages.add(message);
			}
			if (cause == cause.getCause()) {
				break;
			}
		}
		return Credentials.mask(messages.stream().collect(Collectors.joining("\n  caused by: ")));
	}

}
