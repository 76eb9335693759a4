package dev.migration.authoring;

import java.util.List;
import java.util.Optional;

/**
 * A template that {@link MigrationTemplates#generate} runs by name, with its
 * parameters: what {@code create --help} lists.
 *
 * @param name the name, such as {@code create_table}
 * @param description what it writes, in one line
 * @param parameters its parameters, in the order of the method's
 */
public record TemplateDescription(String name, String description, List<TemplateParameter> parameters) {

	public TemplateDescription {
		parameters = List.copyOf(parameters);
	}

	/**
	 * The parameter of that name.
	 * @param name the parameter's name
	 * @return the parameter, or empty when the template takes none of that name
	 */
	public Optional<TemplateParameter> parameter(String name) {
		return this.parameters.stream().filter((parameter) -> parameter.name().equals(name)).findFirst();
	}

	/**
	 * The names of the parameters, in order.
	 * @return the names
	 */
	public List<String> parameterNames() {
		return this.parameters.stream().map(TemplateParameter::name).toList();
	}

}
