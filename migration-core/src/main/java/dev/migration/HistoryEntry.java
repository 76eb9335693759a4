package dev.migration;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of the append-only history log.
 *
 * @param id the row's sequence number, increasing with time
 * @param revision the revision acted on ({@code base} for a stamp to base)
 * @param message the revision's message
 * @param action what was done
 * @param checksum the script's checksum at the time, if any
 * @param checksumVersion the checksum algorithm's version, if any
 * @param user the database user that ran it
 * @param host the host the engine ran on
 * @param startedAt when it started
 * @param duration how long it took, as the engine measured it: to the microsecond, or in
 * whole milliseconds in rows that a release before {@code duration_us} wrote
 * @param success whether it succeeded
 * @param error the error when it failed, otherwise {@code null}
 */
public record HistoryEntry(long id, String revision, String message, HistoryAction action,
		@Nullable String checksum, @Nullable Integer checksumVersion, String user, String host, Instant startedAt, Duration duration, boolean success,
		@Nullable String error) {

}
