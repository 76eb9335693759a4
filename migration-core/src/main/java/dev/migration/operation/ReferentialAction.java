package dev.migration.operation;

import java.util.Locale;

import dev.migration.MigrationException;

/**
 * What a foreign key does when a referenced row is deleted.
 */
public enum ReferentialAction {

	/**
	 * Refuse the delete at the end of the statement (the default).
	 */
	NO_ACTION("NO ACTION"),

	/**
	 * Refuse the delete immediately.
	 */
	RESTRICT("RESTRICT"),

	/**
	 * Delete the referencing rows too.
	 */
	CASCADE("CASCADE"),

	/**
	 * Set the referencing columns to {@code NULL}.
	 */
	SET_NULL("SET NULL"),

	/**
	 * Set the referencing columns to their default.
	 */
	SET_DEFAULT("SET DEFAULT");

	private final String sql;

	ReferentialAction(String sql) {
		this.sql = sql;
	}

	/**
	 * The action as SQL.
	 * @return the SQL keywords
	 */
	public String sql() {
		return this.sql;
	}

	/**
	 * Parses an action written as SQL ({@code set null}) or as a constant
	 * ({@code SET_NULL}); blank means {@link #NO_ACTION}.
	 * @param value the value
	 * @return the action
	 * @throws MigrationException for an unknown action, naming it
	 */
	public static ReferentialAction of(String value) {
		if (value == null || value.isBlank()) {
			return NO_ACTION;
		}
		String normalized = value.strip().toUpperCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
		for (ReferentialAction action : values()) {
			if (action.sql.equals(normalized)) {
				return action;
			}
		}
		throw new MigrationException("Unknown ON DELETE action '" + value
				+ "': expected no action, restrict, cascade, set null or set default");
	}

}
