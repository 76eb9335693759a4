package dev.migration.revision;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.migration.MultipleHeadsException;
import dev.migration.TargetException;
import org.junit.jupiter.api.Test;

import static dev.migration.revision.RevisionGraphTests.dependent;
import static dev.migration.revision.RevisionGraphTests.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationPlanner} with branch label targets: {@code <label>@head},
 * {@code <label>@base}, {@code <label>@+N} and {@code <label>@-N}.
 */
class MigrationPlannerBranchLabelTests {

	private static final Set<String> BOTH = Set.of("m1", "m2", "m3", "b1", "b2", "b3");

	/**
	 * {@code m1 <- m2 <- m3} labelled {@code main} and {@code b1 <- b2 <- b3} labelled
	 * {@code billing}: two roots, two heads.
	 */
	private final MigrationPlanner twoBranches = planner(labelled("m1", "main"), revision("m2", "m1"),
			revision("m3", "m2"), labelled("b1", "billing"), revision("b2", "b1"), revision("b3", "b2"));

	/**
	 * The two branches above joined by {@code mg}, which belongs to both.
	 */
	private final MigrationPlanner merged = planner(labelled("m1", "main"), revision("m2", "m1"),
			revision("m3", "m2"), labelled("b1", "billing"), revision("b2", "b1"), revision("b3", "b2"),
			revision("mg", "m3", "b3"));

	/**
	 * {@code r1 <- r2 <- r3} and a branch from {@code r1}: {@code x1} labelled
	 * {@code reports} {@code <- x2}.
	 */
	private final MigrationPlanner fromElsewhere = planner(revision("r1"), revision("r2", "r1"),
			revision("r3", "r2"), labelled("x1", "reports", "r1"), revision("x2", "x1"));

	@Test
	void upgradeToBranchHeadAppliesThatBranchAlone() {
		assertThat(this.twoBranches.upgrade("billing@head", Set.of())).isEqualTo(upgrade("b1", "b2", "b3"));
		assertThat(this.twoBranches.upgrade("main@head", Set.of("b1"))).isEqualTo(upgrade("m1", "m2", "m3"));
		assertThat(this.twoBranches.upgrade("billing@head", BOTH).isEmpty()).isTrue();
	}

	@Test
	void upgradeToTheHeadOfABranchFromElsewhereAppliesWhatItNeedsBelowIt() {
		assertThat(this.fromElsewhere.upgrade("reports@head", Set.of())).isEqualTo(upgrade("r1", "x1", "x2"));
	}

	@Test
	void upgradeByBranchStepsAppliesTheBranchsNextRevisions() {
		assertThat(this.twoBranches.upgrade("billing@+1", Set.of())).isEqualTo(upgrade("b1"));
		assertThat(this.twoBranches.upgrade("billing@+1", Set.of("m1", "b1"))).isEqualTo(upgrade("b2"));
		assertThat(this.twoBranches.upgrade("billing@+2", Set.of("b1"))).isEqualTo(upgrade("b2", "b3"));
	}

	@Test
	void upgradeByBranchStepsAppliesWhatTheyNeedOutsideTheBranch() {
		assertThat(this.fromElsewhere.upgrade("reports@+1", Set.of())).isEqualTo(upgrade("r1", "x1"));
		assertThat(this.merged.upgrade("billing@+1", Set.of("m1", "b1", "b2", "b3")))
			.isEqualTo(upgrade("m2", "m3", "mg"));
	}

