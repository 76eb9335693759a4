package dev.migration.dialect.postgresql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.migration.MigrationException;
import dev.migration.dialect.Dialect;
import dev.migration.operation.Column;
import dev.migration.operation.DdlRenderer;
import dev.migration.operation.ForeignKey;
import dev.migration.operation.Operation;
import dev.migration.operation.PortableType;
import dev.migration.operation.ReferentialAction;
import dev.migration.operation.SchemaSnapshot;

/**
 * PostgreSQL's DDL: every operation has an {@code ALTER} form, so the schema snapshot
 * is never needed.
 */
final class PostgresRenderer extends DdlRenderer {

	PostgresRenderer(Dialect dialect) {
		super(dialect);
	}

	@Override
	public String type(String portableType) {
		PortableType type = PortableType.parse(portableType);
		return switch (type.name()) {
			case "integer", "int", "int4" -> type.plain("integer");
			case "bigint", "int8" -> type.plain("bigint");
			case "smallint", "int2" -> type.plain("smallint");
			case "varchar" -> "character varying" + type.arguments(0, 1).argumentList();
			case "char" -> "character" + type.arguments(0, 1).argumentList();
			case "text" -> type.plain("text");
			case "boolean", "bool" -> type.plain("boolean");
			case "numeric", "decimal" -> "numeric" + type.arguments(0, 2).argumentList();
			case "date" -> type.plain("date");
			case "time" -> type.plain("time without time zone");
			case "timestamp" -> type.plain("timestamp without time zone");
			case "timestamptz" -> type.plain("timestamp with time zone");
			case "uuid" -> type.plain("uuid");
			case "json" -> type.plain("json");
			case "jsonb" -> type.plain("jsonb");
			case "double" -> type.plain("double precision");
			case "real", "float" -> type.plain("real");
			case "bytea", "blob" -> type.plain("bytea");
			default -> throw PortableType.unknown(portableType);
		};
	}

	@Override
	protected String constraintName(String name) {
		return (name != null) ? "CONSTRAINT " + q(name) + " " : "";
	}

	@Override
	protected String onDelete(ForeignKey foreignKey) {
		return (foreignKey.onDelete() != ReferentialAction.NO_ACTION) ? " ON DELETE " + foreignKey.onDelete().sql()
				: "";
	}

	@Override
	protected List<String> render(Operation operation, SchemaSnapshot before) {
		if (operation instanceof Operation.CreateTable create) {
			return createTableWithIndexes(create.table());
		}
		if (operation instanceof Operation.DropTable drop) {
			return List.of("DROP TABLE " + q(drop.table().name()));
		}
		if (operation instanceof Operation.AddColumn add) {
			List<String> statements = new ArrayList<>();
			statements.add(alter(add.table()) + "ADD COLUMN " + columnDefinition(add.column()));
			if (add.column().comment() != null) {
				statements.add(comment(add.table(), add.column()));
			}
			return statements;
		}
		if (operation instanceof Operation.DropColumn drop) {
			return List.of(alter(drop.table()) + "DROP COLUMN " + q(drop.column().name()));
		}
		if (operation instanceof Operation.AlterColumn alter) {
			return alterColumn(alter);
		}
		if (operation instanceof Operation.RenameColumn rename) {
			return List.of(alter(rename.table()) + "RENAME COLUMN " + q(rename.oldName()) + " TO " + q(rename.newName()));
		}
		if (operation instanceof Operation.CreateIndex create) {
			return List.of(createIndex(create.index()));
		}
		if (operation instanceof Operation.DropIndex drop) {
			return List.of(dropIndex(drop.index()));
		}
		if (operation instanceof Operation.AddForeignKey add) {
			return List.of(alter(add.foreignKey().table()) + "ADD " + foreignKey(add.foreignKey()));
		}
		if (operation instanceof Operation.DropForeignKey drop) {
			return List.of(dropConstraint(drop.foreignKey().table(), drop.foreignKey().name(), operation));
		}
		if (operation instanceof Operation.AddCheckConstraint add) {
			return List.of(alter(add.constraint().table()) + "ADD " + check(add.constraint()));
		}
		if (operation instanceof Operation.DropCheckConstraint drop) {
			return List.of(dropConstraint(drop.constraint().table(), drop.constraint().name(), operation));
		}
		if (operation instanceof Operation.AddUniqueConstraint add) {
			return List.of(alter(add.constraint().table()) + "ADD " + unique(add.constraint()));
		}
		if (operation instanceof Operation.DropUniqueConstraint drop) {
			return List.of(dropConstraint(drop.constraint().table(), drop.constraint().name(), operation));
		}
		if (operation instanceof Operation.AddPrimaryKey add) {
			return List.of(alter(add.table()) + "ADD " + primaryKey(add.primaryKey()));
		}
		if (operation instanceof Operation.DropPrimaryKey drop) {
			return List.of(dropConstraint(drop.table(), drop.primaryKey().name(), operation));
		}
		if (operation instanceof Operation.CreateEnumType create) {
			return List.of(createEnumType(create.type()));
		}
		if (operation instanceof Operation.DropEnumType drop) {
			return List.of(dropEnumType(drop.type()));
		}
		if (operation instanceof Operation.AlterEnumType alter) {
			return alterEnumType(alter, before);
		}
		if (operation instanceof Operation.CreateSequence create) {
			return List.of(createSequence(create.sequence()));
		}
		if (operation instanceof Operation.DropSequence drop) {
			return List.of(dropSequence(drop.sequence()));
		}
		throw new MigrationException("Cannot render " + operation.describe() + " for PostgreSQL");
	}

