package dev.migration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How every report writes a migration's duration: the engine's log, the command line,
 * the history and the endpoint say the same text for the same value.
 * <p>
 * The engine measures each migration and each run to the microsecond (the
 * {@link #PRECISION} the history keeps), and writes it as:
 * <ul>
 * <li>below 1 ms: milliseconds to the microsecond, such as {@code 0.42 ms} or
 * {@code 0.042 ms}; a sub-millisecond migration is never shown as {@code 0 ms};</li>
 * <li>below 10 ms: milliseconds to a tenth, such as {@code 3.7 ms};</li>
 * <li>below 1 s: whole milliseconds, such as {@code 245 ms};</li>
 * <li>from 1 s: seconds to the hundredth, such as {@code 12.05 s}.</li>
 * </ul>
 * Values are rounded half up. Only what took no time at all, such as a stamp, which
 * runs nothing, is {@code 0 ms}. Machine-readable outputs carry
 * {@link #millis(Duration)} beside this text.
 */
public final class DurationFormat {

	/**
	 * The precision of every duration the engine measures and the history keeps.
	 */
	public static final ChronoUnit PRECISION = ChronoUnit.MICROS;

	private static final long MICROS_PER_MILLI = 1_000;

	private DurationFormat() {
	}

	/**
	 * The duration as the reports write it.
	 * @param duration the duration, not negative
	 * @return the text, such as {@code 0.42 ms}, {@code 3.7 ms}, {@code 245 ms} or
	 * {@code 12.05 s}
	 */
	public static String format(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("A duration cannot be negative: " + duration);
		}
		long micros = roundedMicros(duration);
		if (micros == 0) {
			return duration.isZero() ? "0 ms" : "<0.001 ms";
		}
		if (micros < MICROS_PER_MILLI) {
			return BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString() + " ms";
		}
		// The thresholds are where the rounded text would reach the next form's range.
		if (micros < 9_950) {
			return BigDecimal.valueOf(micros, 3).setScale(1, RoundingMode.HALF_UP).toPlainString() + " ms";
		}
		if (micros < 999_500) {
			return BigDecimal.valueOf(micros, 3).setScale(0, RoundingMode.HALF_UP).toPlainString() + " ms";
		}
		return BigDecimal.valueOf(micros, 6).setScale(2, RoundingMode.HALF_UP).toPlainString() + " s";
	}

	/**
	 * The duration in milliseconds, to the microsecond: the number that JSON outputs
	 * carry beside the text.
	 * @param duration the duration
	 * @return the milliseconds, such as {@code 0.42}
	 */
	public static double millis(Duration duration) {
		return roundedMicros(duration) / (double) MICROS_PER_MILLI;
	}

	/**
	 * The duration in whole microseconds, rounded half up; what the history stores.
	 * @param duration the duration
	 * @return the microseconds
	 */
	public static long micros(Duration duration) {
		return roundedMicros(duration);
	}

	private static long roundedMicros(Duration duration) {
		long micros = duration.getSeconds() * 1_000_000L + duration.getNano() / 1_000;
		return ((duration.getNano() % 1_000) >= 500) ? micros + 1 : micros;
	}

}
