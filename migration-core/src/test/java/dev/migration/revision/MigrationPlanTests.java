package dev.migration.revision;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link MigrationPlan}.
 */
class MigrationPlanTests {

	@Test
	void stepsAreCopied() {
		List<String> steps = new ArrayList<>(List.of("a", "b"));
		MigrationPlan plan = new MigrationPlan(Direction.UPGRADE, steps);
		steps.add("c");
		assertThat(plan.steps()).containsExactly("a", "b");
		assertThat(plan.isEmpty()).isFalse();
	}

	@Test
	void planWithoutStepsIsEmpty() {
		assertThat(new MigrationPlan(Direction.DOWNGRADE, List.of()).isEmpty()).isTrue();
	}

	@Test
	void directionIsRequired() {
		assertThatNullPointerException().isThrownBy(() -> new MigrationPlan(null, List.of())).withMessage("direction");
	}

}
