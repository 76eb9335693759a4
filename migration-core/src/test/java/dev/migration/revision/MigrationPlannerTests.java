package dev.migration.revision;

import java.util.List;
import java.util.Set;

import dev.migration.MultipleHeadsException;
import dev.migration.TargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.migration.revision.RevisionGraphTests.dependent;
import static dev.migration.revision.RevisionGraphTests.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationPlanner}.
 */
class MigrationPlannerTests {

	private static final String EXPECTED_SYNTAX = ": expected head, heads, base, a revision id or prefix "
			+ "(letters, digits and '_'), +N, -N, <rev>+N, <rev>-N, base+N, or <label>@head, <label>@base, "
			+ "<label>@+N, <label>@-N";

	/**
	 * {@code a <- b <- c <- d}.
	 */
	private final MigrationPlanner linear = planner(revision("a"), revision("b", "a"), revision("c", "b"),
			revision("d", "c"));

	/**
	 * {@code root <- x1 <- x2} and {@code root <- y1}: two heads.
	 */
	private final MigrationPlanner branched = planner(revision("root"), revision("x1", "root"),
			revision("x2", "x1"), revision("y1", "root"));

	/**
	 * The branches above, joined by {@code m}.
	 */
	private final MigrationPlanner merged = planner(revision("root"), revision("x1", "root"), revision("x2", "x1"),
			revision("y1", "root"), revision("m", "x2", "y1"));

	/**
	 * {@code r <- a1 <- a2 <- a3} and {@code r <- b1 <- b2}, where {@code b2} depends
	 * on {@code a2}.
	 */
	private final MigrationPlanner dependencies = planner(revision("r"), revision("a1", "r"), revision("a2", "a1"),
			revision("a3", "a2"), revision("b1", "r"), dependent("b2", List.of("b1"), List.of("a2")));

	/**
	 * The reproduction of issue 15: {@code x <- x2} and {@code y <- y2}, where
	 * {@code y2} depends on {@code x}.
	 */
	private final MigrationPlanner crossed = planner(revision("x"), revision("x2", "x"), revision("y"),
			dependent("y2", List.of("y"), List.of("x")));

	/**
	 * Three branches crossing: {@code a1 <- a2 <- a3}, {@code b1 <- b2 <- b3} where
	 * {@code b2} depends on {@code a2}, and {@code c1 <- c2} where {@code c2} depends on
	 * {@code b2} and {@code a1}.
	 */
	private final MigrationPlanner threeBranches = planner(revision("a1"), revision("a2", "a1"), revision("a3", "a2"),
			revision("b1"), dependent("b2", List.of("b1"), List.of("a2")), revision("b3", "b2"), revision("c1"),
			dependent("c2", List.of("c1"), List.of("b2", "a1")));

	private static final Set<String> THREE_BRANCHES = Set.of("a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2");

	/**
	 * Two roots: {@code a} and {@code b}, unrelated.
	 */
	private final MigrationPlanner twoRoots = planner(revision("a"), revision("b"));

	private final MigrationPlanner empty = planner();

	@Test
	void upgradeToHeadAppliesPendingRevisionsInOrder() {
		assertThat(this.linear.upgrade("head", Set.of())).isEqualTo(upgrade("a", "b", "c", "d"));
		assertThat(this.linear.upgrade("head", Set.of("a", "b"))).isEqualTo(upgrade("c", "d"));
	}

	@Test
	void upgradeToHeadWhenUpToDatePlansNothing() {
		MigrationPlan plan = this.linear.upgrade("head", Set.of("a", "b", "c", "d"));
		assertThat(plan.isEmpty()).isTrue();
		assertThat(plan.direction()).isEqualTo(Direction.UPGRADE);
	}

	@Test
	void upgradeToHeadWithMultipleHeadsFails() {
		assertThatExceptionOfType(MultipleHeadsException.class)
			.isThrownBy(() -> this.branched.upgrade("head", Set.of()))
			.withMessage("Multiple heads: y1, x2; 'head' needs one. Migrate to 'heads' for all of them or to a "
					+ "revision id for one, or join them in a merge revision (MigrationAuthor.merge)")
			.satisfies((ex) -> {
				assertThat(ex.getHeads()).containsExactly("y1", "x2");
				assertThat(ex.getTarget()).isEqualTo("head");
			});
	}

