package dev.migration;

import java.time.Duration;

import dev.migration.revision.Direction;

/**
 * One migration that ran in an operation.
 *
 * @param revision the revision id
 * @param message the one-line description
 * @param direction upgrade or downgrade
 * @param duration how long its statements and state rows took, commit included
 */
public record AppliedMigration(String revision, String message, Direction direction, Duration duration) {

}
