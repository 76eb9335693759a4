package dev.migration.autoconfigure.command;

/**
 * Writes the {@code --json} output.
 */
@FunctionalInterface
interface JsonWriter {

	/**
	 * Writes a value as indented JSON.
	 * @param value the value
	 * @return the JSON
	 */
	String write(Object value);

}
