package dev.migration.autoconfigure.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.authoring.MigrationTemplates;
import dev.migration.authoring.TableColumn;
import dev.migration.authoring.TemplateDescription;
import dev.migration.authoring.TemplateException;
import dev.migration.authoring.TemplateParameter;

/**
 * The template options of {@code create}: {@code --template NAME} with its
 * {@code --param KEY=VALUE}, and for {@code create_table} the options that stand for its
 * parameters ({@code --column SPEC}, {@code --timestamps}, {@code --soft-delete}).
 * Checked against the templates' own descriptions, which {@code create --help} lists,
 * so that a wrong name or column is a usage error before anything is read or written.
 */
final class TemplateOptions {

	private static final String CREATE_TABLE = "create_table";

	private static final String COLUMN = "column";

	/**
	 * The flags of {@code create} that set a parameter of {@code create_table} to
	 * {@code true}.
	 */
	private static final Map<String, String> FLAGS = Map.of("timestamps", "with_timestamps", "soft-delete",
			"with_soft_delete");

	private TemplateOptions() {
	}

	/**
	 * The parameters of the template {@code --template} names.
	 * @param command {@code create} with {@code --template}
	 * @return the parameters, by name
	 * @throws UsageException for an unknown template or parameter, a parameter missing
	 * or given twice, an option the template does not take, or a malformed column
	 */
	static Map<String, String> parameters(ParsedCommand command) {
		TemplateDescription template = template(command);
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String parameter : command.values("param")) {
			int equals = parameter.indexOf('=');
			if (equals <= 0) {
				throw new UsageException("Template parameter '" + parameter + "' is not key=value", command.command());
			}
			String key = parameter.substring(0, equals).strip();
			if (template.parameter(key).isEmpty()) {
				throw new UsageException("Unknown parameter '" + key + "' for template '" + template.name() + "'"
						+ CommandLineParser.suggestion(key, template.parameterNames(), "") + " (it takes "
						+ String.join(", ", template.parameterNames()) + ")", command.command());
			}
			if (parameters.put(key, parameter.substring(equals + 1)) != null) {
				throw new UsageException("Template parameter '" + key + "' is given twice", command.command());
			}
		}
		if (template.name().equals(CREATE_TABLE)) {
			addTableOptions(command, parameters);
		}
		else {
			for (String option : createTableOptions()) {
				if (command.has(option)) {
					throw new UsageException("Option '--" + option + "' is for '--template " + CREATE_TABLE
							+ "', not '" + template.name() + "'", command.command());
				}
			}
		}
		for (TemplateParameter parameter : template.parameters()) {
			String value = parameters.get(parameter.name());
			if (parameter.required() && (value == null || value.isBlank())) {
				throw new UsageException("Template '" + template.name() + "' needs --param " + parameter.name() + "=...",
						command.command());
			}
		}
		return parameters;
	}

	/**
	 * The name of the template {@code --template} names, as the templates spell it.
	 * @param command {@code create} with {@code --template}
	 * @return the name, such as {@code create_table}
	 * @throws UsageException for an unknown template, listing every template
	 */
	static String name(ParsedCommand command) {
		return template(command).name();
	}

	private static TemplateDescription template(ParsedCommand command) {
		String name = command.value("template");
		return MigrationTemplates.description(name).orElseThrow(() -> {
			String hint = CommandLineParser.suggestion(name, MigrationTemplates.NAMES, "");
			return new UsageException("Unknown template '" + name + "'" + (hint.isEmpty() ? "." : hint)
					+ " The templates are " + String.join(", ", MigrationTemplates.NAMES) + " (described below)",
					command.command());
		});
	}

	/**
	 * Refuses the template options when no {@code --template} was given.
	 * @param command {@code create} without {@code --template}
	 */
	static void refuseWithoutTemplate(ParsedCommand command) {
		if (command.has("param")) {
			throw new UsageException("Option '--param' needs '--template NAME'", command.command());
		}
		for (String option : createTableOptions()) {
			if (command.has(option)) {
				throw new UsageException("Option '--" + option + "' needs '--template " + CREATE_TABLE + "'",
						command.command());
			}
		}
	}

	/**
	 * The columns of {@code --param columns} followed by those of each {@code --column},
	 * and the flags, as parameters of {@code create_table}.
	 */
	private static void addTableOptions(ParsedCommand command, Map<String, String> parameters) {
		List<String> columns = new ArrayList<>();
		String given = parameters.get("columns");
		if (given != null && !given.isBlank()) {
			check("--param columns", () -> TableColumn.parseAll(given), command);
			columns.add(given.strip());
		}
		for (String spec : command.values(COLUMN)) {
			check("--column", () -> TableColumn.parse(spec), command);
			columns.add(spec.strip());
		}
		if (!columns.isEmpty()) {
			parameters.put("columns", String.join(", ", columns));
		}
		FLAGS.forEach((flag, parameter) -> {
			if (command.has(flag)) {
				if (parameters.containsKey(parameter)) {
					throw new UsageException("Both '--" + flag + "' and '--param " + parameter + "="
							+ parameters.get(parameter) + "' are given: give one of them", command.command());
				}
				parameters.put(parameter, "true");
			}
		});
	}

	private static void check(String option, Runnable parse, ParsedCommand command) {
		try {
			parse.run();
		}
		catch (TemplateException ex) {
			throw new UsageException("Option '" + option + "': " + ex.getMessage(), command.command());
		}
	}

	private static List<String> createTableOptions() {
		return List.of(COLUMN, "timestamps", "soft-delete");
	}

	/**
	 * Every template with its parameters, their meaning and defaults, for
	 * {@code create --help}.
	 * @return the text
	 */
	static String help() {
		TextTable table = new TextTable();
		for (TemplateDescription template : MigrationTemplates.descriptions()) {
			table.row("  " + template.name(), template.description());
			for (TemplateParameter parameter : template.parameters()) {
				String note = parameter.required() ? " (required)"
						: (parameter.defaultValue() != null) ? " (default: " + parameter.defaultValue() + ")" : "";
				table.row("    " + parameter.name(), parameter.description() + note);
			}
		}
		return "Templates (--template NAME, each parameter as --param KEY=VALUE):\n" + table.render()
				+ "\nFor example:\n  migration create \"Create tags\" --template create_table --param table=tags "
				+ "--column \"id bigint pk\" --column \"name varchar(100) not null\" --timestamps\n";
	}

}
