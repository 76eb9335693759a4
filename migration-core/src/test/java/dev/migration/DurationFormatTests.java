package dev.migration;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DurationFormat}.
 */
class DurationFormatTests {

	@Test
	void subMillisecondDurationsAreMillisecondsToTheMicrosecond() {
		assertThat(DurationFormat.format(Duration.ofNanos(420_000))).isEqualTo("0.42 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(42_000))).isEqualTo("0.042 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(5_000))).isEqualTo("0.005 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(999_000))).isEqualTo("0.999 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(999_600))).isEqualTo("1.0 ms");
	}

	@Test
	void onlyNothingAtAllIsZero() {
		assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(400))).isEqualTo("<0.001 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(500))).isEqualTo("0.001 ms");
	}

	@Test
	void millisecondsToATenthBelowTenThenWhole() {
		assertThat(DurationFormat.format(Duration.ofMillis(1))).isEqualTo("1.0 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(3_650_000))).isEqualTo("3.7 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(9_949_000))).isEqualTo("9.9 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(9_950_000))).isEqualTo("10 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(245_400_000))).isEqualTo("245 ms");
		assertThat(DurationFormat.format(Duration.ofNanos(999_499_000))).isEqualTo("999 ms");
	}

	@Test
	void secondsToTheHundredthFromOneSecond() {
		assertThat(DurationFormat.format(Duration.ofNanos(999_500_000))).isEqualTo("1.00 s");
		assertThat(DurationFormat.format(Duration.ofMillis(12_050))).isEqualTo("12.05 s");
		assertThat(DurationFormat.format(Duration.ofMinutes(3))).isEqualTo("180.00 s");
	}

	@Test
	void millisAndMicrosAreToTheMicrosecond() {
		assertThat(DurationFormat.millis(Duration.ofNanos(420_000))).isEqualTo(0.42);
		assertThat(DurationFormat.millis(Duration.ofSeconds(2, 3_000))).isEqualTo(2000.003);
		assertThat(DurationFormat.micros(Duration.ofNanos(420_499))).isEqualTo(420);
		assertThat(DurationFormat.micros(Duration.ofNanos(420_500))).isEqualTo(421);
	}

	@Test
	void negativeDurationIsRefusedWithItsValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> DurationFormat.format(Duration.ofMillis(-5)))
			.withMessage("A duration cannot be negative: PT-0.005S");
	}

}
