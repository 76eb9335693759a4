package dev.migration.authoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.migration.MigrationException;
import dev.migration.autogenerate.SchemaIntrospector;
import dev.migration.dialect.Dialect;
import dev.migration.operation.CheckConstraint;
import dev.migration.operation.Column;
import dev.migration.operation.ForeignKey;
import dev.migration.operation.Identifier;
import dev.migration.operation.Index;
import dev.migration.operation.Operation;
import dev.migration.operation.OperationRenderer;
import dev.migration.operation.PrimaryKey;
import dev.migration.operation.ReferentialAction;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Table;
import org.jspecify.annotations.Nullable;

/**
 * Builds operations from template parameters, validating every name and rendering
 * every default as a literal, then renders them for the dialect.
 */
final class DefaultMigrationTemplates implements MigrationTemplates {

	private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");

	private static final Set<String> FUNCTIONS = Set.of("current_timestamp", "current_date", "now()");

	private final Dialect dialect;

	private final OperationRenderer renderer;

	private final Connection connection;

	private final String schema;

	DefaultMigrationTemplates(Dialect dialect, Connection connection, String schema) {
		this.dialect = dialect;
		this.renderer = OperationRenderer.of(dialect);
		this.connection = connection;
		this.schema = schema;
	}

	@Override
	public MigrationSql addColumn(String table, String column, String type, boolean nullable,
			@Nullable String defaultValue, @Nullable String comment) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("column", column);
			Column definition = new Column(column, this.renderer.type(type), nullable, defaultExpression(defaultValue),
					comment);
			if (snapshot != null && snapshot.require(table).column(column).isPresent()) {
				throw new TemplateException("Column '" + column + "' already exists in table '" + table + "'");
			}
			return List.of(new Operation.AddColumn(table, definition));
		});
	}

	@Override
	public MigrationSql dropColumn(String table, String column) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("column", column);
			Table current = require(snapshot, "drop column").require(table);
			Column definition = current.column(column).orElseThrow(() -> new TemplateException(
					"Column '" + column + "' does not exist in table '" + table + "'"));
			return List.of(new Operation.DropColumn(table, definition));
		});
	}

	@Override
	public MigrationSql addIndex(String table, List<String> columns, boolean unique, @Nullable String name) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			if (columns == null || columns.isEmpty()) {
				throw new TemplateException("An index needs at least one column");
			}
			columns.forEach((column) -> Identifier.validate("column", column));
			String indexName = (name != null && !name.isBlank()) ? name
					: table + "_" + String.join("_", columns) + (unique ? "_key" : "_idx");
			Identifier.validate("index", indexName);
			if (snapshot != null) {
				Table current = snapshot.require(table);
				for (String column : columns) {
					current.column(column).orElseThrow(() -> new TemplateException(
							"Column '" + column + "' does not exist in table '" + table + "'"));
				}
			}
			return List.of(new Operation.CreateIndex(
					new Index(indexName, table, columns.stream().map(Identifier::quote).toList(), unique, null)));
		});
	}

	@Override
	public MigrationSql dropIndex(String table, String name) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("index", name);
			Index index = require(snapshot, "drop index").require(table)
				.indexes()
				.stream()
				.filter((candidate) -> candidate.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new TemplateException("Index '" + name + "' does not exist on table '" + table + "'"));
			return List.of(new Operation.DropIndex(index));
		});
	}

	@Override
	public MigrationSql addForeignKey(String table, String column, String refTable, String refColumn,
			@Nullable String onDelete) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("column", column);
			Identifier.validate("referenced table", refTable);
			Identifier.validate("referenced column", refColumn);
			ReferentialAction action = ReferentialAction.of(onDelete);
			if (action != ReferentialAction.NO_ACTION && !this.dialect.hasReferentialActions()) {
				throw new TemplateException("DuckDB does not support ON DELETE " + action.sql() + " (on_delete '"
						+ onDelete + "' for " + table + "." + column + "): use no action");
			}
			return List.of(new Operation.AddForeignKey(new ForeignKey(table + "_" + column + "_fkey", table,
					List.of(column), refTable, List.of(refColumn), action)));
		});
	}

	@Override
	public MigrationSql dropForeignKey(String table, String column) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("column", column);
			ForeignKey key = require(snapshot, "drop foreign key").require(table)
				.foreignKeys()
				.stream()
				.filter((candidate) -> candidate.columns().equals(List.of(column)))
				.findFirst()
				.orElseThrow(() -> new TemplateException(
						"Column '" + table + "." + column + "' has no foreign key"));
			return List.of(new Operation.DropForeignKey(key));
		});
	}

	@Override
	public MigrationSql createTable(String table, List<TableColumn> columns, boolean withTimestamps,
			boolean withSoftDelete) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			if ((columns == null || columns.isEmpty()) && !withTimestamps && !withSoftDelete) {
				throw new TemplateException("Table '" + table + "' needs at least one column");
			}
			List<Column> definitions = new ArrayList<>();
			List<String> keyColumns = new ArrayList<>();
			Set<String> names = new HashSet<>();
			List<TableColumn> all = new ArrayList<>((columns != null) ? columns : List.of());
			if (withTimestamps) {
				all.add(new TableColumn("created_at", "timestamptz", false, "current_timestamp", false));
				all.add(new TableColumn("updated_at", "timestamptz", false, "current_timestamp", false));
			}
			if (withSoftDelete) {
				all.add(TableColumn.of("deleted_at", "timestamptz"));
			}
			for (TableColumn column : all) {
				Identifier.validate("column", column.name());
				if (!names.add(column.name())) {
					throw new TemplateException("Column '" + column.name() + "' given twice for table '" + table + "'");
				}
				definitions.add(new Column(column.name(), this.renderer.type(column.type()),
						column.nullable() && !column.primaryKey(), defaultExpression(column.defaultValue()), null));
				if (column.primaryKey()) {
					keyColumns.add(column.name());
				}
			}
			if (snapshot != null && snapshot.table(table).isPresent()) {
				throw new TemplateException("Table '" + table + "' already exists");
			}
			PrimaryKey key = keyColumns.isEmpty() ? null : new PrimaryKey(table + "_pkey", keyColumns);
			return List.of(new Operation.CreateTable(
					new Table(table, definitions, key, List.of(), List.of(), List.of(), List.of())));
		});
	}

	@Override
	public MigrationSql dropTable(String table) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			SchemaSnapshot current = require(snapshot, "drop table");
			List<String> referencing = current.referencing(table);
			Table definition = current.require(table);
			if (!referencing.isEmpty()) {
				throw new TemplateException("Table '" + table + "' is referenced by foreign keys of "
						+ String.join(", ", referencing) + ": drop those first");
			}
			return List.of(new Operation.DropTable(definition));
		});
	}

	@Override
	public MigrationSql renameColumn(String table, String oldName, String newName) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("column", oldName);
			Identifier.validate("column", newName);
			if (snapshot != null) {
				Table current = snapshot.require(table);
				current.column(oldName).orElseThrow(() -> new TemplateException(
						"Column '" + oldName + "' does not exist in table '" + table + "'"));
				if (current.column(newName).isPresent()) {
					throw new TemplateException("Column '" + newName + "' already exists in table '" + table + "'");
				}
			}
			return List.of(new Operation.RenameColumn(table, oldName, newName));
		});
	}

	@Override
	public MigrationSql addCheckConstraint(String table, String name, String condition) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("constraint", name);
			if (condition == null || condition.isBlank()) {
				throw new TemplateException("Missing condition for check constraint '" + name + "'");
			}
			if (condition.contains(";") || condition.contains("--")) {
				throw new TemplateException("Invalid condition '" + condition
						+ "' for check constraint '" + name + "': one expression, without ';' or comments");
			}
			if (snapshot != null) {
				snapshot.require(table);
			}
			return List.of(new Operation.AddCheckConstraint(new CheckConstraint(name, table, condition.strip())));
		});
	}

	@Override
	public MigrationSql dropCheckConstraint(String table, String name) {
		return build((snapshot) -> {
			Identifier.validate("table", table);
			Identifier.validate("constraint", name);
			CheckConstraint constraint = require(snapshot, "drop check constraint").require(table)
				.checkConstraints()
				.stream()
				.filter((candidate) -> name.equals(candidate.name()))
				.findFirst()
				.orElseThrow(() -> new TemplateException(
						"Check constraint '" + name + "' does not exist on table '" + table + "'"));
			return List.of(new Operation.DropCheckConstraint(constraint));
		});
	}

	@Override
	public MigrationSql dataMigration(String description, String upgradeSql, @Nullable String downgradeSql) {
		return build((snapshot) -> {
			if (upgradeSql == null || upgradeSql.isBlank()) {
				throw new TemplateException("Missing upgrade SQL for data migration '" + description + "'");
			}
			return List.of(new Operation.ExecuteSql(description, upgradeSql, downgradeSql));
		}, false);
	}

	@Override
	public MigrationSql generate(String template, Map<String, String> parameters) {
		return new TemplateParameters(template, parameters).run(this);
	}

	private MigrationSql build(Function<SchemaSnapshot, List<Operation>> operations) {
		return build(operations, true);
	}

	private MigrationSql build(Function<SchemaSnapshot, List<Operation>> operations, boolean readSchema) {
		try {
			SchemaSnapshot before = readSchema ? snapshot() : null;
			List<Operation> upgrade = operations.apply(before);
			String upgradeSql = this.renderer.script(upgrade, before);
			SchemaSnapshot after = (before != null) ? before.apply(upgrade) : null;
			String downgradeSql = this.renderer.script(Operation.reverse(upgrade), after);
			return new MigrationSql(upgrade, upgradeSql, downgradeSql);
		}
		catch (TemplateException ex) {
			throw ex;
		}
		catch (MigrationException ex) {
			throw new TemplateException(ex.getMessage(), ex);
		}
	}

	private SchemaSnapshot snapshot() {
		if (this.connection == null) {
			return null;
		}
		try {
			return SchemaIntrospector.of(this.dialect).snapshot(this.connection, this.schema, Set.of());
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the schema: " + ex.getMessage(), ex);
		}
	}

	private static SchemaSnapshot require(SchemaSnapshot snapshot, String what) {
		if (snapshot == null) {
			throw new TemplateException("Cannot " + what + " without the table's current definition (the downgrade"
					+ " recreates it): use MigrationTemplates.forDatabase(connection)");
		}
		return snapshot;
	}

	/**
	 * A default value as a safe SQL expression: a number or boolean as is, one of a few
	 * functions, anything else a string literal with its quotes doubled.
	 */
	static String defaultExpression(String value) {
		if (value == null) {
			return null;
		}
		String lower = value.strip().toLowerCase(Locale.ROOT);
		if (NUMBER.matcher(lower).matches()) {
			return lower;
		}
		if (lower.equals("true") || lower.equals("false")) {
			return lower;
		}
		if (FUNCTIONS.contains(lower)) {
			return "CURRENT_" + (lower.equals("current_date") ? "DATE" : "TIMESTAMP");
		}
		return "'" + value.replace("'", "''") + "'";
	}

	/**
	 * The parameters of a template called by name, checked against its
	 * {@link TemplateDescription} for unknown and missing names; an absent parameter
	 * takes the description's default.
	 */
	private static final class TemplateParameters {

		private final String template;

		private final Map<String, String> parameters;

		TemplateParameters(String template, Map<String, String> parameters) {
			this.template = template;
			this.parameters = (parameters != null) ? parameters : Map.of();
		}

		MigrationSql run(MigrationTemplates templates) {
			TemplateDescription description = TemplateCatalog.find(this.template)
				.orElseThrow(() -> new TemplateException(
						"Unknown template '" + this.template + "': expected one of " + String.join(", ", NAMES)));
			for (String key : this.parameters.keySet()) {
				if (description.parameter(key).isEmpty()) {
					throw new TemplateException("Unknown parameter '" + key + "' for template '" + description.name()
							+ "': expected " + String.join(", ", description.parameterNames()));
				}
			}
			Values values = new Values(description, this.parameters);
			return switch (description.name()) {
				case "add_column" -> templates.addColumn(values.required("table"), values.required("column"),
						values.required("type"), values.bool("nullable"), values.optional("default"),
						values.optional("comment"));
				case "drop_column" -> templates.dropColumn(values.required("table"), values.required("column"));
				case "add_index" -> templates.addIndex(values.required("table"), list(values.required("columns")),
						values.bool("unique"), values.optional("name"));
				case "drop_index" -> templates.dropIndex(values.required("table"), values.required("name"));
				case "add_foreign_key" -> templates.addForeignKey(values.required("table"), values.required("column"),
						values.required("ref_table"), values.required("ref_column"), values.optional("on_delete"));
				case "drop_foreign_key" -> templates.dropForeignKey(values.required("table"), values.required("column"));
				case "create_table" -> templates.createTable(values.required("table"),
						columns(values.optional("columns")), values.bool("with_timestamps"),
						values.bool("with_soft_delete"));
				case "drop_table" -> templates.dropTable(values.required("table"));
				case "rename_column" -> templates.renameColumn(values.required("table"), values.required("old_name"),
						values.required("new_name"));
				case "add_check_constraint" -> templates.addCheckConstraint(values.required("table"),
						values.required("name"), values.required("condition"));
				case "drop_check_constraint" -> templates.dropCheckConstraint(values.required("table"),
						values.required("name"));
				case "data_migration" -> templates.dataMigration(values.optional("description"),
						values.required("upgrade_sql"), values.optional("downgrade_sql"));
				default -> throw new IllegalStateException("No method for template '" + description.name() + "'");
			};
		}

		private static List<String> list(String value) {
			return List.of(value.split("\\s*,\\s*")).stream().map(String::strip).filter((s) -> !s.isEmpty()).toList();
		}

		private static List<TableColumn> columns(String value) {
			try {
				return TableColumn.parseAll(value);
			}
			catch (TemplateException ex) {
				throw new TemplateException(ex.getMessage() + " (in parameter 'columns' of template 'create_table')",
						ex);
			}
		}

	}

	/**
	 * The values of one template's parameters, an absent one taking its default.
	 */
	private record Values(TemplateDescription description, Map<String, String> given) {

		String required(String key) {
			String value = optional(key);
			if (value == null || value.isBlank()) {
				throw new TemplateException("Template '" + this.description.name() + "' needs parameter '" + key + "'");
			}
			return value;
		}

		@Nullable String optional(String key) {
			String value = this.given.get(key);
			return (value != null) ? value : defaultValue(key);
		}

		boolean bool(String key) {
			String value = optional(key);
			if (value == null || value.isBlank()) {
				value = defaultValue(key);
			}
			if (value == null || value.equalsIgnoreCase("false")) {
				return false;
			}
			if (value.equalsIgnoreCase("true")) {
				return true;
			}
			throw new TemplateException("Invalid value '" + value + "' for parameter '" + key + "' of template '"
					+ this.description.name() + "': expected true or false");
		}

		private @Nullable String defaultValue(String key) {
			return this.description.parameter(key).map(TemplateParameter::defaultValue).orElse(null);
		}

	}

}
