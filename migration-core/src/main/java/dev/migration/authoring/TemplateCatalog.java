package dev.migration.authoring;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.migration.authoring.TemplateParameter.optional;
import static dev.migration.authoring.TemplateParameter.required;

/**
 * The templates {@link MigrationTemplates#generate} runs by name and their parameters:
 * one list that checks the parameters given and that the command line's help shows.
 */
final class TemplateCatalog {

	private static final String TYPES = "a portable type: integer, bigint, smallint, varchar(n), char(n), text, "
			+ "boolean, numeric(p,s), date, time, timestamp, timestamptz, uuid, json, jsonb, double, real, bytea";

	private static final String DEFAULT = "the default value, written as a literal (current_timestamp, "
			+ "current_date and now() as themselves)";

	static final List<TemplateDescription> TEMPLATES = List.of(
			template("add_column", "adds a column", required("table", "the table"),
					required("column", "the column's name"), required("type", TYPES),
					optional("nullable", "whether it accepts NULL", "true"), optional("default", DEFAULT),
					optional("comment", "the column's comment")),
			template("drop_column", "drops a column; the downgrade adds it back, without its data",
					required("table", "the table"), required("column", "the column")),
			template("add_index", "creates an index", required("table", "the table"),
					required("columns", "the indexed columns, comma-separated"),
					optional("unique", "whether the index is unique", "false"),
					optional("name", "the index's name; none given: <table>_<columns>_idx (_key when unique)")),
			template("drop_index", "drops an index", required("table", "the table"),
					required("name", "the index's name")),
			template("add_foreign_key", "adds a foreign key named <table>_<column>_fkey",
					required("table", "the referencing table"), required("column", "the referencing column"),
					required("ref_table", "the referenced table"), required("ref_column", "the referenced column"),
					optional("on_delete",
							"no action, restrict, cascade, set null or set default (DuckDB: no action only)",
							"no action")),
			template("drop_foreign_key", "drops the foreign key of a column", required("table", "the referencing table"),
					required("column", "the referencing column")),
			template("create_table", "creates a table", required("table", "the table"),
					optional("columns", "the columns, comma-separated, each " + TableColumn.SYNTAX
							+ ", e.g. \"id bigint pk, name varchar(100) not null\""),
					optional("with_timestamps",
							"add created_at and updated_at (timestamptz not null default current_timestamp)", "false"),
					optional("with_soft_delete", "add deleted_at (timestamptz, nullable)", "false")),
			template("drop_table", "drops a table; the downgrade creates it again, without its data",
					required("table", "the table")),
			template("rename_column", "renames a column", required("table", "the table"),
					required("old_name", "the column's current name"), required("new_name", "its new name")),
			template("add_check_constraint", "adds a check constraint", required("table", "the table"),
					required("name", "the constraint's name (DuckDB does not keep it)"),
					required("condition", "an SQL expression, without ';'")),
			template("drop_check_constraint", "drops a check constraint", required("table", "the table"),
					required("name", "the constraint's name (on DuckDB, the one it generated)")),
			template("data_migration", "runs SQL given as is", optional("description", "what it does"),
					required("upgrade_sql", "the upgrade SQL"),
					optional("downgrade_sql", "the downgrade SQL; none given: the downgrade does nothing")));

	private TemplateCatalog() {
	}

	/**
	 * The template of a name, spelled in any case.
	 * @param name the name
	 * @return the template, or empty for an unknown name
	 */
	static Optional<TemplateDescription> find(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String normalized = name.strip().toLowerCase(Locale.ROOT);
		return TEMPLATES.stream().filter((template) -> template.name().equals(normalized)).findFirst();
	}

	private static TemplateDescription template(String name, String description, TemplateParameter... parameters) {
		return new TemplateDescription(name, description, List.of(parameters));
	}

}
