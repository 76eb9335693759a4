package dev.migration.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.migration.dialect.Dialect;

/**
 * What every dialect's renderer writes alike: column definitions, literals, the body
 * of {@code CREATE TABLE}, indexes and comments. Each subclass, in its dialect's
 * package, holds its dialect's differences.
 */
public abstract class DdlRenderer implements OperationRenderer {

	private final Dialect dialect;

	protected DdlRenderer(Dialect dialect) {
		this.dialect = dialect;
	}

	@Override
	public Dialect dialect() {
		return this.dialect;
	}

	@Override
	public List<String> render(List<? extends Operation> operations, SchemaSnapshot before) {
		List<String> statements = new ArrayList<>();
		SchemaSnapshot state = before;
		for (Operation operation : operations) {
			if (operation instanceof Operation.ReviewNote note) {
				statements.add("-- REVIEW: " + note.text().replace('\n', ' '));
			}
			else if (operation instanceof Operation.ExecuteSql execute) {
				if (!execute.description().isBlank()) {
					statements.add("-- " + execute.description().replace('\n', ' '));
				}
				if (!execute.upgradeSql().isBlank()) {
					statements.add(execute.upgradeSql().strip());
				}
			}
			else {
				statements.addAll(render(operation, state));
			}
			state = (state != null) ? operation.applyTo(state) : null;
		}
		return statements;
	}

	/**
	 * Renders one schema operation.
	 * @param operation the operation
	 * @param before the schema before it, or {@code null}
	 * @return the statements
	 */
	protected abstract List<String> render(Operation operation, SchemaSnapshot before);

	/**
	 * The {@code CONSTRAINT name } prefix, or nothing where the dialect does not keep
	 * constraint names.
	 */
	protected abstract String constraintName(String name);

	/**
	 * The {@code ON DELETE} clause, with its leading space, or nothing.
	 */
	protected abstract String onDelete(ForeignKey foreignKey);

	protected static String q(String identifier) {
		return Identifier.quote(identifier);
	}

	protected static String columns(List<String> names) {
		return names.stream().map(DdlRenderer::q).collect(Collectors.joining(", "));
	}

	protected static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	protected String columnDefinition(Column column) {
		StringBuilder sql = new StringBuilder(q(column.name())).append(' ').append(column.type());
		if (column.defaultExpression() != null) {
			sql.append(" DEFAULT ").append(column.defaultExpression());
		}
		if (column.identity() != null) {
			sql.append(" GENERATED ").append(column.identity().sql()).append(" AS IDENTITY");
		}
		if (!column.nullable()) {
			sql.append(" NOT NULL");
		}
		return sql.toString();
	}

	protected String primaryKey(PrimaryKey key) {
		return constraintName(key.name()) + "PRIMARY KEY (" + columns(key.columns()) + ")";
	}

	protected String unique(UniqueConstraint constraint) {
		return constraintName(constraint.name()) + "UNIQUE (" + columns(constraint.columns()) + ")";
	}

	protected String check(CheckConstraint constraint) {
		return constraintName(constraint.name()) + "CHECK (" + constraint.expression() + ")";
	}

	protected String foreignKey(ForeignKey key) {
		return constraintName(key.name()) + "FOREIGN KEY (" + columns(key.columns()) + ") REFERENCES "
				+ q(key.referencedTable()) + " (" + columns(key.referencedColumns()) + ")" + onDelete(key);
	}

	/**
	 * {@code CREATE TABLE} with columns and constraints; indexes and comments follow
	 * in {@link #createIndexes} and {@link #comments}.
	 */
	protected String createTable(Table table) {
		List<String> elements = new ArrayList<>();
		table.columns().forEach((column) -> elements.add(columnDefinition(column)));
		if (table.primaryKey() != null) {
			elements.add(primaryKey(table.primaryKey()));
		}
		table.uniqueConstraints().forEach((constraint) -> elements.add(unique(constraint)));
		table.checkConstraints().forEach((constraint) -> elements.add(check(constraint)));
		table.foreignKeys().forEach((key) -> elements.add(foreignKey(key)));
		return "CREATE TABLE " + q(table.name()) + " (\n\t" + String.join(",\n\t", elements) + "\n)";
	}

	protected List<String> createIndexes(Table table) {
		return table.indexes().stream().map(this::createIndex).toList();
	}

	protected String createIndex(Index index) {
		return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + q(index.name()) + " ON "
				+ q(index.table()) + " (" + index.expressions().stream().map(DdlRenderer::indexElement).collect(Collectors.joining(", "))
				+ ")"
				+ ((index.where() != null) ? " WHERE " + index.where() : "");
	}

	/**
	 * A column stays as it is; an expression needs parentheses of its own.
	 */
	private static String indexElement(String expression) {
		boolean identifier = expression.matches("[A-Za-z_][A-Za-z0-9_]*|\"([^\"]|\"\")+\"");
		return (identifier || parenthesized(expression)) ? expression : "(" + expression + ")";
	}

	/**
	 * Whether the whole expression is in one pair of parentheses: {@code (a + b)} is,
	 * {@code (email)::text} is not.
	 */
	private static boolean parenthesized(String expression) {
		if (!expression.startsWith("(") || !expression.endsWith(")")) {
			return false;
		}
		int depth = 0;
		boolean quoted = false;
		for (int i = 0; i < expression.length(); i++) {
			char c = expression.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			}
			else if (!quoted && c == '(') {
				depth++;
			}
			else if (!quoted && c == ')' && --depth == 0 && i < expression.length() - 1) {
				return false;
			}
		}
		return true;
	}

	protected String createEnumType(EnumType type) {
		return "CREATE TYPE " + q(type.name()) + " AS ENUM ("
				+ type.values().stream().map(DdlRenderer::literal).collect(Collectors.joining(", ")) + ")";
	}

	protected String dropEnumType(EnumType type) {
		return "DROP TYPE " + q(type.name());
	}

	protected String createSequence(Sequence sequence) {
		return "CREATE SEQUENCE " + q(sequence.name()) + " START WITH " + sequence.start() + " INCREMENT BY "
				+ sequence.increment();
	}

	protected String dropSequence(Sequence sequence) {
		return "DROP SEQUENCE " + q(sequence.name());
	}

	protected String dropIndex(Index index) {
		return "DROP INDEX " + q(index.name());
	}

	protected List<String> comments(Table table) {
		return table.columns()
			.stream()
			.filter((column) -> column.comment() != null)
			.map((column) -> comment(table.name(), column))
			.toList();
	}

	protected String comment(String table, Column column) {
		return "COMMENT ON COLUMN " + q(table) + "." + q(column.name()) + " IS "
				+ ((column.comment() != null) ? literal(column.comment()) : "NULL");
	}

	protected List<String> createTableWithIndexes(Table table) {
		List<String> statements = new ArrayList<>();
		statements.add(createTable(table));
		statements.addAll(createIndexes(table));
		statements.addAll(comments(table));
		return statements;
	}

}
