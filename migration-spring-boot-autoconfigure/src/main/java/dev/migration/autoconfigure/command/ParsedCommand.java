package dev.migration.autoconfigure.command;

import java.util.List;
import java.util.Map;

/**
 * A command line, parsed.
 *
 * @param command the command; {@code help} when none was given
 * @param arguments the positional arguments
 * @param options the options given, by name; a flag has an empty list of values
 */
record ParsedCommand(CommandSpec command, List<String> arguments, Map<String, List<String>> options) {

	ParsedCommand {
		arguments = List.copyOf(arguments);
		options = Map.copyOf(options);
	}

	boolean has(String option) {
		return this.options.containsKey(option);
	}

	String value(String option) {
		List<String> values = this.options.get(option);
		return (values != null && !values.isEmpty()) ? values.get(values.size() - 1) : null;
	}

	String value(String option, String defaultValue) {
		String value = value(option);
		return (value != null) ? value : defaultValue;
	}

	List<String> values(String option) {
		return this.options.getOrDefault(option, List.of());
	}

	String argument(int index) {
		return this.arguments.get(index);
	}

	boolean json() {
		return has("json");
	}

	boolean verbose() {
		return has("verbose");
	}

}
