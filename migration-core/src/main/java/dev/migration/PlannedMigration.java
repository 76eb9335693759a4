package dev.migration;

import java.util.List;

import dev.migration.revision.Direction;

/**
 * One migration of a dry run or offline script: the exact statements it would send, in
 * order, its state and log rows included.
 *
 * @param revision the revision id
 * @param message the one-line description
 * @param direction upgrade or downgrade
 * @param statements the SQL, in order; a Java migration appears as a comment naming
 * its class
 */
public record PlannedMigration(String revision, String message, Direction direction, List<String> statements) {

	public PlannedMigration {
		statements = List.copyOf(statements);
	}

}
