package dev.migration.revision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.migration.MultipleHeadsException;
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
 * <li>{@code +N} (upgrade only): the next {@code N} pending revisions, one at a time,
 * each the only pending revision whose parents and dependencies are applied; refused
 * where several could come next (a branch point, two roots), naming them;</li>
 * <li>{@code -N} (downgrade only): the last {@code N} applied revisions, one at a
 * time, each the only applied revision that no other applied revision needs; refused
 * where the database is at several revisions (several heads, or below a merge),
 * naming them;</li>
 * <li>{@code <rev>+N}: the revision {@code N} children above {@code <rev>};
 * {@code <rev>-N}: the revision {@code N} parents below it, where {@code <rev>} is an
 * id, a prefix or {@code head}; refused at a branch point or a merge;</li>
 * <li>{@code base+N}: the single base for {@code base+1}, then {@code N - 1} children
 * above it; refused where there are several bases;</li>
 * <li>{@code <label>@head}: the single head of the branch the label names (the
 * revision that declares it and every revision above it along parents);</li>
 * <li>{@code <label>@base} (downgrade only): before the branch: the revision that
 * declares the label and every applied revision above it go, with whatever applied
 * needs them, while the revisions below it, which other branches need, stay;</li>
 * <li>{@code <label>@+N} and {@code <label>@-N}: as {@code +N} and {@code -N}, counting
 * and choosing the branch's revisions only; an upgrade also applies what they need
 * outside the branch, a downgrade also reverts whatever applied needs them.</li>
 * </ul>
 * An upgrade applies the target's pending ancestors and the target itself. A downgrade
 * to a revision keeps it applied and reverts its applied children, with everything
 * applied that needs them as a parent or a dependency; revisions on other branches
 * that merely depend on the target stay, as they do in Alembic. Steps follow the
 * graph's {@linkplain RevisionGraph topological order}, reversed for a downgrade.
 * Applied revision ids that the graph does not know are ignored: the caller decides
 * what to make of a database ahead of its scripts.
 */
public final class MigrationPlanner {

	private final RevisionGraph graph;

	private final RelativeSteps relative;

	/**
	 * Create a planner for the given graph.
	 * @param graph the revision graph
	 */
	public MigrationPlanner(RevisionGraph graph) {
		this.graph = Objects.requireNonNull(graph, "graph");
		this.relative = new RelativeSteps(graph);
	}

