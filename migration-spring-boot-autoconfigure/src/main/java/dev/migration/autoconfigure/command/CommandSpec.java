package dev.migration.autoconfigure.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.migration.authoring.TableColumn;

/**
 * One command of the command line: its name, arguments and options, as documented by
 * {@code --help}.
 *
 * @param name the command name
 * @param arguments the positional arguments, as shown in the usage line
 * @param summary what the command does, in one line
 * @param minArguments the fewest positional arguments
 * @param maxArguments the most positional arguments, or -1 for no limit
 * @param read whether it only reads (and so accepts {@code --json})
 * @param target whether its positional argument is the target revision, which
 * {@code --revision} gives too ({@code rollback -1} or {@code rollback --revision=-1})
 * @param options the command's own options
 * @param details more help after the options, or {@code ""}
 */
record CommandSpec(String name, String arguments, String summary, int minArguments, int maxArguments, boolean read,
		boolean target, List<OptionSpec> options, String details) {

	/**
	 * The option that gives the target of a {@link #target() target} command, which
	 * also takes it as its positional argument.
	 */
	static final String TARGET_OPTION = "revision";

	/**
	 * The options every command accepts.
	 */
	static final List<OptionSpec> COMMON_OPTIONS = List.of(new OptionSpec("help", null, false, "show this help"),
			new OptionSpec("verbose", null, false, "log more, and print the stack trace of an error"),
			new OptionSpec(InstanceCommands.OPTION, "NAME", false, "with migration.instances, the database to work on "
					+ "(required to change one; reading commands read every database when not given)"));

	/**
	 * The option of the read commands.
	 */
	static final OptionSpec JSON = new OptionSpec("json", null, false,
			"machine-readable output, with the fields of the actuator endpoint");

	/**
	 * Every command, in the order {@code --help} lists them.
	 */
	static final List<CommandSpec> ALL = List.of(
			targeted("migrate", "[TARGET]", "upgrade to head, or to TARGET (with tenants: also every tenant)", 0,
					false,
					value("revision", "R", "the target, instead of TARGET: head, heads, an id or prefix, +N, "
							+ "LABEL@head, LABEL@+N (default: head)"),
					flag("dry-run", "print the SQL that would run, run nothing")),
			targeted("rollback", "[TARGET]", "downgrade one step, or to TARGET (base for all)", 0, false,
					value("revision", "R", "the target, instead of TARGET: -N, base, an id or prefix, LABEL@-N, "
							+ "LABEL@base (default: -1)"),
					value("confirm", "R", "the revision the rollback ends at; required in production"),
					flag("no-safety-check", "skip the safety checks (logged)"),
					flag("allow-data-loss", "allow downgrades that drop tables or columns holding rows"),
					flag("dry-run", "print the SQL that would run, run nothing"),
					value(TenantCommands.TENANT_OPTION, "ID",
							"with migration.tenants, roll back this tenant (or use --all-tenants)"),
					flag(TenantCommands.ALL_TENANTS_OPTION, "with migration.tenants, roll back every tenant, "
							+ "confirmed once in production by --confirm repeating TARGET")),
			command("create", "MESSAGE", "write a new revision script", 1, 1, false,
					flag("no-autogenerate", "write an empty revision even when a model exists"),
					value("template", "NAME", "fill the revision from a template (listed below)"),
					repeatable("param", "KEY=VALUE", "a template parameter (repeatable)"),
					repeatable("column", "SPEC",
							"a column of create_table: " + TableColumn.SYNTAX + " (repeatable; after --param columns)"),
					flag("timestamps", "create_table: add created_at and updated_at (with_timestamps=true)"),
					flag("soft-delete", "create_table: add deleted_at (with_soft_delete=true)"),
					value("head", "REV", "the parent revision: an id or prefix, LABEL@head for a branch's head, "
							+ "base for a new root (default: the head)"),
					repeatable("branch-label", "NAME", "start a branch named NAME (targets NAME@head, NAME@base): "
							+ "from base, or from --head (repeatable)"),
					revisionId(), dependsOn())
				.withDetails(TemplateOptions.help()),
			command("merge", "MESSAGE REV REV...", "write a merge revision joining heads", 3, -1, false, revisionId(),
					dependsOn()),
			command("status", "", "current revision(s), heads, pending migrations and state", 0, 0, true,
					flag(TenantCommands.OPTION, "with migration.tenants, count the tenants up to date, pending and "
							+ "failed, and list those behind")),
			command("history", "", "the action log, newest first", 0, 0, true,
					value("limit", "N", "show the N newest entries"),
					value("range", "A:B", "only the revisions from A to B: A:B, A: (up to the heads), :B (from base); "
							+ "each side base, head, heads, current, an id or prefix, -1, +1, LABEL@head"))
				.withDetails("With --verbose, each entry is followed by the SQL text of its revision (its script, or "
						+ "the downgrade the database stored for a revision without one) and a failed entry by its "
						+ "whole stored error; with --json, each entry gets a \"sql\" field.\n"),
			command("current", "", "the current revision(s)", 0, 0, true),
			command("heads", "", "the head(s) of the scripts", 0, 0, true),
			targeted("show", "REV", "one revision: message, parents, script, state", 1, true,
					value("revision", "R", "the revision, instead of REV: an id or prefix, head, LABEL@head")),
			command("verify", "", "check the scripts against the database", 0, 0, true,
					flag("roundtrip", "also check every downgrade on a scratch database"),
					flag("lint", "also lint the pending scripts for zero-downtime hazards (a warning fails)"),
					flag("drift", "also compare the database with the model (classpath:db/schema.sql)"),
					flag("single-head", "also fail when the scripts have more than one head, naming the merge")),
			command("lint", "[REV...]", "lint the SQL scripts for locks and rolling-deploy breaks (all by default)", 0,
					-1, true, flag("pending", "only the revisions a migrate would apply"),
					repeatable("file", "PATH", "lint a script file, in the locations or not (repeatable)"))
				.withDetails("Each finding gives file:line, severity, rule, reason and the safe rewrite. Exit code 1 "
						+ "when any finding is a warning (a note is the same hazard on a small or new table). A "
						+ "header line '-- lint: ignore <rule-id> <reason>' silences one rule in one script; the "
						+ "reason is printed and logged. REV: revision ids or unique prefixes.\n"),
			targeted("stamp", "REV", "set the state to a revision without running anything", 1, false,
					value("revision", "R", "the revision, instead of REV: an id or prefix, head, base, LABEL@head")),
			command("sql", "FROM:TO", "print the SQL script of a range, offline (base:head, head:base)", 1, 1,
					false, value("dialect", "NAME", "postgresql or duckdb (default: from the datasource URL or DataSource)")),
			command("repair", "ACTION REV",
					"mark-applied, mark-rolled-back, accept-checksum or resume (a failed transactional: false "
							+ "migration, after its committed statements), audited",
					2, 2, false, value("reason", "TEXT", "why, for the log (required)"),
					value("confirm", "REV", "the revision again; required in production"),
					flag("accept-edit", "resume: even though the statements that committed were edited since")),
			command("graph", "", "the revision graph, newest first", 0, 0, false,
					value("format", "FORMAT", "text (default), mermaid or dot")),
			command("tenant", "add ID",
					"add a tenant (a schema, or a TenantProvider's) and migrate it (idempotent)", 2, 2, false),
			command("restore", "SNAPSHOT", "restore a DuckDB snapshot taken before a rollback", 1, 1, false),
			command("help", "[COMMAND]", "list the commands, or describe one", 0, 1, false));

	CommandSpec {
		options = List.copyOf(options);
	}

	/**
	 * This command with more help after its options.
	 * @param details the text, ending with a new line
	 * @return the command
	 */
	CommandSpec withDetails(String details) {
		return new CommandSpec(this.name, this.arguments, this.summary, this.minArguments, this.maxArguments,
				this.read, this.target, this.options, details);
	}

	/**
	 * Every option this command accepts, its own first.
	 * @return the options
	 */
	List<OptionSpec> allOptions() {
		List<OptionSpec> all = new ArrayList<>(this.options);
		if (this.read) {
			all.add(JSON);
		}
		all.addAll(COMMON_OPTIONS);
		return all;
	}

	Optional<OptionSpec> option(String name) {
		return allOptions().stream().filter((option) -> option.name().equals(name)).findFirst();
	}

	static Optional<CommandSpec> named(String name) {
		return ALL.stream().filter((command) -> command.name().equals(name)).findFirst();
	}

	/**
	 * The usage and options, for {@code --help}.
	 * @return the help text
	 */
	String help() {
		StringBuilder help = new StringBuilder();
		help.append("Usage: migration ").append(this.name);
		if (!this.arguments.isEmpty()) {
			help.append(' ').append(this.arguments);
		}
		help.append(" [options]\n\n").append(this.summary).append("\n\nOptions:\n");
		TextTable table = new TextTable();
		for (OptionSpec option : allOptions()) {
			table.row("  --" + option.name() + ((option.value() != null) ? " " + option.value() : ""),
					option.description());
		}
		help.append(table.render());
		if (!this.details.isEmpty()) {
			help.append('\n').append(this.details);
		}
		return help.toString();
	}

	/**
	 * The list of commands, for {@code migration --help}.
	 * @return the help text
	 */
	static String overview() {
		StringBuilder help = new StringBuilder(
				"Usage: migration <command> [options] [--spring.*=... --migration.*=...]\n\nCommands:\n");
		TextTable table = new TextTable();
		for (CommandSpec command : ALL) {
			table.row("  " + command.name() + (command.arguments().isEmpty() ? "" : " " + command.arguments()),
					command.summary());
		}
		help.append(table.render());
		help.append("\nRun 'migration <command> --help' for a command's options. Exit codes: 0 success, "
				+ "1 failed or refused, 2 usage error.\n");
		return help.toString();
	}

	private static CommandSpec command(String name, String arguments, String summary, int min, int max, boolean read,
			OptionSpec... options) {
		return new CommandSpec(name, arguments, summary, min, max, read, false, List.of(options), "");
	}

	/**
	 * A command whose one positional argument is the target, which its
	 * {@value #TARGET_OPTION} option gives too.
	 */
	private static CommandSpec targeted(String name, String arguments, String summary, int min, boolean read,
			OptionSpec... options) {
		return new CommandSpec(name, arguments, summary, min, 1, read, true, List.of(options), "");
	}

	private static OptionSpec revisionId() {
		return value("rev-id", "ID", "the new revision's id instead of a random one: letters, digits and _, "
				+ "used by no revision");
	}

	private static OptionSpec dependsOn() {
		return repeatable("depends-on", "REV", "a revision the new one depends on without being its child "
				+ "(depends_on): an id or prefix, head, LABEL@head (repeatable, or comma-separated)");
	}

	private static OptionSpec value(String name, String value, String description) {
		return new OptionSpec(name, value, false, description);
	}

	private static OptionSpec repeatable(String name, String value, String description) {
		return new OptionSpec(name, value, true, description);
	}

	private static OptionSpec flag(String name, String description) {
		return new OptionSpec(name, null, false, description);
	}

	/**
	 * An option.
	 *
	 * @param name the name, without {@code --}
	 * @param value the name of its value in the help, or {@code null} for a flag
	 * @param repeatable whether it may be given more than once
	 * @param description what it does
	 */
	record OptionSpec(String name, String value, boolean repeatable, String description) {

		boolean takesValue() {
			return this.value != null;
		}

	}

}
