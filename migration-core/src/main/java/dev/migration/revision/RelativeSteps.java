package dev.migration.revision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.migration.TargetException;

/**
 * Resolves {@code +N} and {@code -N}, on the whole graph or on a branch
 * ({@code billing@+1}): walks from the applied revisions one revision at a time, and refuses where more than one revision could be the next step. With
 * branches there is no "next" or "last" revision but a choice, and the topological
 * order would make it silently (by depth, then id); the user makes it instead, naming
 * a revision.
 */
final class RelativeSteps {

	private final RevisionGraph graph;

	RelativeSteps(RevisionGraph graph) {
		this.graph = graph;
	}

	/**
	 * The revisions {@code +N} applies, oldest first: at each step the only pending
	 * revision whose parents and dependencies are all applied. For
	 * {@code <label>@+N}, the revisions counted and chosen are those of the branch, and
	 * a prerequisite outside the branch does not hold one back: the caller applies it
	 * with the revision that needs it.
	 * @param target {@code +N} or {@code <label>@+N}
	 * @param applied the applied revision ids
	 * @return the revisions to apply (of the branch, for a branch), in order
	 * @throws TargetException if fewer than {@code N} revisions are pending, or if at
	 * some step several revisions could come next
	 */
	List<String> up(Target target, Set<String> applied) {
		int steps = target.steps();
		Set<String> scope = scope(target);
		List<String> pending = new ArrayList<>();
		for (Revision revision : this.graph.revisions()) {
			if (!applied.contains(revision.id()) && (scope == null || scope.contains(revision.id()))) {
				pending.add(revision.id());
			}
		}
		if (pending.size() < steps) {
			throw new TargetException("Cannot upgrade by " + Target.quote(target.text()) + ": only "
					+ count(pending.size(), "revision", "revisions") + of(target)
					+ ((pending.size() == 1) ? " is" : " are") + " pending");
		}
		Set<String> pendingIds = new HashSet<>(pending);
		// Kahn's algorithm over the pending revisions, one revision at a time.
		Map<String, Integer> missing = new HashMap<>();
		Map<String, List<String>> waiting = new HashMap<>();
		TreeSet<String> ready = new TreeSet<>();
		for (String id : pending) {
			int count = 0;
			for (String prerequisite : this.graph.prerequisites(id)) {
				if (pendingIds.contains(prerequisite)) {
					count++;
					waiting.computeIfAbsent(prerequisite, (key) -> new ArrayList<>()).add(id);
				}
			}
			missing.put(id, count);
			if (count == 0) {
				ready.add(id);
			}
		}
		List<String> plan = new ArrayList<>(steps);
		while (plan.size() < steps) {
			if (ready.size() > 1) {
				throw new TargetException("Cannot upgrade by " + Target.quote(target.text()) + ": "
						+ after(plan.size()) + "several revisions" + of(target) + " could come next ("
						+ String.join(", ", ready) + "); name the revision to migrate to instead, e.g. "
						+ Target.quote(ready.first()));
			}
			String next = ready.pollFirst();
			plan.add(next);
			for (String dependent : waiting.getOrDefault(next, List.of())) {
				if (missing.merge(dependent, -1, Integer::sum) == 0) {
					ready.add(dependent);
				}
			}
		}
		return plan;
	}

	/**
	 * The revisions {@code -N} reverts, newest first: at each step the only applied
	 * revision that no other applied revision needs as a parent or a dependency. For
	 * {@code <label>@-N}, the revisions counted and chosen are those of the branch, and
	 * only a revision of the branch holds another one back: the caller reverts whatever
	 * else needs a chosen revision with it.
	 * @param target {@code -N} or {@code <label>@-N}
	 * @param applied the applied revision ids the graph knows
	 * @return the revisions to revert (of the branch, for a branch), in order
	 * @throws TargetException if fewer than {@code N} revisions are applied, or if at
	 * some step the database is at several revisions
	 */
	List<String> down(Target target, List<String> applied) {
		int steps = -target.steps();
		Set<String> scope = scope(target);
		List<String> candidates = (scope != null) ? applied.stream().filter(scope::contains).toList() : applied;
		if (candidates.size() < steps) {
			throw new TargetException("Cannot roll back by " + Target.quote(target.text()) + ": only "
					+ count(candidates.size(), "revision", "revisions") + of(target)
					+ ((candidates.size() == 1) ? " is" : " are") + " applied");
		}
		Set<String> known = new HashSet<>(candidates);
		Map<String, Integer> neededBy = new HashMap<>();
		for (String id : candidates) {
			for (String prerequisite : this.graph.prerequisites(id)) {
				if (known.contains(prerequisite)) {
					neededBy.merge(prerequisite, 1, Integer::sum);
				}
			}
		}
		TreeSet<String> last = new TreeSet<>();
		for (String id : candidates) {
			if (!neededBy.containsKey(id)) {
				last.add(id);
			}
		}
		List<String> plan = new ArrayList<>(steps);
		while (plan.size() < steps) {
			if (last.size() > 1) {
				throw new TargetException("Cannot roll back by " + Target.quote(target.text()) + ": "
						+ after(plan.size()) + ((target.branch() != null)
								? "the branch " + Target.quote(target.branch()) + " is" : "the database is")
						+ " at several revisions (" + String.join(", ", last)
						+ "); name the revision to roll back to instead" + example(last));
			}
			String reverted = last.pollFirst();
			plan.add(reverted);
			for (String prerequisite : this.graph.prerequisites(reverted)) {
				if (known.contains(prerequisite) && neededBy.merge(prerequisite, -1, Integer::sum) == 0) {
					last.add(prerequisite);
				}
			}
		}
		return plan;
	}

	/**
	 * The revisions a target counts: those of its branch, or {@code null} for all.
	 */
	private Set<String> scope(Target target) {
		return (target.branch() != null) ? this.graph.branch(target.branch()) : null;
	}

	/**
	 * The branch a target counts in, for a message: {@code " of branch 'billing'"}.
	 */
	private static String of(Target target) {
		return (target.branch() != null) ? " of branch " + Target.quote(target.branch()) : "";
	}

	/**
	 * An example of {@code <rev>-1}, from the first revision with a single parent.
	 */
	private String example(Set<String> revisions) {
		for (String revision : revisions) {
			if (this.graph.parents(revision).size() == 1) {
				return ", e.g. " + Target.quote(revision + "-1");
			}
		}
		return "";
	}

	private static String after(int steps) {
		return (steps == 0) ? "" : "after " + count(steps, "step", "steps") + " ";
	}

	private static String count(int count, String singular, String plural) {
		return count + " " + ((count == 1) ? singular : plural);
	}

}
