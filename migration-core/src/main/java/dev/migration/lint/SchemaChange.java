package dev.migration.lint;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one statement (or one action of an {@code ALTER TABLE}) does, as far as the lint
 * cares; read by {@link StatementAnalysis}.
 */
sealed interface SchemaChange {

	/**
	 * The 0-based line of the statement where the change starts.
	 */
	int line();

	/**
	 * {@code CREATE TABLE}, {@code CREATE TABLE AS}, {@code SELECT INTO}.
	 */
	record CreateTable(TableName table, int line) implements SchemaChange {
	}

	/**
	 * {@code CREATE [UNIQUE] INDEX}.
	 */
	record CreateIndex(TableName table, @Nullable String index, boolean unique, boolean concurrently,
			List<String> columns, int line) implements SchemaChange {
	}

	/**
	 * {@code DROP INDEX}, one per index named.
	 */
	record DropIndex(TableName index, boolean concurrently, int line) implements SchemaChange {
	}

	/**
	 * {@code ALTER TABLE ... ADD COLUMN}.
	 * @param defaultValue the kind of default the new column gets
	 * @param volatileCall what makes the default volatile ({@code random()},
	 * {@code bigserial}), or {@code null}
	 * @param functions the functions the default calls, lower case, to ask the
	 * database whether one is volatile
	 * @param unique whether it declares {@code UNIQUE} or {@code PRIMARY KEY}
	 */
	record AddColumn(TableName table, String column, DefaultValue defaultValue, @Nullable String volatileCall,
			List<String> functions, boolean unique, int line) implements SchemaChange {
	}

	/**
	 * What default a new column gets.
	 */
	enum DefaultValue {

		/** None, or {@code DEFAULT NULL}. */
		NONE,

		/** An expression that is not volatile. */
		CONSTANT,

		/** A volatile expression: every row gets its own value. */
		VOLATILE

	}

	/**
	 * {@code ADD [CONSTRAINT name] UNIQUE | PRIMARY KEY}.
	 * @param usingIndex the index of {@code USING INDEX}, or {@code null} when the
	 * constraint builds its own
	 */
	record AddUnique(TableName table, @Nullable String constraint, boolean primaryKey, List<String> columns,
			@Nullable String usingIndex, int line) implements SchemaChange {
	}

	/**
	 * {@code ADD [CONSTRAINT name] FOREIGN KEY ... REFERENCES}.
	 */
	record AddForeignKey(TableName table, @Nullable String constraint, TableName referenced, boolean notValid,
			int line) implements SchemaChange {
	}

	/**
	 * {@code ADD [CONSTRAINT name] CHECK (...)}.
	 * @param notNullColumn the column when the check is exactly {@code column IS NOT NULL}
	 */
	record AddCheck(TableName table, @Nullable String constraint, @Nullable String notNullColumn, boolean notValid,
			int line) implements SchemaChange {
	}

	/**
	 * {@code VALIDATE CONSTRAINT}.
	 */
	record ValidateConstraint(TableName table, String constraint, int line) implements SchemaChange {
	}

	/**
	 * {@code ALTER COLUMN ... SET NOT NULL}.
	 */
	record SetNotNull(TableName table, String column, int line) implements SchemaChange {
	}

	/**
	 * {@code ALTER COLUMN ... [SET DATA] TYPE}.
	 * @param type the new type as written, normalised to lower case and single spaces
	 * @param using whether a {@code USING} expression converts the values
	 */
	record AlterType(TableName table, String column, String type, boolean using, int line) implements SchemaChange {
	}

	/**
	 * {@code ALTER TABLE ... RENAME TO}.
	 */
	record RenameTable(TableName table, String newName, String newWritten, int line) implements SchemaChange {
	}

	/**
	 * {@code ALTER TABLE ... RENAME [COLUMN] ... TO}.
	 */
	record RenameColumn(TableName table, String column, String newName, int line) implements SchemaChange {
	}

	/**
	 * {@code ALTER TABLE ... DROP [COLUMN]}.
	 */
	record DropColumn(TableName table, String column, int line) implements SchemaChange {
	}

	/**
	 * {@code DROP TABLE}, one per table named.
	 */
	record DropTable(TableName table, int line) implements SchemaChange {
	}

	/**
	 * {@code VACUUM FULL}.
	 * @param table the table, or {@code null} for every table of the database
	 */
	record VacuumFull(@Nullable TableName table, int line) implements SchemaChange {
	}

	/**
	 * {@code CLUSTER}.
	 * @param table the table, or {@code null} for every table clustered before
	 */
	record Cluster(@Nullable TableName table, int line) implements SchemaChange {
	}

	/**
	 * {@code REINDEX INDEX | TABLE} without {@code CONCURRENTLY}.
	 * @param index whether {@code name} is an index rather than a table
	 */
	record Reindex(TableName name, boolean index, int line) implements SchemaChange {
	}

	/**
	 * A statement that sets {@code lock_timeout} for the session or transaction.
	 */
	record SetLockTimeout(int line) implements SchemaChange {
	}

}
