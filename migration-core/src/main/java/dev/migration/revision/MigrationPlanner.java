package dev.migration.revision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.migration.TargetException;

/**
 * Plans migrations: resolves a target against a {@link RevisionGraph} and the
 * revisions already applied, and returns the {@link MigrationPlan} that reaches it. A
 * pure function of its inputs, so that {@code status}, dry runs and offline SQL show
 * exactly what {@code migrate} and {@code rollback} run.
 * <p>
 * Targets follow Alembic:
 * <ul>
 * <li>{@code head}: the single head; {@code heads}: every head;</li>
 * <li>{@code base}: before the first revision (downgrade only);</li>
 * <li>a full revision id or a unique prefix of one;</li>
 * <li>{@code +N} (upgrade only): the next {@code N} pending revisions;</li>
 * <li>{@code -N} (downgrade only): the last {@code N} applied revisions;</li>
 * <li>{@code <rev>+N}: the revision {@code N} children above {@code <rev>};
 * {@code <rev>-N}: the revision {@code N} parents below it, where {@code <rev>} is an
 * id, a prefix or {@code head}.</li>
 * </ul>
 * Steps follow the graph's {@linkplain RevisionGraph topological order}, reversed for
 * a downgrade. Applied revision ids that the graph does not know are ignored: the
 * caller decides what to make of a database ahead of its scripts.
 */
public final class MigrationPlanner {

	private final RevisionGraph graph;

	/**
	 * Create a planner for the given graph.
	 * @param graph the revision graph
	 */
	public MigrationPlanner(RevisionGraph graph) {
		this.graph = Objects.requireNonNull(graph, "graph");
	}

	/**
	 * Plan an upgrade: the pending revisions needed to reach the target, oldest first.
	 * Upgrading to a revision that is already applied plans nothing.
	 * @param target {@code head}, {@code heads}, an id or prefix, {@code +N},
	 * {@code <rev>+N} or {@code <rev>-N}
	 * @param applied the applied revision ids
	 * @return the plan, in the {@link Direction#UPGRADE} direction
	 * @throws TargetException if the target is malformed, unknown, ambiguous or meant
	 * for a downgrade
	 */
	public MigrationPlan upgrade(String target, Set<String> applied) {
		Objects.requireNonNull(applied, "applied");
		Target parsed = Target.parse(target);
		return switch (parsed.kind()) {
			case HEAD -> {
				List<String> heads = this.graph.heads();
				yield heads.isEmpty() ? upgradePlan(List.of()) : upgradeTo(singleHead(), applied);
			}
			case HEADS -> upgradePlan(pending(this.graph.heads(), applied));
			case BASE -> throw new TargetException(
					"Cannot upgrade to 'base'; use rollback to go down to base");
			case RELATIVE -> upgradeBy(parsed, applied);
			case REVISION -> upgradeTo(resolve(parsed), applied);
		};
	}

	/**
	 * Plan a downgrade: the applied revisions to revert to reach the target, newest
	 * first. The target revision itself stays applied.
	 * @param target {@code base}, {@code -N}, an id or prefix, {@code <rev>+N} or
	 * {@code <rev>-N}; the revision must be applied
	 * @param applied the applied revision ids
	 * @return the plan, in the {@link Direction#DOWNGRADE} direction
	 * @throws TargetException if the target is malformed, unknown, ambiguous, not
	 * applied or meant for an upgrade
	 */
	public MigrationPlan downgrade(String target, Set<String> applied) {
		Objects.requireNonNull(applied, "applied");
		Target parsed = Target.parse(target);
		List<String> known = this.graph.topologicalOrder(applied.stream().filter(this.graph::contains).toList());
		return switch (parsed.kind()) {
			case HEAD, HEADS -> throw new TargetException(
					"Cannot roll back to " + Target.quote(parsed.text()) + "; use migrate to go up");
			case BASE -> downgradePlan(known);
			case RELATIVE -> downgradeBy(parsed, known);
			case REVISION -> downgradeTo(resolve(parsed), known);
		};
	}

	private MigrationPlan upgradeTo(String revision, Set<String> applied) {
		if (applied.contains(revision)) {
			return upgradePlan(List.of());
		}
		return upgradePlan(pending(List.of(revision), applied));
	}

