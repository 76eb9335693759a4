package dev.migration.authoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.migration.MigrationException;
import dev.migration.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * Templates for common migrations, each returning the upgrade and downgrade SQL for
 * one database. Templates produce operations; the dialect's renderer writes them; the
 * downgrade is the reversed list.
 * <p>
 * Some operations need the table's current definition: on DuckDB, which has no
 * {@code ALTER} for constraints or for dropping and renaming columns of a table with
 * dependents, they rebuild the table; and every {@code drop*} template needs the
 * definition to write its downgrade. Templates {@link #forDatabase(Connection) for a
 * database} read it from the live schema; templates {@link #forDialect(Dialect) for a
 * dialect} refuse those operations with a clear error.
 */
public interface MigrationTemplates {

	/**
	 * The template names understood by {@link #generate(String, Map)}.
	 */
	List<String> NAMES = TemplateCatalog.TEMPLATES.stream().map(TemplateDescription::name).toList();

	/**
	 * Adds a column.
	 * @param table the table
	 * @param column the column name
	 * @param type a portable type
	 * @param nullable whether it accepts {@code NULL}
	 * @param defaultValue the default value (a literal, quoted safely), or {@code null}
	 * @param comment the column comment, or {@code null}
	 * @return the SQL
	 */
	MigrationSql addColumn(String table, String column, String type, boolean nullable,
			@Nullable String defaultValue, @Nullable String comment);

	/**
	 * Drops a column; the downgrade recreates it (without its data).
	 * @param table the table
	 * @param column the column
	 * @return the SQL
	 */
	MigrationSql dropColumn(String table, String column);

	/**
	 * Creates an index.
	 * @param table the table
	 * @param columns the columns
	 * @param unique whether the index is unique
	 * @param name the index name, or {@code null} for {@code <table>_<columns>_idx}
	 * @return the SQL
	 */
	MigrationSql addIndex(String table, List<String> columns, boolean unique, @Nullable String name);

	/**
	 * Drops an index.
	 * @param table the table
	 * @param name the index name
	 * @return the SQL
	 */
	MigrationSql dropIndex(String table, String name);

	/**
	 * Adds a foreign key named {@code <table>_<column>_fkey}.
	 * @param table the referencing table
	 * @param column the referencing column
	 * @param refTable the referenced table
	 * @param refColumn the referenced column
	 * @param onDelete {@code no action} (or {@code null}), {@code restrict},
	 * {@code cascade}, {@code set null} or {@code set default}; DuckDB supports only the
	 * default
	 * @return the SQL
	 */
	MigrationSql addForeignKey(String table, String column, String refTable, String refColumn,
			@Nullable String onDelete);

	/**
	 * Drops the foreign key of a column.
	 * @param table the referencing table
	 * @param column the referencing column
	 * @return the SQL
	 */
	MigrationSql dropForeignKey(String table, String column);

	/**
	 * Creates a table.
	 * @param table the table
	 * @param columns the columns
	 * @param withTimestamps whether to add {@code created_at} and {@code updated_at}
	 * ({@code timestamptz not null default current_timestamp})
	 * @param withSoftDelete whether to add a nullable {@code deleted_at timestamptz}
	 * @return the SQL
	 */
	MigrationSql createTable(String table, List<TableColumn> columns, boolean withTimestamps, boolean withSoftDelete);

	/**
	 * Drops a table; the downgrade recreates it with its constraints and indexes
	 * (without its data).
	 * @param table the table
	 * @return the SQL
	 */
	MigrationSql dropTable(String table);

	/**
	 * Renames a column.
	 * @param table the table
	 * @param oldName the current name
	 * @param newName the new name
	 * @return the SQL
	 */
	MigrationSql renameColumn(String table, String oldName, String newName);

	/**
	 * Adds a check constraint.
	 * @param table the table
	 * @param name the constraint name (DuckDB does not keep it)
	 * @param condition the condition, an SQL expression without {@code ;}
	 * @return the SQL
	 */
	MigrationSql addCheckConstraint(String table, String name, String condition);

	/**
	 * Drops a check constraint.
	 * @param table the table
	 * @param name the constraint name (on DuckDB, the name it generated)
	 * @return the SQL
	 */
	MigrationSql dropCheckConstraint(String table, String name);

	/**
	 * A data migration: SQL given as is.
	 * @param description what it does
	 * @param upgradeSql the upgrade SQL
	 * @param downgradeSql the downgrade SQL, or {@code null}
	 * @return the SQL
	 */
	MigrationSql dataMigration(String description, String upgradeSql, @Nullable String downgradeSql);

	/**
	 * Runs a template by name, for the command line. Parameters are named after the
	 * method parameters in snake case ({@code table}, {@code column}, {@code type},
	 * {@code nullable}, {@code default}, {@code comment}, {@code columns},
	 * {@code unique}, {@code name}, {@code ref_table}, {@code ref_column},
	 * {@code on_delete}, {@code with_timestamps}, {@code with_soft_delete},
	 * {@code old_name}, {@code new_name}, {@code condition}, {@code description},
	 * {@code upgrade_sql}, {@code downgrade_sql}); {@link #descriptions()} lists them
	 * with their meaning and defaults. Lists are comma-separated; the {@code columns} of
	 * {@code create_table} too, each {@value TableColumn#SYNTAX}, as
	 * {@link TableColumn#parseAll(String)} reads them:
	 * {@code id bigint pk, name varchar(100) not null}.
	 * @param template one of {@link #NAMES}
	 * @param parameters the parameters
	 * @return the SQL
	 * @throws TemplateException for an unknown template or parameter, or a missing or
	 * invalid value, naming it
	 */
	MigrationSql generate(String template, Map<String, String> parameters);

	/**
	 * Every template {@link #generate(String, Map)} runs, with its parameters.
	 * @return the templates, in the order of {@link #NAMES}
	 */
	static List<TemplateDescription> descriptions() {
		return TemplateCatalog.TEMPLATES;
	}

	/**
	 * The template of a name, spelled in any case.
	 * @param name the name, such as {@code create_table}
	 * @return the template, or empty when none has that name
	 */
	static Optional<TemplateDescription> description(String name) {
		return TemplateCatalog.find(name);
	}

	/**
	 * Templates for the database of a connection, reading its current schema for the
	 * operations that need a table's definition.
	 * @param connection the connection, used while the templates are
	 * @return the templates
	 * @throws MigrationException if the database cannot be read
	 */
	static MigrationTemplates forDatabase(Connection connection) {
		try {
			return new DefaultMigrationTemplates(Dialect.of(connection), connection, null);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Templates for the database of a connection, for one schema.
	 * @param connection the connection
	 * @param schema the schema
	 * @return the templates
	 */
	static MigrationTemplates forDatabase(Connection connection, String schema) {
		try {
			return new DefaultMigrationTemplates(Dialect.of(connection), connection, schema);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Templates for a dialect without a database: operations that need a table's
	 * definition are refused.
	 * @param dialect the dialect
	 * @return the templates
	 */
	static MigrationTemplates forDialect(Dialect dialect) {
		return new DefaultMigrationTemplates(dialect, null, null);
	}

}
