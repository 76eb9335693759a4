package dev.migration.revision;

import dev.migration.TargetException;
import dev.migration.revision.Target.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Target}.
 */
class TargetTests {

	@Test
	void parseRecognisesKeywords() {
		assertThat(Target.parse("head")).isEqualTo(new Target("head", Kind.HEAD, null, 0));
		assertThat(Target.parse("heads")).isEqualTo(new Target("heads", Kind.HEADS, null, 0));
		assertThat(Target.parse("base")).isEqualTo(new Target("base", Kind.BASE, null, 0));
	}

	@Test
	void parseRecognisesRelativeSteps() {
		assertThat(Target.parse("+2")).isEqualTo(new Target("+2", Kind.RELATIVE, null, 2));
		assertThat(Target.parse("-3")).isEqualTo(new Target("-3", Kind.RELATIVE, null, -3));
		assertThat(Target.parse("+2147483647").steps()).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void parseRecognisesRevisionReferences() {
		assertThat(Target.parse("ae10")).isEqualTo(new Target("ae10", Kind.REVISION, "ae10", 0));
		assertThat(Target.parse("ae10+2")).isEqualTo(new Target("ae10+2", Kind.REVISION, "ae10", 2));
		assertThat(Target.parse("head-1")).isEqualTo(new Target("head-1", Kind.REVISION, "head", -1));
		assertThat(Target.parse("headless")).isEqualTo(new Target("headless", Kind.REVISION, "headless", 0));
	}

	@Test
	void parseRecognisesBasePlusSteps() {
		assertThat(Target.parse("base+2")).isEqualTo(new Target("base+2", Kind.REVISION, "base", 2));
	}

	@Test
	void parseRefusesStepsBelowBase() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> Target.parse("base-1"))
			.withMessage("Invalid target 'base-1': nothing is below 'base'; use base+N for N revisions above it");
	}

	@Test
	void quoteKeepsShortValuesAsTheyAre() {
		assertThat(Target.quote("a; b")).isEqualTo("'a; b'");
		assertThat(Target.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(100) + "'");
		assertThat(Target.quote(null)).isEqualTo("null");
	}

	@Test
	void quoteCutsLongValuesWithoutSplittingCharacters() {
		String emoji = "\uD83D\uDE00";
		assertThat(Target.quote(emoji.repeat(101))).isEqualTo("'" + emoji.repeat(100) + "...'");
	}

	@Test
	void quoteEscapesControlAndFormattingCharacters() {
		assertThat(Target.quote("a\r\n\u0000\u202E\u200Bb")).isEqualTo("'a\\u000D\\u000A\\u0000\\u202E\\u200Bb'");
	}

}
