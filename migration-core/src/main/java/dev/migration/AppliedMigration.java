package dev.migration;

import java.time.Duration;

import dev.migration.revision.Direction;

/**
 * One migration that ran in an operation.
 *
 * @param revision the revision id
 * @param message the one-line description
 * @param direction upgrade or downgrade
 * @param duration how long it ran, from before its first statement to after its last
 * (the history rows and the commit come after), to the microsecond: the one value that
 * its log line, its history row, the listeners and the metrics report; zero for a
 * revision that a stamp or a repair marked without running it
 */
public record AppliedMigration(String revision, String message, Direction direction, Duration duration) {

}
