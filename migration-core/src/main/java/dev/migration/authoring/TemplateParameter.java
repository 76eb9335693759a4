package dev.migration.authoring;

import org.jspecify.annotations.Nullable;

/**
 * A parameter of a template run by name ({@link MigrationTemplates#generate}).
 *
 * @param name the name, in snake case
 * @param description what it means, in a few words
 * @param required whether it must be given
 * @param defaultValue the value taken when it is not given, or {@code null} when an
 * absent parameter means none
 */
public record TemplateParameter(String name, String description, boolean required, @Nullable String defaultValue) {

	static TemplateParameter required(String name, String description) {
		return new TemplateParameter(name, description, true, null);
	}

	static TemplateParameter optional(String name, String description) {
		return new TemplateParameter(name, description, false, null);
	}

	static TemplateParameter optional(String name, String description, String defaultValue) {
		return new TemplateParameter(name, description, false, defaultValue);
	}

}
