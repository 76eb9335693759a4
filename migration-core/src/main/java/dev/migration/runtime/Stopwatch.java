package dev.migration.runtime;

import java.time.Duration;
import java.time.Instant;

import dev.migration.DurationFormat;

/**
 * The one measurement of a migration or a run: its start by the wall clock, for the
 * history, and its duration from one pair of {@link System#nanoTime()} readings,
 * truncated to the {@link DurationFormat#PRECISION precision} the history keeps. The
 * log line, the result, the history row, the listeners and so the metrics all take
 * the value it measured once, so that they agree exactly.
 *
 * @param startedAt when it started, for the history
 * @param startNanos the first reading
 */
record Stopwatch(Instant startedAt, long startNanos) {

	/**
	 * Takes the first reading.
	 */
	static Stopwatch start() {
		return new Stopwatch(Instant.now(), System.nanoTime());
	}

	/**
	 * Takes the second reading: call it once and pass the value on.
	 */
	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos).truncatedTo(DurationFormat.PRECISION);
	}

}
