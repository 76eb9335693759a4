package dev.migration.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.migration.TargetException;
import org.jspecify.annotations.Nullable;

/**
 * A range of revisions as Alembic's {@code history -r} takes it: {@code A:B} is
 * {@code B}, {@code A} and every revision between them (the ancestors of {@code B}
 * that descend from {@code A}); {@code A:} runs to the heads and {@code :B} from base.
 * Each side is any target naming revisions: {@code base}, {@code head},
 * {@code heads}, an id or unique prefix, {@code <rev>+N}, {@code <rev>-N}, {@code -1}
 * and {@code +2} relative to the current revision, {@code current}, or on a labelled
 * branch {@code billing@head}, {@code billing@base} and {@code billing@-1}.
 *
 * @param lower the older side, or {@code null} for base
 * @param upper the newer side, or {@code null} for the heads
 */
public record RevisionRange(@Nullable String lower, @Nullable String upper) {

	/**
	 * The side naming the database's current revisions.
	 */
	public static final String CURRENT = "current";

	public RevisionRange {
		lower = (lower != null && !lower.isBlank()) ? lower.strip() : null;
		upper = (upper != null && !upper.isBlank()) ? upper.strip() : null;
	}

	/**
	 * Parses {@code A:B}, {@code A:} or {@code :B}, checking the syntax of each side.
	 * @param text the range
	 * @return the range
	 * @throws TargetException for a range without exactly one {@code :}, with neither
	 * side, or with a malformed side, naming it
	 */
	public static RevisionRange parse(String text) {
		String range = (text != null) ? text.strip() : "";
		int colon = range.indexOf(':');
		if (colon < 0 || range.indexOf(':', colon + 1) >= 0) {
			throw new TargetException("Invalid revision range " + Target.quote(range)
					+ ": expected START:END, START: or :END, such as base:head, 3f2a:, :-1");
		}
		RevisionRange parsed = new RevisionRange(range.substring(0, colon), range.substring(colon + 1));
		if (parsed.lower() == null && parsed.upper() == null) {
			throw new TargetException("Invalid revision range " + Target.quote(range)
					+ ": give a start, an end or both, such as base:head, 3f2a: or :-1");
		}
		check(parsed.lower(), "start", range);
		check(parsed.upper(), "end", range);
		return parsed;
	}

	private static void check(@Nullable String side, String name, String range) {
		if (side == null || side.equals(CURRENT)) {
			return;
		}
		try {
			Target.parse(side);
		}
		catch (TargetException ex) {
			throw new TargetException(describe(name, side, range) + ex.getMessage());
		}
	}

	private static String describe(String name, String side, String range) {
		return "Invalid " + name + " " + Target.quote(side) + " of revision range " + Target.quote(range) + ": ";
	}

	/**
	 * The revisions in the range.
	 * @param graph the revisions
	 * @param current the database's current revisions, for {@code current}, {@code -1}
	 * and {@code +2}
	 * @return the ids, in topological order
	 * @throws TargetException if a side names no revision of the graph, naming it
	 */
	public Set<String> revisions(RevisionGraph graph, Collection<String> current) {
		Set<String> within = new LinkedHashSet<>();
		graph.revisions().forEach((revision) -> within.add(revision.id()));
		if (this.upper != null) {
			Set<String> below = new LinkedHashSet<>();
			for (String id : side(this.upper, "end", graph, current, false)) {
				below.add(id);
				below.addAll(graph.ancestors(id));
			}
			within.retainAll(below);
		}
		if (this.lower != null) {
			List<String> starts = side(this.lower, "start", graph, current, true);
			if (starts != null) {
				Set<String> above = new LinkedHashSet<>();
				for (String id : starts) {
					above.add(id);
					above.addAll(graph.descendants(id));
				}
				within.retainAll(above);
			}
		}
		return within;
	}

	/**
	 * The revisions a side names; for the start, {@code null} when it is base (no bound).
	 */
	private @Nullable List<String> side(String side, String name, RevisionGraph graph, Collection<String> current,
			boolean start) {
		try {
			return resolve(side, graph, current, start);
		}
		catch (TargetException ex) {
			throw new TargetException(describe(name, side, toString()) + ex.getMessage());
		}
	}

	private static @Nullable List<String> resolve(String side, RevisionGraph graph, Collection<String> current,
			boolean start) {
		if (side.equals(CURRENT)) {
			return List.copyOf(current);
		}
		Target target = Target.parse(side);
		MigrationPlanner planner = new MigrationPlanner(graph);
		return switch (target.kind()) {
			case HEADS -> (target.branch() != null) ? graph.branchHeads(target.branch()) : graph.heads();
			case BASE -> {
				if (target.branch() != null) {
					// The branch begins with the revision declaring the label.
					List<String> base = List.of(graph.branchBase(target.branch()));
					yield start ? base : List.of();
				}
				yield start ? null : List.of();
			}
			case RELATIVE -> List.of(relative(target, graph, planner, current));
			default -> List.of(planner.revision(side));
		};
	}

	/**
	 * {@code -1} or {@code billing@+1}: counted from the single current revision (on the
	 * branch), or up from base (the branch's base).
	 */
	private static String relative(Target target, RevisionGraph graph, MigrationPlanner planner,
			Collection<String> current) {
		List<String> from = new ArrayList<>(current);
		if (target.branch() != null) {
			from.retainAll(graph.branch(target.branch()));
		}
		if (from.isEmpty()) {
			if (target.steps() < 0) {
				throw new TargetException("Nothing is applied" + ((target.branch() != null) ? " on branch '"
						+ target.branch() + "'" : "") + ", so nothing is below the current revision");
			}
			if (target.branch() != null) {
				String base = graph.branchBase(target.branch());
				return (target.steps() == 1) ? base : planner.revision(base + "+" + (target.steps() - 1));
			}
			return planner.revision(Target.BASE + step(target));
		}
		if (from.size() > 1) {
			throw new TargetException("There are " + from.size() + " current revisions (" + String.join(", ", from)
					+ "): name one instead, as <rev>" + step(target));
		}
		return planner.revision(from.get(0) + step(target));
	}

	private static String step(Target target) {
		return ((target.steps() > 0) ? "+" : "-") + Math.abs(target.steps());
	}

	@Override
	public String toString() {
		return ((this.lower != null) ? this.lower : "") + ":" + ((this.upper != null) ? this.upper : "");
	}

}
