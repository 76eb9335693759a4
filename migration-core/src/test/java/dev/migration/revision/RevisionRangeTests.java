package dev.migration.revision;

import java.util.List;

import dev.migration.TargetException;
import org.junit.jupiter.api.Test;

import static dev.migration.revision.MigrationPlannerBranchLabelTests.labelled;
import static dev.migration.revision.RevisionGraphTests.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RevisionRange}: Alembic's {@code A:B}, {@code A:} and {@code :B} over
 * graphs built in memory.
 */
class RevisionRangeTests {

	/**
	 * {@code a1 <- a2 <- a3 <- a4}, and the branch {@code billing}: {@code b1 <- b2}.
	 */
	private final RevisionGraph graph = RevisionGraph.of(List.of(revision("a1"), revision("a2", "a1"),
			revision("a3", "a2"), revision("a4", "a3"), labelled("b1", "billing"), revision("b2", "b1")));

	@Test
	void parseReadsBothSidesOrOne() {
		assertThat(RevisionRange.parse("base:head")).isEqualTo(new RevisionRange("base", "head"));
		assertThat(RevisionRange.parse(" a2: ")).isEqualTo(new RevisionRange("a2", null));
		assertThat(RevisionRange.parse(":-1")).isEqualTo(new RevisionRange(null, "-1"));
		assertThat(RevisionRange.parse("billing@base:billing@head")).hasToString("billing@base:billing@head");
	}

	@Test
	void parseRefusesAMalformedRangeNamingTheSideAtFault() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> RevisionRange.parse("a2"))
			.withMessage("Invalid revision range 'a2': expected START:END, START: or :END, such as base:head, "
					+ "3f2a:, :-1");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> RevisionRange.parse("a1:a2:a3"))
			.withMessageStartingWith("Invalid revision range 'a1:a2:a3': expected START:END");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> RevisionRange.parse(" : "))
			.withMessage("Invalid revision range ':': give a start, an end or both, such as base:head, 3f2a: or :-1");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> RevisionRange.parse("a-b!:head"))
			.withMessageStartingWith("Invalid start 'a-b!' of revision range 'a-b!:head': Invalid target 'a-b!'");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> RevisionRange.parse("base:x@y"))
			.withMessageStartingWith("Invalid end 'x@y' of revision range 'base:x@y': Invalid target 'x@y'");
	}

	@Test
	void aRangeHoldsBothEndsAndWhatLiesBetween() {
		assertThat(RevisionRange.parse("a2:a3").revisions(this.graph, List.of())).containsExactly("a2", "a3");
		assertThat(RevisionRange.parse("a2:").revisions(this.graph, List.of())).containsExactly("a2", "a3", "a4");
		assertThat(RevisionRange.parse(":a2").revisions(this.graph, List.of())).containsExactly("a1", "a2");
		assertThat(RevisionRange.parse("base:heads").revisions(this.graph, List.of())).hasSize(6);
		assertThat(RevisionRange.parse("a3:a2").revisions(this.graph, List.of())).isEmpty();
		assertThat(RevisionRange.parse(":base").revisions(this.graph, List.of())).isEmpty();
	}

	@Test
	void sidesAreAnyTargetNamingRevisions() {
		assertThat(RevisionRange.parse("a1:a3-1").revisions(this.graph, List.of())).containsExactly("a1", "a2");
		assertThat(RevisionRange.parse("billing@base:billing@head").revisions(this.graph, List.of()))
			.containsExactly("b1", "b2");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionRange.parse("a:").revisions(this.graph, List.of()))
			.withMessage("Invalid start 'a' of revision range 'a:': Ambiguous revision 'a': matches a1, a2, a3, a4");
	}

	@Test
	void relativeSidesAndCurrentCountFromTheCurrentRevision() {
		assertThat(RevisionRange.parse("-1:current").revisions(this.graph, List.of("a3"))).containsExactly("a2", "a3");
		assertThat(RevisionRange.parse("+1:").revisions(this.graph, List.of("a3"))).containsExactly("a4");
		assertThat(RevisionRange.parse(":billing@+1").revisions(this.graph, List.of())).containsExactly("b1");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionRange.parse(":+2").revisions(this.graph, List.of()))
			.withMessageStartingWith("Invalid end '+2' of revision range ':+2': Cannot resolve 'base+2': there are "
					+ "several bases (a1, b1)");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionRange.parse("-1:").revisions(this.graph, List.of()))
			.withMessage("Invalid start '-1' of revision range '-1:': Nothing is applied, so nothing is below the "
					+ "current revision");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionRange.parse(":-1").revisions(this.graph, List.of("a2", "b1")))
			.withMessage("Invalid end '-1' of revision range ':-1': There are 2 current revisions (a2, b1): name one "
					+ "instead, as <rev>-1");
	}

	@Test
	void unknownRevisionsAreRefusedNamingTheSide() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionRange.parse("a1:zz").revisions(this.graph, List.of()))
			.withMessageStartingWith("Invalid end 'zz' of revision range 'a1:zz': ");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> RevisionRange.parse("shop@base:").revisions(this.graph, List.of()))
			.withMessageStartingWith("Invalid start 'shop@base' of revision range 'shop@base:': ");
	}

}