	@Test
	void upgradeToHeadsAppliesEveryBranch() {
		assertThat(this.branched.upgrade("heads", Set.of())).isEqualTo(upgrade("root", "x1", "y1", "x2"));
		assertThat(this.branched.upgrade("heads", Set.of("root", "x1"))).isEqualTo(upgrade("y1", "x2"));
	}

	@Test
	void upgradeToHeadAfterAMergeAppliesBothBranches() {
		assertThat(this.merged.upgrade("head", Set.of("root", "x1"))).isEqualTo(upgrade("y1", "x2", "m"));
	}

	@Test
	void upgradeToHeadOrHeadsOfAnEmptyGraphPlansNothing() {
		assertThat(this.empty.upgrade("head", Set.of()).isEmpty()).isTrue();
		assertThat(this.empty.upgrade("heads", Set.of()).isEmpty()).isTrue();
	}

	@Test
	void upgradeToRevisionAppliesItsAncestorsAndItself() {
		assertThat(this.dependencies.upgrade("b2", Set.of())).isEqualTo(upgrade("r", "a1", "b1", "a2", "b2"));
		assertThat(this.dependencies.upgrade("b2", Set.of("r", "a1", "a2"))).isEqualTo(upgrade("b1", "b2"));
	}

	@Test
	void upgradeFollowsDependenciesAcrossBranches() {
		MigrationPlanner planner = planner(revision("r"), revision("a1", "r"), revision("a2", "a1"),
				revision("a3", "a2"), dependent("b1", List.of("r"), List.of("a3")));
		assertThat(planner.upgrade("b1", Set.of())).isEqualTo(upgrade("r", "a1", "a2", "a3", "b1"));
		assertThat(planner.upgrade("heads", Set.of("r"))).isEqualTo(upgrade("a1", "a2", "a3", "b1"));
	}

	@Test
	void upgradeToUniquePrefixResolvesIt() {
		MigrationPlanner planner = planner(revision("ae1027"), revision("b4f2c1", "ae1027"),
				revision("c9d8e7", "b4f2c1"));
		assertThat(planner.upgrade("b4", Set.of())).isEqualTo(upgrade("ae1027", "b4f2c1"));
	}

