package dev.migration.autoconfigure.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The commands of an application that migrates several databases
 * ({@code migration.instances}): {@code --instance NAME} runs a command on one;
 * without it, the commands that only read run on each in turn, their output grouped
 * by instance ({@code --json}: one object with a member per instance), and the others
 * are refused with the list of instances, unless there is only one.
 */
final class InstanceCommands {

	/**
	 * The option that names the instance.
	 */
	static final String OPTION = "instance";

	/**
	 * Commands that only read scripts or databases, besides the {@code --json} ones.
	 */
	private static final List<String> READING = List.of("graph");

	private final List<String> names;

	private final BiFunction<String, PrintStream, MigrationCommands> commands;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * Creates the commands.
	 * @param names the instance names, in the order of the configuration
	 * @param commands the commands of an instance, printing to the given stream
	 * @param out the standard output
	 * @param err the error output
	 */
	InstanceCommands(List<String> names, BiFunction<String, PrintStream, MigrationCommands> commands,
			PrintStream out, PrintStream err) {
		this.names = List.copyOf(names);
		this.commands = commands;
		this.out = out;
		this.err = err;
	}

	/**
	 * Parses and runs a command line.
	 * @param sourceArgs the raw arguments, {@code migration} included
	 * @return the exit code: the worst of every instance's when several ran
	 */
	int execute(String... sourceArgs) {
		String first = this.names.get(0);
		String[] args = withoutInstance(sourceArgs);
		ParsedCommand command;
		try {
			command = CommandLineParser.parse(sourceArgs);
		}
		catch (UsageException ex) {
			// Any instance's commands print the same usage error.
			return this.commands.apply(first, this.out).execute(sourceArgs);
		}
		String name = command.command().name();
		if (command.has("help") || name.equals("help")) {
			return this.commands.apply(first, this.out).execute(args);
		}
		String instance = command.value(OPTION);
		if (instance != null) {
			if (!this.names.contains(instance)) {
				return usageError("No migration instance '" + instance + "': the instances are " + names(), command);
			}
			return this.commands.apply(instance, this.out).execute(args);
		}
		if (this.names.size() == 1) {
			return this.commands.apply(first, this.out).execute(args);
		}
		if (!reads(command.command())) {
			return usageError("'" + name + "' works on one database: choose it with --" + OPTION
					+ " NAME (the instances are " + names() + ")", command);
		}
		return command.json() ? everyInstanceAsJson(args) : everyInstance(args);
	}

	private int everyInstance(String[] args) {
		int code = MigrationCommands.SUCCESS;
		for (int i = 0; i < this.names.size(); i++) {
			String instance = this.names.get(i);
			if (i > 0) {
				this.out.println();
			}
			this.out.println("== " + instance + " ==");
			this.out.flush();
			code = Math.max(code, this.commands.apply(instance, this.out).execute(args));
		}
		this.out.flush();
		return code;
	}

	/**
	 * One JSON object, with each instance's output as the member of its name.
	 */
	private int everyInstanceAsJson(String[] args) {
		int code = MigrationCommands.SUCCESS;
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < this.names.size(); i++) {
			String instance = this.names.get(i);
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			PrintStream captured = new PrintStream(buffer, true, StandardCharsets.UTF_8);
			int instanceCode = this.commands.apply(instance, captured).execute(args);
			code = Math.max(code, instanceCode);
			String output = buffer.toString(StandardCharsets.UTF_8).strip();
			json.append((i > 0) ? ",\n" : "\n")
				.append("  \"")
				.append(instance.replace("\\", "\\\\").replace("\"", "\\\""))
				.append("\" : ")
				.append(output.isEmpty() ? "null" : output.replace("\n", "\n  "));
		}
		this.out.println(json.append("\n}"));
		this.out.flush();
		return code;
	}

	private int usageError(String message, ParsedCommand command) {
		this.err.println("migration: " + message);
		this.err.println();
		this.err.print(command.command().help());
		this.err.flush();
		return MigrationCommands.USAGE;
	}

	private String names() {
		return String.join(", ", this.names);
	}

	/**
	 * Whether a command only reads, so that it may run on every instance.
	 */
	private static boolean reads(CommandSpec command) {
		return command.read() || READING.contains(command.name());
	}

	/**
	 * The command line without {@code --instance NAME} or {@code --instance=NAME}: the
	 * commands of one instance need no more.
	 */
	private static String[] withoutInstance(String[] sourceArgs) {
		List<String> args = new ArrayList<>();
		for (int i = 0; i < sourceArgs.length; i++) {
			String arg = sourceArgs[i];
			if (arg.startsWith("--" + OPTION + "=")) {
				continue;
			}
			if (arg.equals("--" + OPTION)) {
				i++;
				continue;
			}
			args.add(arg);
		}
		return args.toArray(String[]::new);
	}

}
