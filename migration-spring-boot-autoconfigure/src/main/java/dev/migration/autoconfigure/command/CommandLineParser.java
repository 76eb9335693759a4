package dev.migration.autoconfigure.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the raw arguments of a command run: {@code migration <command> [arguments]
 * [options]}. Options take {@code --name value} and {@code --name=value}; arguments
 * whose name holds a dot ({@code --spring.profiles.active=prod},
 * {@code --migration.schema=app}) are Spring's and skipped. Unknown names are reported
 * with the nearest valid one. Only {@code --} starts an option (and {@code -h}), so
 * {@code -1} is an argument: the target of {@code rollback -1}, which a
 * {@link CommandSpec#target() target command} files under {@code --revision}.
 */
final class CommandLineParser {

	/**
	 * The first argument that switches an application into command mode.
	 */
	static final String COMMAND_MODE_ARGUMENT = "migration";

	private CommandLineParser() {
	}

	/**
	 * Parses raw arguments.
	 * @param sourceArgs the arguments as given to {@code main}, {@code migration}
	 * included
	 * @return the command
	 * @throws UsageException when the command line is wrong
	 */
	static ParsedCommand parse(String... sourceArgs) {
		List<String> args = withoutCommandModeArgument(sourceArgs);
		String name = args.stream().filter((arg) -> !isOption(arg)).findFirst().orElse(null);
		if (name == null) {
			CommandSpec help = CommandSpec.named("help").orElseThrow();
			// "migration" alone or "migration --help": the list of commands.
			return new ParsedCommand(help, List.of(), Map.of());
		}
		args.remove(name);
		CommandSpec command = CommandSpec.named(name)
			.orElseThrow(() -> new UsageException("Unknown command '" + name + "'"
					+ suggestion(name, CommandSpec.ALL.stream().map(CommandSpec::name).toList(), ""), null));
		List<String> arguments = new ArrayList<>();
		Map<String, List<String>> options = new LinkedHashMap<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.equals("-h")) {
				options.put("help", List.of());
				continue;
			}
			if (!isOption(arg)) {
				arguments.add(arg);
				continue;
			}
			int equals = arg.indexOf('=');
			String optionName = arg.substring(2, (equals != -1) ? equals : arg.length());
			if (optionName.contains(".")) {
				continue; // a Spring property: the environment has it already
			}
			CommandSpec.OptionSpec option = command.option(optionName)
				.orElseThrow(() -> new UsageException("Unknown option '--" + optionName + "' for '" + command.name()
						+ "'" + suggestion(optionName,
								command.allOptions().stream().map(CommandSpec.OptionSpec::name).toList(), "--"),
						command));
			List<String> values = options.computeIfAbsent(optionName, (key) -> new ArrayList<>());
			if (!option.takesValue()) {
				if (equals != -1) {
					throw new UsageException("Option '--" + optionName + "' takes no value", command);
				}
				continue;
			}
			String value;
			if (equals != -1) {
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.size() && !isOption(args.get(i + 1))) {
				value = args.get(++i);
			}
			else {
				throw new UsageException("Option '--" + optionName + "' needs a value: --" + optionName + " "
						+ option.value() + " or --" + optionName + "=" + option.value(), command);
			}
			if (!values.isEmpty() && !option.repeatable()) {
				throw new UsageException("Option '--" + optionName + "' is given twice", command);
			}
			values.add(value);
		}
		if (options.containsKey("help")) {
			return new ParsedCommand(command, arguments, options);
		}
		checkArguments(command, arguments, options);
		if (command.target() && !arguments.isEmpty()) {
			// One place for the target, however it was given.
			options.put(CommandSpec.TARGET_OPTION, List.of(arguments.remove(0)));
		}
		return new ParsedCommand(command, arguments, options);
	}

	private static List<String> withoutCommandModeArgument(String[] sourceArgs) {
		List<String> args = new ArrayList<>(List.of(sourceArgs));
		for (int i = 0; i < args.size(); i++) {
			if (!isOption(args.get(i))) {
				if (args.get(i).equals(COMMAND_MODE_ARGUMENT)) {
					args.remove(i);
				}
				break;
			}
		}
		return args;
	}

	private static void checkArguments(CommandSpec command, List<String> arguments,
			Map<String, List<String>> options) {
		int given = arguments.size();
		if (command.target() && options.containsKey(CommandSpec.TARGET_OPTION)) {
			if (!arguments.isEmpty()) {
				throw new UsageException("The target of '" + command.name() + "' is given twice, as '"
						+ arguments.get(0) + "' and as '--" + CommandSpec.TARGET_OPTION + "="
						+ options.get(CommandSpec.TARGET_OPTION).get(0) + "': give one of them", command);
			}
			given++;
		}
		if (given < command.minArguments()) {
			throw new UsageException("Missing argument(s) for '" + command.name() + "': expected "
					+ command.arguments() + (command.target() ? " or --" + CommandSpec.TARGET_OPTION + " R" : ""),
					command);
		}
		if (command.maxArguments() != -1 && arguments.size() > command.maxArguments()) {
			List<String> extra = arguments.subList(command.maxArguments(), arguments.size());
			throw new UsageException("Unexpected argument(s) " + quoted(extra) + " for '" + command.name() + "'"
					+ (command.arguments().isEmpty() ? ", which takes none" : ", which takes " + command.arguments()),
					command);
		}
	}

	private static String quoted(List<String> values) {
		return "'" + String.join("', '", values) + "'";
	}

	private static boolean isOption(String arg) {
		return arg.startsWith("--") && arg.length() > 2;
	}

	/**
	 * A "did you mean" hint naming the nearest candidate, or nothing when none is near.
	 * @param given the unknown name
	 * @param candidates the valid names
	 * @param prefix what to show before a name ({@code --} for options)
	 * @return the hint, starting with {@code ": did you mean"}, or {@code ""}
	 */
	static String suggestion(String given, Collection<String> candidates, String prefix) {
		String nearest = null;
		int best = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = candidate.startsWith(given) ? 1 : distance(given, candidate);
			if (distance < best) {
				best = distance;
				nearest = candidate;
			}
		}
		if (nearest == null || best > Math.max(2, given.length() / 2)) {
			return "";
		}
		return ": did you mean '" + prefix + nearest + "'?";
	}

	/**
	 * The Levenshtein distance: insertions, deletions and substitutions.
	 */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