	private MigrationPlan upgradeBy(Target target, Set<String> applied) {
		if (target.steps() < 0) {
			throw new TargetException("Cannot upgrade by " + Target.quote(target.text())
					+ "; use rollback to go down");
		}
		List<String> pending = pending(this.graph.heads(), applied);
		if (pending.size() < target.steps()) {
			throw new TargetException("Cannot upgrade by " + Target.quote(target.text()) + ": only "
					+ count(pending.size(), "revision is", "revisions are") + " pending");
		}
		return upgradePlan(pending.subList(0, target.steps()));
	}

	private MigrationPlan downgradeTo(String revision, List<String> applied) {
		if (!applied.contains(revision)) {
			throw new TargetException("Revision " + Target.quote(revision)
					+ " is not applied; nothing to roll back to");
		}
		Set<String> descendants = this.graph.descendants(revision);
		return downgradePlan(applied.stream().filter(descendants::contains).toList());
	}

	private MigrationPlan downgradeBy(Target target, List<String> applied) {
		if (target.steps() > 0) {
			throw new TargetException("Cannot roll back by " + Target.quote(target.text())
					+ "; use migrate to go up");
		}
		int steps = -target.steps();
		if (applied.size() < steps) {
			throw new TargetException("Cannot roll back by " + Target.quote(target.text()) + ": only "
					+ count(applied.size(), "revision is", "revisions are") + " applied");
		}
		return downgradePlan(applied.subList(applied.size() - steps, applied.size()));
	}

	/**
	 * The revisions needed to reach the given ones, themselves included, that are not
	 * applied, in topological order.
	 */
	private List<String> pending(List<String> targets, Set<String> applied) {
		return this.graph.withAncestors(targets, applied);
	}

	/**
	 * Resolve a revision reference: {@code head} or an id or prefix, then walk its
	 * step count along children ({@code +N}) or parents ({@code -N}).
	 */
	private String resolve(Target target) {
		String revision = target.reference().equals(Target.HEAD) ? singleHead()
				: this.graph.resolveId(target.reference());
		for (int step = 0; step < Math.abs(target.steps()); step++) {
			revision = (target.steps() > 0) ? child(target, revision) : parent(target, revision);
		}
		return revision;
	}

	private String child(Target target, String revision) {
		List<String> children = this.graph.children(revision);
		if (children.isEmpty()) {
			throw new TargetException("Cannot resolve " + Target.quote(target.text()) + ": revision "
					+ Target.quote(revision) + " is a head");
		}
		if (children.size() > 1) {
			throw new TargetException("Cannot resolve " + Target.quote(target.text()) + ": revision "
					+ Target.quote(revision) + " branches into " + String.join(", ", sorted(children))
					+ "; name one of them");
		}
		return children.get(0);
	}

	private String parent(Target target, String revision) {
		List<String> parents = this.graph.parents(revision);
		if (parents.isEmpty()) {
			throw new TargetException("Cannot resolve " + Target.quote(target.text()) + ": revision "
					+ Target.quote(revision) + " is a base");
		}
		if (parents.size() > 1) {
			throw new TargetException("Cannot resolve " + Target.quote(target.text()) + ": revision "
					+ Target.quote(revision) + " merges " + String.join(", ", sorted(parents))
					+ "; name one of them");
		}
		return parents.get(0);
	}

	private String singleHead() {
		List<String> heads = this.graph.heads();
		if (heads.isEmpty()) {
			throw new TargetException("No head: there are no revisions");
		}
		if (heads.size() > 1) {
			throw new TargetException("Multiple heads: " + String.join(", ", heads)
					+ "; use 'heads' or a revision id, or merge them");
		}
		return heads.get(0);
	}

	private static List<String> sorted(List<String> ids) {
		List<String> sorted = new ArrayList<>(ids);
		Collections.sort(sorted);
		return sorted;
	}

	private static String count(int count, String singular, String plural) {
		return count + " " + ((count == 1) ? singular : plural);
	}

	private static MigrationPlan upgradePlan(List<String> steps) {
		return new MigrationPlan(Direction.UPGRADE, steps);
	}

	private static MigrationPlan downgradePlan(List<String> applied) {
		List<String> steps = new ArrayList<>(applied);
		Collections.reverse(steps);
		return new MigrationPlan(Direction.DOWNGRADE, steps);
	}

}
