package dev.migration.operation;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key.
 *
 * @param name the constraint name, or {@code null} to let the database choose
 * @param table the referencing table
 * @param columns the referencing columns
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns
 * @param onDelete what happens on delete of a referenced row
 */
public record ForeignKey(String name, String table, List<String> columns, String referencedTable,
		List<String> referencedColumns, ReferentialAction onDelete) {

	public ForeignKey {
		Objects.requireNonNull(table, "table");
		columns = List.copyOf(columns);
		Objects.requireNonNull(referencedTable, "referencedTable");
		referencedColumns = List.copyOf(referencedColumns);
		onDelete = (onDelete != null) ? onDelete : ReferentialAction.NO_ACTION;
	}

}