	@Test
	void upgradeByMoreBranchStepsThanPendingFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.upgrade("billing@+3", Set.of("b1")))
			.withMessage("Cannot upgrade by 'billing@+3': only 2 revisions of branch 'billing' are pending");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.upgrade("billing@+1", BOTH))
			.withMessage("Cannot upgrade by 'billing@+1': only 0 revisions of branch 'billing' are pending");
	}

	@Test
	void upgradeByBranchStepsWhereTheBranchForksFailsNamingTheRevisions() {
		MigrationPlanner forked = planner(labelled("b1", "billing"), revision("b2", "b1"), revision("b3", "b1"));
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> forked.upgrade("billing@+2", Set.of()))
			.withMessage("Cannot upgrade by 'billing@+2': after 1 step several revisions of branch 'billing' could "
					+ "come next (b2, b3); name the revision to migrate to instead, e.g. 'b2'");
	}

	@Test
	void upgradeToTheHeadOfAForkedBranchFailsNamingItsHeads() {
		MigrationPlanner forked = planner(labelled("b1", "billing"), revision("b2", "b1"), revision("b3", "b1"));
		assertThatExceptionOfType(MultipleHeadsException.class)
			.isThrownBy(() -> forked.upgrade("billing@head", Set.of()))
			.withMessageStartingWith("Branch 'billing' has several heads: b2, b3; 'billing@head' needs one")
			.satisfies((ex) -> assertThat(ex.getHeads()).containsExactly("b2", "b3"))
			.satisfies((ex) -> assertThat(ex.getTarget()).isEqualTo("billing@head"));
	}

	@Test
	void downgradeByBranchStepsRevertsThatBranchWhereMinusOneWouldFail() {
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.twoBranches.downgrade("-1", BOTH))
			.withMessageStartingWith("Cannot roll back by '-1': the database is at several revisions (b3, m3)");
		assertThat(this.twoBranches.downgrade("billing@-1", BOTH)).isEqualTo(downgrade("b3"));
		assertThat(this.twoBranches.downgrade("main@-2", BOTH)).isEqualTo(downgrade("m3", "m2"));
	}

	@Test
	void downgradeToBranchBaseRevertsTheWholeBranchAndNothingElse() {
		assertThat(this.twoBranches.downgrade("billing@base", BOTH)).isEqualTo(downgrade("b3", "b2", "b1"));
		assertThat(this.twoBranches.downgrade("billing@base", Set.of("m1", "b1"))).isEqualTo(downgrade("b1"));
		assertThat(this.twoBranches.downgrade("billing@base", Set.of("m1")).isEmpty()).isTrue();
	}

	@Test
	void downgradeToTheBaseOfABranchFromElsewhereKeepsTheRevisionsBelowIt() {
		Set<String> all = Set.of("r1", "r2", "r3", "x1", "x2");
		assertThat(this.fromElsewhere.downgrade("reports@base", all)).isEqualTo(downgrade("x2", "x1"));
		assertThat(this.fromElsewhere.downgrade("reports@-1", all)).isEqualTo(downgrade("x2"));
	}

	@Test
	void mergeBelongsToBothBranches() {
		Set<String> all = Set.of("m1", "m2", "m3", "b1", "b2", "b3", "mg");
		assertThat(this.merged.upgrade("billing@head", Set.of())).isEqualTo(this.merged.upgrade("main@head", Set.of()));
		assertThat(this.merged.downgrade("billing@-1", all)).isEqualTo(downgrade("mg"));
		assertThat(this.merged.downgrade("billing@-2", all)).isEqualTo(downgrade("mg", "b3"));
		assertThat(this.merged.downgrade("main@-2", all)).isEqualTo(downgrade("mg", "m3"));
		assertThat(this.merged.downgrade("billing@base", all)).isEqualTo(downgrade("mg", "b3", "b2", "b1"));
	}

	@Test
	void downgradeOfABranchRevertsTheRevisionsOfOtherBranchesThatDependOnIt() {
		MigrationPlanner crossed = planner(labelled("m1", "main"), dependent("m2", List.of("m1"), List.of("b2")),
				labelled("b1", "billing"), revision("b2", "b1"), revision("b3", "b2"));
		Set<String> all = Set.of("m1", "m2", "b1", "b2", "b3");
		assertThat(crossed.downgrade("billing@base", all)).isEqualTo(downgrade("m2", "b3", "b2", "b1"));
		assertThat(crossed.downgrade("billing@-1", all)).isEqualTo(downgrade("b3"));
		assertThat(crossed.downgrade("billing@-2", all)).isEqualTo(downgrade("m2", "b3", "b2"));
		assertThat(crossed.downgrade("main@base", all)).isEqualTo(downgrade("m2", "m1"));
	}

	@Test
	void downgradeByMoreBranchStepsThanAppliedFails() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.downgrade("billing@-2", Set.of("m1", "m2", "b1")))
			.withMessage("Cannot roll back by 'billing@-2': only 1 revision of branch 'billing' is applied");
	}

	@Test
	void branchTargetsInTheWrongDirectionFail() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.upgrade("billing@base", Set.of()))
			.withMessage("Cannot upgrade to 'billing@base'; use rollback to remove the branch 'billing'");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.upgrade("billing@-1", BOTH))
			.withMessage("Cannot upgrade by 'billing@-1'; use rollback to go down");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.downgrade("billing@head", BOTH))
			.withMessage("Cannot roll back to 'billing@head'; use migrate to go up");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.downgrade("billing@+1", BOTH))
			.withMessage("Cannot roll back by 'billing@+1'; use migrate to go up");
	}

	@Test
	void unknownLabelFailsListingTheLabels() {
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.upgrade("biling@head", Set.of()))
			.withMessage("Unknown branch label 'biling': the labels are billing, main");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.twoBranches.downgrade("shop@base", BOTH))
			.withMessage("Unknown branch label 'shop': the labels are billing, main");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> this.fromElsewhere.downgrade("x@-1", Set.of("r1")))
			.withMessage("Unknown branch label 'x': the labels are reports");
		MigrationPlanner unlabelled = planner(revision("a"));
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> unlabelled.upgrade("billing@+1", Set.of()))
			.withMessage("Unknown branch label 'billing': no revision declares branch_labels");
	}

	@Test
	void targetsWithoutLabelsKeepWorkingOnALabelledGraph() {
		assertThat(this.twoBranches.upgrade("heads", Set.of())).isEqualTo(upgrade("b1", "m1", "b2", "m2", "b3", "m3"));
		assertThat(this.twoBranches.downgrade("base", BOTH)).isEqualTo(downgrade("m3", "b3", "m2", "b2", "m1", "b1"));
		assertThat(this.twoBranches.downgrade("b1", BOTH)).isEqualTo(downgrade("b3", "b2"));
		assertThat(this.merged.upgrade("head", Set.of()).steps()).hasSize(7);
	}

	@Test
	void revisionResolvesTargetsThatNameOneRevision() {
		assertThat(this.twoBranches.revision("billing@head")).isEqualTo("b3");
		assertThat(this.twoBranches.revision("b2")).isEqualTo("b2");
		assertThat(this.twoBranches.revision("billing@head")).isEqualTo("b3");
		assertThat(this.merged.revision("head")).isEqualTo("mg");
		assertThat(this.merged.revision("main@head")).isEqualTo("mg");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.twoBranches.revision("heads"))
			.withMessageStartingWith("Target 'heads' designates no single revision");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> this.twoBranches.revision("billing@+1"))
			.withMessageStartingWith("Target 'billing@+1' designates no single revision");
		assertThatExceptionOfType(MultipleHeadsException.class).isThrownBy(() -> this.twoBranches.revision("head"));
	}

	static Revision labelled(String id, String label, String... parents) {
		return new Revision(id, "", Arrays.asList(parents), List.of(), id + ".sql", List.of(label));
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