	@Override
	public Optional<String> onlineScript(List<? extends Operation> operations, SchemaSnapshot before,
			Duration lockTimeout) {
		List<String> statements = new ArrayList<>();
		if (lockTimeout != null) {
			statements.add("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
		}
		boolean online = false;
		SchemaSnapshot state = before;
		for (Operation operation : operations) {
			List<String> rendered = online(operation, state);
			if (rendered == null) {
				return Optional.empty();
			}
			online |= !(operation instanceof Operation.ReviewNote);
			statements.addAll(rendered);
			state = operation.applyTo(state);
		}
		if (!online) {
			return Optional.empty();
		}
		StringBuilder sql = new StringBuilder();
		for (String statement : statements) {
			sql.append(statement).append(statement.startsWith("--") ? "" : ";").append('\n');
		}
		return Optional.of(sql.toString());
	}

	/**
	 * One operation's online statements, or {@code null} when it has none: an index on a
	 * table of the schema before (one created in the same revision needs no online
	 * build, and the rest of its revision has no online form), a named constraint.
	 */
	private List<String> online(Operation operation, SchemaSnapshot before) {
		if (operation instanceof Operation.ReviewNote note) {
			return List.of("-- REVIEW: " + note.text().replace('\n', ' '));
		}
		if (operation instanceof Operation.CreateIndex create && before.table(create.index().table()).isPresent()) {
			return List.of(createIndex(create.index()).replaceFirst("INDEX ", "INDEX CONCURRENTLY "));
		}
		if (operation instanceof Operation.DropIndex drop) {
			return List.of("DROP INDEX CONCURRENTLY IF EXISTS " + q(drop.index().name()));
		}
		if (operation instanceof Operation.AddForeignKey add && add.foreignKey().name() != null) {
			ForeignKey key = add.foreignKey();
			return List.of(alter(key.table()) + "ADD " + foreignKey(key) + " NOT VALID",
					alter(key.table()) + "VALIDATE CONSTRAINT " + q(key.name()));
		}
		if (operation instanceof Operation.AddCheckConstraint add && add.constraint().name() != null) {
			return List.of(alter(add.constraint().table()) + "ADD " + check(add.constraint()) + " NOT VALID",
					alter(add.constraint().table()) + "VALIDATE CONSTRAINT " + q(add.constraint().name()));
		}
		if (operation instanceof Operation.DropForeignKey || operation instanceof Operation.DropCheckConstraint) {
			// Dropping a constraint holds its lock only for a moment: lock_timeout bounds the wait.
			return render(operation, before);
		}
		return null;
	}

	private static String alter(String table) {
		return "ALTER TABLE " + q(table) + " ";
	}

	private static String dropConstraint(String table, String name, Operation operation) {
		if (name == null) {
			throw new MigrationException("Cannot " + operation.describe() + " on PostgreSQL: the constraint has no name");
		}
		return alter(table) + "DROP CONSTRAINT " + q(name);
	}

	private List<String> alterColumn(Operation.AlterColumn alter) {
		List<String> statements = new ArrayList<>();
		Column from = alter.from();
		Column to = alter.to();
		String prefix = alter(alter.table()) + "ALTER COLUMN " + q(to.name()) + " ";
		boolean typeChanged = !from.type().equals(to.type());
		if (typeChanged && (from.type().endsWith("serial") || to.type().endsWith("serial"))) {
			throw new MigrationException("Cannot " + alter.describe() + " on PostgreSQL: a serial type exists only in"
					+ " CREATE TABLE and ADD COLUMN; declare the column as an identity column instead"
					+ " (GENERATED BY DEFAULT AS IDENTITY), which ALTER COLUMN can add and drop");
		}
		if (typeChanged && from.defaultExpression() != null) {
			// The old default may not cast to the new type.
			statements.add(prefix + "DROP DEFAULT");
		}
		if (typeChanged) {
			statements.add(prefix + "TYPE " + to.type() + " USING " + q(to.name()) + "::" + to.type());
		}
		if (!Objects.equals(from.defaultExpression(), to.defaultExpression())
				|| (typeChanged && to.defaultExpression() != null)) {
			statements.add(prefix + ((to.defaultExpression() != null) ? "SET DEFAULT " + to.defaultExpression()
					: "DROP DEFAULT"));
		}
		if (from.nullable() != to.nullable()) {
			statements.add(prefix + (to.nullable() ? "DROP NOT NULL" : "SET NOT NULL"));
		}
		if (from.identity() != to.identity()) {
			if (to.identity() == null) {
				statements.add(prefix + "DROP IDENTITY");
			}
			else {
				statements.add(prefix + ((from.identity() == null) ? "ADD GENERATED " + to.identity().sql()
						+ " AS IDENTITY" : "SET GENERATED " + to.identity().sql()));
			}
		}
		if (!Objects.equals(from.comment(), to.comment())) {
			statements.add(comment(alter.table(), to));
		}
		return statements;
	}

	/**
	 * Values only added are added in place, each after its predecessor. Otherwise the
	 * type is recreated under its name and every column of the type converted through
	 * text, their defaults set again since they refer to the old type.
	 */
	private List<String> alterEnumType(Operation.AlterEnumType alter, SchemaSnapshot before) {
		List<String> statements = new ArrayList<>();
		String type = q(alter.to().name());
		if (alter.addsOnly()) {
			List<String> values = alter.to().values();
			for (int i = 0; i < values.size(); i++) {
				String value = values.get(i);
				if (alter.from().values().contains(value)) {
					continue;
				}
				String position = (i > 0) ? " AFTER " + literal(values.get(i - 1))
						: alter.from().values().isEmpty() ? "" : " BEFORE " + literal(alter.from().values().get(0));
				statements.add("ALTER TYPE " + type + " ADD VALUE " + literal(value) + position);
			}
			return statements;
		}
		if (before == null) {
			throw new MigrationException("Cannot " + alter.describe() + " on PostgreSQL without the schema: removing"
					+ " or reordering enum values recreates the type and converts its columns, which must be known");
		}
		String old = q(alter.to().name() + "__old");
		statements.add("-- PostgreSQL cannot remove or reorder enum values: recreate " + alter.to().name()
				+ " and convert its columns (fails if a row holds a removed value "
				+ alter.removedValues() + ")");
		statements.add("ALTER TYPE " + type + " RENAME TO " + old);
		statements.add(createEnumType(alter.to()));
		for (java.util.Map.Entry<String, Column> entry : before.columnsOfType(alter.from().name())) {
			String prefix = alter(entry.getKey()) + "ALTER COLUMN " + q(entry.getValue().name()) + " ";
			String columnType = entry.getValue().type();
			String defaultExpression = entry.getValue().defaultExpression();
			if (defaultExpression != null) {
				statements.add(prefix + "DROP DEFAULT");
			}
			String textType = columnType.endsWith("[]") ? "text[]" : "text";
			statements.add(prefix + "TYPE " + columnType + " USING " + q(entry.getValue().name()) + "::" + textType
					+ "::" + columnType);
			if (defaultExpression != null) {
				statements.add(prefix + "SET DEFAULT " + defaultExpression);
			}
		}
		statements.add("DROP TYPE " + old);
		return statements;
	}

}
