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
	void parseRecognisesBranchTargets() {
		assertThat(Target.parse("billing@head")).isEqualTo(new Target("billing@head", Kind.HEAD, null, 0, "billing"));
		assertThat(Target.parse("billing@base")).isEqualTo(new Target("billing@base", Kind.BASE, null, 0, "billing"));
		assertThat(Target.parse("billing@+2")).isEqualTo(new Target("billing@+2", Kind.RELATIVE, null, 2, "billing"));
		assertThat(Target.parse(" shop-v2@-1 ")).isEqualTo(new Target("shop-v2@-1", Kind.RELATIVE, null, -1, "shop-v2"));
		assertThat(Target.parse("head").branch()).isNull();
	}

	@Test
	void parseRefusesAnInvalidBranchLabelQuotingIt() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> Target.parse("@head"))
			.withMessage("Invalid target '@head': the branch label '' may hold only letters, digits, '_' and '-', "
					+ "and no leading '-'");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> Target.parse("bill ing@head"))
			.withMessage("Invalid target 'bill ing@head': the branch label 'bill ing' may hold only letters, digits, "
					+ "'_' and '-', and no leading '-'");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> Target.parse("x'; DROP TABLE t;--@head"))
			.withMessageStartingWith("Invalid target 'x'; DROP TABLE t;--@head': the branch label 'x'; DROP TABLE t;--'");
	}

	@Test
	void parseRefusesAnythingButHeadBaseAndStepsAfterTheLabel() {
		for (String position : new String[] { "heads", "", "b1", "@head", "head+1", "base+1", "+0", "-x" }) {
			assertThatExceptionOfType(TargetException.class).isThrownBy(() -> Target.parse("billing@" + position))
				.withMessageStartingWith("Invalid target 'billing@" + position + "': ");
		}
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> Target.parse("billing@heads"))
			.withMessage("Invalid target 'billing@heads': after 'billing@' expected head, base, +N or -N");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> Target.parse("billing@+0"))
			.withMessage("Invalid target 'billing@+0': the step count must be a whole number from 1 to 2147483647");
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
