package dev.migration.operation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.migration.dialect.Dialect;

/**
 * Renders operations as the SQL of one dialect. Where the dialect has no
 * {@code ALTER} form for an operation (DuckDB: constraints, dropping or renaming
 * columns of a table with dependents), the renderer rebuilds the table from its
 * definition, which it takes from the snapshot of the schema before the operations.
 */
public interface OperationRenderer {

	/**
	 * The dialect rendered.
	 * @return the dialect
	 */
	Dialect dialect();

	/**
	 * Maps a portable type name ({@code integer}, {@code bigint}, {@code varchar(n)},
	 * {@code text}, {@code boolean}, {@code numeric(p,s)}, {@code date},
	 * {@code timestamp}, {@code timestamptz}, {@code uuid}, {@code json},
	 * {@code jsonb}, {@code smallint}, {@code double}, {@code real}, {@code time},
	 * {@code char(n)}, {@code bytea}) to the dialect's own spelling, the one its
	 * introspection reports.
	 * @param portableType the portable type
	 * @return the dialect's type
	 * @throws dev.migration.MigrationException for an unknown type, naming it
	 */
	String type(String portableType);

	/**
	 * Renders operations as statements, without terminating semicolons; a review note
	 * becomes a {@code --} comment line.
	 * @param operations the operations, in order
	 * @param before the schema before the operations, or {@code null} when unknown (then
	 * operations that need a table rebuild are refused)
	 * @return the statements
	 * @throws dev.migration.MigrationException for an operation the dialect cannot run,
	 * saying why
	 */
	List<String> render(List<? extends Operation> operations, SchemaSnapshot before);

	/**
	 * Renders operations as the text of a script section: one statement per line
	 * group, each terminated by a semicolon.
	 * @param operations the operations, in order
	 * @param before the schema before the operations, or {@code null}
	 * @return the SQL text, empty for no operations
	 */
	default String script(List<? extends Operation> operations, SchemaSnapshot before) {
		StringBuilder sql = new StringBuilder();
		for (String statement : render(operations, before)) {
			String trimmed = statement.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			sql.append(trimmed);
			if (!trimmed.startsWith("--") && !trimmed.endsWith(";")) {
				sql.append(';');
			}
			sql.append('\n');
		}
		return sql.toString();
	}

	/**
	 * Renders operations in their online form, for a revision declared
	 * {@code -- transactional: false} where each statement commits on its own: an index
	 * built or dropped {@code CONCURRENTLY}, a constraint added {@code NOT VALID} and
	 * validated by the next statement (which lets reads and writes through), so that no
	 * statement holds a lock that blocks writes for as long as it scans the table. Only
	 * when every operation has such a form (or takes its lock only briefly, as dropping
	 * a constraint): a revision that mixes them keeps its transaction, and the lint tells
	 * what to split out.
	 * @param operations the operations, in order
	 * @param before the schema before the operations
	 * @param lockTimeout a {@code lock_timeout} for the section to set first, or
	 * {@code null} when the engine sets one for each migration
	 * @return the SQL text, or empty when the dialect has no online form for one of the
	 * operations (DuckDB has none)
	 */
	default Optional<String> onlineScript(List<? extends Operation> operations, SchemaSnapshot before,
			Duration lockTimeout) {
		return Optional.empty();
	}

	/**
	 * The renderer of a dialect: {@link Dialect#renderer()}.
	 * @param dialect the dialect
	 * @return its renderer
	 */
	static OperationRenderer of(Dialect dialect) {
		return dialect.renderer();
	}

}