	/**
	 * Plan an upgrade: the pending revisions needed to reach the target, oldest first.
	 * Upgrading to a revision that is already applied plans nothing.
	 * @param target {@code head}, {@code heads}, an id or prefix, {@code +N},
	 * {@code <rev>+N}, {@code <rev>-N}, {@code base+N}, {@code <label>@head} or
	 * {@code <label>@+N}
	 * @param applied the applied revision ids
	 * @return the plan, in the {@link Direction#UPGRADE} direction
	 * @throws TargetException if the target is malformed, unknown, ambiguous or meant
	 * for a downgrade
	 */
	public MigrationPlan upgrade(String target, Set<String> applied) {
		Objects.requireNonNull(applied, "applied");
		Target parsed = Target.parse(target);
		if (parsed.branch() != null) {
			return upgradeBranch(parsed, applied);
		}
		return switch (parsed.kind()) {
			case HEAD -> {
				List<String> heads = this.graph.heads();
				yield heads.isEmpty() ? upgradePlan(List.of()) : upgradeTo(singleHead(parsed), applied);
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
	 * first. The target revision itself stays applied, and so do the revisions that
	 * merely depend on it.
	 * @param target {@code base}, {@code -N}, an id or prefix, {@code <rev>+N},
	 * {@code <rev>-N}, {@code base+N}, {@code <label>@base} or {@code <label>@-N}; the
	 * revision must be applied
	 * @param applied the applied revision ids
	 * @return the plan, in the {@link Direction#DOWNGRADE} direction
	 * @throws TargetException if the target is malformed, unknown, ambiguous, not
	 * applied or meant for an upgrade
	 */
	public MigrationPlan downgrade(String target, Set<String> applied) {
		Objects.requireNonNull(applied, "applied");
		Target parsed = Target.parse(target);
		List<String> known = this.graph.topologicalOrder(applied.stream().filter(this.graph::contains).toList());
		if (parsed.branch() != null) {
			return downgradeBranch(parsed, known);
		}
		return switch (parsed.kind()) {
			case HEAD, HEADS -> throw new TargetException(
					"Cannot roll back to " + Target.quote(parsed.text()) + "; use migrate to go up");
			case BASE -> downgradePlan(known);
			case RELATIVE -> downgradeBy(parsed, known);
			case REVISION -> downgradeTo(resolve(parsed), known);
		};
	}

	/**
	 * Resolve a target that designates one revision of the scripts, whatever is
	 * applied: the parent named for a new revision, say.
	 * @param target {@code head}, an id or prefix, {@code <rev>+N}, {@code <rev>-N},
	 * {@code base+N} or {@code <label>@head}
	 * @return the full revision id
	 * @throws TargetException if the target is malformed, unknown or ambiguous, or
	 * designates no single revision ({@code heads}, {@code base}, {@code +N})
	 */
	public String revision(String target) {
		Target parsed = Target.parse(target);
		return switch (parsed.kind()) {
			case HEAD -> (parsed.branch() != null) ? singleBranchHead(parsed) : singleHead(parsed);
			case REVISION -> resolve(parsed);
			case HEADS, BASE, RELATIVE -> throw new TargetException("Target " + Target.quote(parsed.text())
					+ " designates no single revision; name one: head, an id or prefix, <rev>+N, <rev>-N, base+N "
					+ "or <label>@head");
		};
	}

	/**
	 * Plan the downgrade of one applied revision alone, whatever else is applied: how
	 * the round trip verification reverts a revision right after applying it, where
	 * {@code -1} may have several revisions to choose from.
	 * @param revision the full revision id
	 * @param applied the applied revision ids
	 * @return the plan of that one step, in the {@link Direction#DOWNGRADE} direction
	 * @throws TargetException if the revision is unknown, not applied, or needed by
	 * another applied revision
	 */
	public MigrationPlan revert(String revision, Set<String> applied) {
		Objects.requireNonNull(applied, "applied");
		this.graph.require(revision);
		if (!applied.contains(revision)) {
			throw new TargetException("Revision " + Target.quote(revision) + " is not applied; nothing to revert");
		}
		List<String> needing = this.graph.descendants(revision).stream().filter(applied::contains).toList();
		if (!needing.isEmpty()) {
			throw new TargetException("Cannot revert " + Target.quote(revision) + " alone: "
					+ String.join(", ", needing) + " need it and are applied");
		}
		return new MigrationPlan(Direction.DOWNGRADE, List.of(revision));
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
		return upgradePlan(this.relative.up(target, applied));
	}

	/**
	 * {@code <label>@head} and {@code <label>@+N}.
	 */
	private MigrationPlan upgradeBranch(Target target, Set<String> applied) {
		return switch (target.kind()) {
			case HEAD -> upgradeTo(singleBranchHead(target), applied);
			case BASE -> throw new TargetException("Cannot upgrade to " + Target.quote(target.text())
					+ "; use rollback to remove the branch " + Target.quote(target.branch()));
			case RELATIVE -> {
				if (target.steps() < 0) {
					throw new TargetException("Cannot upgrade by " + Target.quote(target.text())
							+ "; use rollback to go down");
				}
				// The branch's next revisions, with what they need outside the branch.
				yield upgradePlan(pending(this.relative.up(target, applied), applied));
			}
			default -> throw new IllegalStateException("Not a branch target: " + target);
		};
	}

	/**
	 * {@code <label>@base} and {@code <label>@-N}: the branch's revisions go, and
	 * whatever applied needs them with them.
	 */
	private MigrationPlan downgradeBranch(Target target, List<String> applied) {
		List<String> reverting = switch (target.kind()) {
			case HEAD -> throw new TargetException(
					"Cannot roll back to " + Target.quote(target.text()) + "; use migrate to go up");
			case BASE -> {
				Set<String> branch = this.graph.branch(target.branch());
				yield applied.stream().filter(branch::contains).toList();
			}
			case RELATIVE -> {
				if (target.steps() > 0) {
					throw new TargetException("Cannot roll back by " + Target.quote(target.text())
							+ "; use migrate to go up");
				}
				yield this.relative.down(target, applied);
			}
			default -> throw new IllegalStateException("Not a branch target: " + target);
		};
		Set<String> reverted = this.graph.withDescendants(reverting);
		return downgradePlan(applied.stream().filter(reverted::contains).toList());
	}

	private MigrationPlan downgradeTo(String revision, List<String> applied) {
		if (!applied.contains(revision)) {
			throw new TargetException("Revision " + Target.quote(revision)
					+ " is not applied; nothing to roll back to");
		}
		// From the children, not the revision: one that only depends on the revision
		// still has what it needs, while whatever needs a reverted child goes with it.
		List<String> children = this.graph.children(revision).stream().filter(applied::contains).toList();
		Set<String> reverted = this.graph.withDescendants(children);
		return downgradePlan(applied.stream().filter(reverted::contains).toList());
	}

	private MigrationPlan downgradeBy(Target target, List<String> applied) {
		if (target.steps() > 0) {
			throw new TargetException("Cannot roll back by " + Target.quote(target.text())
					+ "; use migrate to go up");
		}
		List<String> steps = this.relative.down(target, applied);
		return new MigrationPlan(Direction.DOWNGRADE, steps);
	}

	/**
	 * The revisions needed to reach the given ones, themselves included, that are not
	 * applied, in topological order.
	 */
	private List<String> pending(List<String> targets, Set<String> applied) {
		return this.graph.withAncestors(targets, applied);
	}

	/**
	 * Resolve a revision reference: {@code head}, {@code base} (with a step count) or an
	 * id or prefix, then walk its step count along children ({@code +N}) or parents
	 * ({@code -N}). {@code base+1} is the single base, so from there one step fewer.
	 */
	private String resolve(Target target) {
		String reference = target.reference();
		int steps = target.steps();
		String revision;
		if (reference.equals(Target.BASE)) {
			revision = singleBase(target);
			steps--;
		}
		else {
			revision = reference.equals(Target.HEAD) ? singleHead(target) : this.graph.resolveId(reference);
		}
		for (int step = 0; step < Math.abs(steps); step++) {
			revision = (steps > 0) ? child(target, revision) : parent(target, revision);
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

	private String singleHead(Target target) {
		List<String> heads = this.graph.heads();
		if (heads.isEmpty()) {
			throw new TargetException("No head: there are no revisions");
		}
		if (heads.size() > 1) {
			throw new MultipleHeadsException("Multiple heads: " + String.join(", ", heads) + "; "
					+ Target.quote(target.text()) + " needs one. Migrate to 'heads' for all of them or to a "
					+ "revision id for one, or join them in a merge revision (MigrationAuthor.merge)", heads,
					target.text());
		}
		return heads.get(0);
	}

	private String singleBranchHead(Target target) {
		List<String> heads = this.graph.branchHeads(target.branch());
		if (heads.size() > 1) {
			throw new MultipleHeadsException("Branch " + Target.quote(target.branch()) + " has several heads: "
					+ String.join(", ", heads) + "; " + Target.quote(target.text()) + " needs one. Migrate to a "
					+ "revision id for one, or join them in a merge revision (MigrationAuthor.merge)", heads,
					target.text());
		}
		return heads.get(0);
	}

	private String singleBase(Target target) {
		List<String> bases = this.graph.bases();
		if (bases.isEmpty()) {
			throw new TargetException("Cannot resolve " + Target.quote(target.text()) + ": there are no revisions");
		}
		if (bases.size() > 1) {
			String first = sorted(bases).get(0);
			String example = (target.steps() == 1) ? first : first + "+" + (target.steps() - 1);
			throw new TargetException("Cannot resolve " + Target.quote(target.text()) + ": there are several bases ("
					+ String.join(", ", sorted(bases)) + "); name the revision to start from instead, e.g. "
					+ Target.quote(example));
		}
		return bases.get(0);
	}

	private static List<String> sorted(List<String> ids) {
		List<String> sorted = new ArrayList<>(ids);
		Collections.sort(sorted);
		return sorted;
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
