package dev.migration.authoring;

import java.util.List;

import dev.migration.operation.Operation;

/**
 * The SQL of a migration: what a template or autogenerate produced.
 *
 * @param operations the upgrade operations; the downgrade is their reversed list
 * @param upgrade the upgrade section, statements terminated by semicolons
 * @param downgrade the downgrade section
 */
public record MigrationSql(List<Operation> operations, String upgrade, String downgrade) {

	public MigrationSql {
		operations = List.copyOf(operations);
	}

}