	@Test
	void upgradeToAmbiguousPrefixListsTheCandidates() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.dependencies.upgrade("b", Set.of()))
			.withMessage("Ambiguous revision 'b': matches b1, b2");
	}

	@Test
	void upgradeToUnknownRevisionFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.branched.upgrade("zz", Set.of()))
			.withMessage("Unknown revision 'zz' (heads are y1, x2)");
	}

	@Test
	void upgradeToAppliedRevisionPlansNothing() {
		assertThat(this.linear.upgrade("b", Set.of("a", "b", "c")).isEmpty()).isTrue();
	}

	@Test
	void upgradeByStepsAppliesTheNextPendingRevisions() {
		assertThat(this.linear.upgrade("+2", Set.of("a"))).isEqualTo(upgrade("b", "c"));
		assertThat(this.branched.upgrade("+1", Set.of())).isEqualTo(upgrade("root"));
		assertThat(this.branched.upgrade("+2", Set.of("root", "y1"))).isEqualTo(upgrade("x1", "x2"));
	}

	@Test
	void upgradeByStepsAppliesAMergeWhoseParentsAreApplied() {
		assertThat(this.merged.upgrade("+1", Set.of("root", "x1", "x2", "y1"))).isEqualTo(upgrade("m"));
		assertThat(this.merged.upgrade("+2", Set.of("root", "x1", "y1"))).isEqualTo(upgrade("x2", "m"));
	}

	@Test
	void upgradeByStepsFollowsADependencyWhenItLeavesOneRevisionToApply() {
		// b1 is a child of r too, but waits for a3.
		MigrationPlanner planner = planner(revision("r"), revision("a1", "r"), revision("a2", "a1"),
				revision("a3", "a2"), dependent("b1", List.of("r"), List.of("a3")));
		assertThat(planner.upgrade("+4", Set.of("r"))).isEqualTo(upgrade("a1", "a2", "a3", "b1"));
	}

	@Test
	void upgradeByStepsWhereSeveralRevisionsCouldComeNextFailsNamingThem() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.branched.upgrade("+3", Set.of()))
			.withMessage("Cannot upgrade by '+3': after 1 step several revisions could come next (x1, y1); "
					+ "name the revision to migrate to instead, e.g. 'x1'");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.branched.upgrade("+1", Set.of("root")))
			.withMessage("Cannot upgrade by '+1': several revisions could come next (x1, y1); "
					+ "name the revision to migrate to instead, e.g. 'x1'");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.crossed.upgrade("+2", Set.of("x")))
			.withMessage("Cannot upgrade by '+2': several revisions could come next (x2, y); "
					+ "name the revision to migrate to instead, e.g. 'x2'");
	}

	@Test
	void upgradeByStepsFromTwoRootsFailsNamingThem() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.twoRoots.upgrade("+1", Set.of()))
			.withMessage("Cannot upgrade by '+1': several revisions could come next (a, b); "
					+ "name the revision to migrate to instead, e.g. 'a'");
		assertThat(this.twoRoots.upgrade("+1", Set.of("b"))).isEqualTo(upgrade("a"));
	}

	@Test
	void upgradeByMoreStepsThanPendingFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.linear.upgrade("+3", Set.of("a", "b")))
			.withMessage("Cannot upgrade by '+3': only 2 revisions are pending");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.linear.upgrade("+2", Set.of("a", "b", "c")))
			.withMessage("Cannot upgrade by '+2': only 1 revision is pending");
	}

	@Test
	void upgradeToRevisionPlusStepsWalksUpItsChildren() {
		assertThat(this.linear.upgrade("a+2", Set.of("a"))).isEqualTo(upgrade("b", "c"));
		assertThat(this.branched.upgrade("x1+1", Set.of())).isEqualTo(upgrade("root", "x1", "x2"));
	}

	@Test
	void upgradeToRevisionPlusStepsThroughABranchPointFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.branched.upgrade("root+1", Set.of()))
			.withMessage("Cannot resolve 'root+1': revision 'root' branches into x1, y1; name one of them");
	}

	@Test
	void upgradeToRevisionPlusStepsPastAHeadFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade("c+2", Set.of()))
			.withMessage("Cannot resolve 'c+2': revision 'd' is a head");
	}

	@Test
	void upgradeToRevisionMinusStepsWalksDownItsParents() {
		assertThat(this.linear.upgrade("head-2", Set.of())).isEqualTo(upgrade("a", "b"));
		assertThat(this.linear.upgrade("d-1", Set.of("a"))).isEqualTo(upgrade("b", "c"));
	}

	@Test
	void upgradeToRevisionMinusStepsThroughAMergeFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.merged.upgrade("head-1", Set.of()))
			.withMessage("Cannot resolve 'head-1': revision 'm' merges x2, y1; name one of them");
	}

	@Test
	void upgradeToRevisionMinusStepsPastABaseFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade("b-2", Set.of()))
			.withMessage("Cannot resolve 'b-2': revision 'a' is a base");
	}

	@Test
	void upgradeToHeadMinusStepsWithMultipleHeadsFails() {
		assertThatExceptionOfType(MultipleHeadsException.class)
			.isThrownBy(() -> this.branched.upgrade("head-1", Set.of()))
			.withMessageStartingWith("Multiple heads: y1, x2; 'head-1' needs one.")
			.satisfies((ex) -> assertThat(ex.getTarget()).isEqualTo("head-1"));
	}

	@Test
	void upgradeToBaseFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade("base", Set.of("a")))
			.withMessage("Cannot upgrade to 'base'; use rollback to go down to base");
	}

	@Test
	void upgradeByNegativeStepsFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade("-1", Set.of("a")))
			.withMessage("Cannot upgrade by '-1'; use rollback to go down");
	}

	@Test
	void upgradeAppliesABranchRevisionMergedLate() {
		MigrationPlanner planner = planner(revision("a"), revision("b", "a"), revision("c", "b"),
				revision("late", "a"), revision("m", "c", "late"));
		assertThat(planner.upgrade("head", Set.of("a", "b", "c"))).isEqualTo(upgrade("late", "m"));
		assertThat(planner.upgrade("+1", Set.of("a", "b", "c"))).isEqualTo(upgrade("late"));
	}

	@Test
	void upgradeIgnoresAppliedRevisionsUnknownToTheGraph() {
		assertThat(this.linear.upgrade("head", Set.of("a", "gone"))).isEqualTo(upgrade("b", "c", "d"));
	}

	@Test
	void downgradeByStepsRevertsTheLastAppliedRevisionsNewestFirst() {
		assertThat(this.linear.downgrade("-1", Set.of("a", "b", "c"))).isEqualTo(downgrade("c"));
		assertThat(this.linear.downgrade("-2", Set.of("a", "b", "c"))).isEqualTo(downgrade("c", "b"));
		assertThat(this.branched.downgrade("-2", Set.of("root", "x1", "x2"))).isEqualTo(downgrade("x2", "x1"));
		assertThat(this.merged.downgrade("-1", Set.of("root", "x1", "x2", "y1", "m"))).isEqualTo(downgrade("m"));
	}

	@Test
	void downgradeByStepsRevertsARevisionThatOnlyDependsOnAnotherFirst() {
		// y2 and x are both current revisions, but x stays needed until y2 is gone.
		assertThat(this.crossed.downgrade("-1", Set.of("x", "y", "y2"))).isEqualTo(downgrade("y2"));
		MigrationPlanner planner = planner(revision("x"), dependent("y", List.of(), List.of("x")));
		assertThat(planner.downgrade("-2", Set.of("x", "y"))).isEqualTo(downgrade("y", "x"));
	}

	@Test
	void downgradeByStepsWithSeveralHeadsAppliedFailsNamingThem() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.branched.downgrade("-1", Set.of("root", "x1", "x2", "y1")))
			.withMessage("Cannot roll back by '-1': the database is at several revisions (x2, y1); "
					+ "name the revision to roll back to instead, e.g. 'x2-1'");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.crossed.downgrade("-1", Set.of("x", "x2", "y", "y2")))
			.withMessage("Cannot roll back by '-1': the database is at several revisions (x2, y2); "
					+ "name the revision to roll back to instead, e.g. 'x2-1'");
	}

	@Test
	void downgradeByStepsBelowAMergeFailsNamingItsParents() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.merged.downgrade("-2", Set.of("root", "x1", "x2", "y1", "m")))
			.withMessage("Cannot roll back by '-2': after 1 step the database is at several revisions (x2, y1); "
					+ "name the revision to roll back to instead, e.g. 'x2-1'");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.dependencies.downgrade("-2", Set.of("r", "a1", "a2", "b1", "b2")))
			.withMessage("Cannot roll back by '-2': after 1 step the database is at several revisions (a2, b1); "
					+ "name the revision to roll back to instead, e.g. 'a2-1'");
	}

	@Test
	void downgradeByStepsWithSeveralRootsAppliedFailsWithoutAnExample() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoRoots.downgrade("-1", Set.of("a", "b")))
			.withMessage("Cannot roll back by '-1': the database is at several revisions (a, b); "
					+ "name the revision to roll back to instead");
	}

	@Test
	void downgradeByMoreStepsThanAppliedFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.linear.downgrade("-4", Set.of("a", "b", "c")))
			.withMessage("Cannot roll back by '-4': only 3 revisions are applied");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade("-2", Set.of("a")))
			.withMessage("Cannot roll back by '-2': only 1 revision is applied");
	}

	@Test
	void downgradeToBaseRevertsEverythingNewestFirst() {
		assertThat(this.merged.downgrade("base", Set.of("root", "x1", "x2", "y1", "m")))
			.isEqualTo(downgrade("m", "x2", "y1", "x1", "root"));
		assertThat(this.linear.downgrade("base", Set.of()).isEmpty()).isTrue();
	}

	@Test
	void downgradeToRevisionRevertsItsAppliedDescendants() {
		assertThat(this.linear.downgrade("b", Set.of("a", "b", "c", "d"))).isEqualTo(downgrade("d", "c"));
		assertThat(this.merged.downgrade("x1", Set.of("root", "x1", "x2", "y1", "m"))).isEqualTo(downgrade("m", "x2"));
		assertThat(this.linear.downgrade("d", Set.of("a", "b", "c", "d")).isEmpty()).isTrue();
	}

	@Test
	void downgradeToADependencysParentRevertsTheRevisionsThatDependOnTheDependency() {
		assertThat(this.dependencies.downgrade("a1", Set.of("r", "a1", "a2", "a3", "b1", "b2")))
			.isEqualTo(downgrade("b2", "a3", "a2"));
	}

	@Test
	void downgradeToARevisionKeepsTheRevisionsThatOnlyDependOnIt() {
		assertThat(this.crossed.downgrade("x", Set.of("x", "x2", "y", "y2"))).isEqualTo(downgrade("x2"));
		assertThat(this.dependencies.downgrade("a2", Set.of("r", "a1", "a2", "a3", "b1", "b2")))
			.isEqualTo(downgrade("a3"));
	}

	@Test
	void downgradeToARevisionThatOthersDependOnAcrossThreeBranchesRevertsItsBranchAlone() {
		assertThat(this.threeBranches.downgrade("a2", THREE_BRANCHES)).isEqualTo(downgrade("a3"));
		assertThat(this.threeBranches.downgrade("b2", THREE_BRANCHES)).isEqualTo(downgrade("b3"));
		assertThat(this.threeBranches.downgrade("c1", THREE_BRANCHES)).isEqualTo(downgrade("c2"));
	}

	@Test
	void downgradeToADependencysParentAcrossThreeBranchesRevertsEveryDependentNewestFirst() {
		// a2 goes, so b2 (which needs it) goes, so b3 (its child) and c2 (which needs b2) go.
		assertThat(this.threeBranches.downgrade("a1", THREE_BRANCHES))
			.isEqualTo(downgrade("c2", "b3", "b2", "a3", "a2"));
		assertThat(this.threeBranches.downgrade("b1", THREE_BRANCHES)).isEqualTo(downgrade("c2", "b3", "b2"));
	}

	@Test
	void downgradeToAMergeKeepsItAndRevertsWhatIsAboveIt() {
		MigrationPlanner planner = planner(revision("a"), revision("b1", "a"), revision("b2", "a"),
				revision("m", "b1", "b2"), revision("n", "m"), dependent("z", List.of(), List.of("m")));
		assertThat(planner.downgrade("m", Set.of("a", "b1", "b2", "m", "n", "z"))).isEqualTo(downgrade("n"));
		assertThat(planner.downgrade("b1", Set.of("a", "b1", "b2", "m", "n", "z")))
			.isEqualTo(downgrade("z", "n", "m"));
	}

	@Test
	void downgradeToRevisionMinusStepsResolvesFromTheHead() {
		assertThat(this.linear.downgrade("head-1", Set.of("a", "b", "c", "d"))).isEqualTo(downgrade("d"));
		assertThat(this.linear.downgrade("d-2", Set.of("a", "b", "c", "d"))).isEqualTo(downgrade("d", "c"));
		assertThat(this.linear.downgrade("a+1", Set.of("a", "b", "c", "d"))).isEqualTo(downgrade("d", "c"));
	}

	@Test
	void downgradeToRevisionNotAppliedFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.linear.downgrade("c", Set.of("a", "b")))
			.withMessage("Revision 'c' is not applied; nothing to roll back to");
	}

	@Test
	void downgradeToUnknownOrAmbiguousRevisionFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade("zz", Set.of("a")))
			.withMessage("Unknown revision 'zz' (head is d)");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.dependencies.downgrade("a", Set.of("r", "a1")))
			.withMessage("Ambiguous revision 'a': matches a1, a2, a3");
	}

	@Test
	void downgradeUpwardsFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade("+1", Set.of("a")))
			.withMessage("Cannot roll back by '+1'; use migrate to go up");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade("head", Set.of("a")))
			.withMessage("Cannot roll back to 'head'; use migrate to go up");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade("heads", Set.of("a")))
			.withMessage("Cannot roll back to 'heads'; use migrate to go up");
	}

	@Test
	void downgradeIgnoresAppliedRevisionsUnknownToTheGraph() {
		assertThat(this.linear.downgrade("-1", Set.of("a", "b", "gone"))).isEqualTo(downgrade("b"));
		assertThat(this.linear.downgrade("base", Set.of("a", "b", "gone"))).isEqualTo(downgrade("b", "a"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t\n" })
	void emptyTargetFails(String target) {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade(target, Set.of()))
			.withMessage("Empty target");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade(target, Set.of()))
			.withMessage("Empty target");
	}

	@Test
	void nullTargetFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade(null, Set.of()))
			.withMessage("Empty target");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+0", "-0", "-x", "+", "+99999999999", "+2147483648", "+1.5", "+-1", "++1", "a+0",
			"head-x", "+\u0661", "+1; DROP TABLE x" })
	void stepCountThatIsNotAPositiveIntegerFails(String target) {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade(target, Set.of()))
			.withMessage("Invalid target '" + target + "': the step count must be a whole number from 1 to 2147483647");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade(target, Set.of()))
			.withMessage("Invalid target '" + target + "': the step count must be a whole number from 1 to 2147483647");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1; DROP TABLE x", "'", "a' OR '1'='1", "../../etc/passwd", "h\u00e9ad", "\uff41",
			"a b", "<script>", "a.b", "\"quoted\"", "$(rm -rf)", "a\\b" })
	void hostileTargetFailsQuotingIt(String target) {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade(target, Set.of()))
			.withMessage("Invalid target '" + target + "'" + EXPECTED_SYNTAX);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade(target, Set.of()))
			.withMessage("Invalid target '" + target + "'" + EXPECTED_SYNTAX);
	}

	@Test
	void longHostileTargetIsCutInTheMessage() {
		String target = "x;".repeat(500);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade(target, Set.of()))
			.withMessage("Invalid target '" + "x;".repeat(50) + "...'" + EXPECTED_SYNTAX);
	}

	@Test
	void controlCharactersInTargetAreEscapedInTheMessage() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.linear.upgrade("a\nINFO forged\u202E", Set.of()))
			.withMessage("Invalid target 'a\\u000AINFO forged\\u202E'" + EXPECTED_SYNTAX);
	}

	@Test
	void stepCountOnHeadsOrBelowBaseFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade("heads+1", Set.of()))
			.withMessage("Invalid target 'heads+1': 'heads' takes no step count");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.downgrade("base-1", Set.of()))
			.withMessage("Invalid target 'base-1': nothing is below 'base'; use base+N for N revisions above it");
	}

	@Test
	void upgradeToBasePlusStepsCountsUpFromTheSingleBase() {
		assertThat(this.linear.upgrade("base+1", Set.of())).isEqualTo(upgrade("a"));
		assertThat(this.linear.upgrade("base+3", Set.of("a"))).isEqualTo(upgrade("b", "c"));
		assertThat(this.branched.upgrade("base+1", Set.of())).isEqualTo(upgrade("root"));
	}

	@Test
	void downgradeToBasePlusStepsKeepsThatRevision() {
		assertThat(this.linear.downgrade("base+1", Set.of("a", "b", "c", "d"))).isEqualTo(downgrade("d", "c", "b"));
		assertThat(this.linear.downgrade("base+2", Set.of("a", "b", "c", "d"))).isEqualTo(downgrade("d", "c"));
	}

	@Test
	void basePlusStepsThroughABranchPointOrPastAHeadFails() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.branched.upgrade("base+2", Set.of()))
			.withMessage("Cannot resolve 'base+2': revision 'root' branches into x1, y1; name one of them");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.linear.upgrade("base+5", Set.of()))
			.withMessage("Cannot resolve 'base+5': revision 'd' is a head");
	}

	@Test
	void basePlusStepsWithSeveralBasesFailsNamingThem() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.twoRoots.upgrade("base+1", Set.of()))
			.withMessage("Cannot resolve 'base+1': there are several bases (a, b); "
					+ "name the revision to start from instead, e.g. 'a'");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.crossed.downgrade("base+2", Set.of("x", "y")))
			.withMessage("Cannot resolve 'base+2': there are several bases (x, y); "
					+ "name the revision to start from instead, e.g. 'x+1'");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.empty.upgrade("base+1", Set.of()))
			.withMessage("Cannot resolve 'base+1': there are no revisions");
	}

	@Test
	void revertPlansOneRevisionThatNoOtherAppliedRevisionNeeds() {
		assertThat(this.branched.revert("x2", Set.of("root", "x1", "x2", "y1"))).isEqualTo(downgrade("x2"));
		assertThat(this.crossed.revert("x2", Set.of("x", "x2", "y", "y2"))).isEqualTo(downgrade("x2"));
	}

	@Test
	void revertOfARevisionThatOthersNeedOrThatIsNotAppliedFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.crossed.revert("x", Set.of("x", "x2", "y", "y2")))
			.withMessage("Cannot revert 'x' alone: x2, y2 need it and are applied");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.crossed.revert("x2", Set.of("x")))
			.withMessage("Revision 'x2' is not applied; nothing to revert");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.crossed.revert("zz", Set.of("x")))
			.withMessage("Unknown revision 'zz'");
	}

	@Test
	void targetIsStrippedOfSurroundingWhitespace() {
		assertThat(this.linear.upgrade("  head\n", Set.of("a", "b"))).isEqualTo(upgrade("c", "d"));
	}

	private static MigrationPlanner planner(Revision... revisions) {
		return new MigrationPlanner(RevisionGraph.of(List.of(revisions)));
	}

	private static MigrationPlan upgrade(String... steps) {
		return new MigrationPlan(Direction.UPGRADE, List.of(steps));
	}

	private static MigrationPlan downgrade(String... steps) {
		return new MigrationPlan(Direction.DOWNGRADE, List.of(steps));
	}

}
