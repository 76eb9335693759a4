package dev.migration.lint;

import org.jspecify.annotations.Nullable;

/**
 * A table (or index) as a statement names it, with names folded as the database folds
 * them.
 *
 * @param schema the schema given, or {@code null} for the search path's
 * @param name the name
 * @param written the name as written in the statement, for findings
 */
record TableName(@Nullable String schema, String name, String written) {

	/**
	 * Whether both name the same table: the same name, in the same schema or where
	 * either leaves the schema to the search path.
	 */
	boolean sameAs(TableName other) {
		return this.name.equals(other.name)
				&& (this.schema == null || other.schema == null || this.schema.equals(other.schema));
	}

	/**
	 * The same table under another name, in its schema (a rename).
	 */
	TableName renamed(String newName, String newWritten) {
		return new TableName(this.schema, newName, newWritten);
	}

	@Override
	public String toString() {
		return this.written;
	}

}
