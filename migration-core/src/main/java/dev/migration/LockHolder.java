package dev.migration;

import java.time.Instant;

/**
 * Who holds the migration lock.
 *
 * @param owner the holder as it described itself ({@code pid@host})
 * @param since when the lock was taken, if known
 */
public record LockHolder(String owner, Instant since) {

}
