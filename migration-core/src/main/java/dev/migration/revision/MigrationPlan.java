package dev.migration.revision;

import java.util.List;
import java.util.Objects;

/**
 * The revisions to run, in the order they must run: oldest first for an
 * {@link Direction#UPGRADE upgrade}, newest first for a {@link Direction#DOWNGRADE
 * downgrade}. A pure function of the graph, the target and the applied revisions.
 *
 * @param direction whether the steps are applied or reverted
 * @param steps the revision ids, in execution order
 */
public record MigrationPlan(Direction direction, List<String> steps) {

	public MigrationPlan {
		Objects.requireNonNull(direction, "direction");
		steps = List.copyOf(steps);
	}

	/**
	 * Whether there is nothing to run.
	 * @return {@code true} if the plan has no step
	 */
	public boolean isEmpty() {
		return this.steps.isEmpty();
	}

}
