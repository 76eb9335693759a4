package dev.migration.authoring;

import dev.migration.MigrationException;

/**
 * A migration template cannot be rendered: an unknown template, a missing or invalid
 * parameter, an unknown type, or an operation the database cannot run. The message
 * quotes the value at fault.
 */
public class TemplateException extends MigrationException {

	private static final long serialVersionUID = 1L;

	public TemplateException(String message) {
		super(message);
	}

	public TemplateException(String message, Throwable cause) {
		super(message, cause);
	}

}
