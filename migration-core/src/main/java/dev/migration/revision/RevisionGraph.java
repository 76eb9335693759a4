package dev.migration.revision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.migration.RevisionGraphException;
import dev.migration.TargetException;

/**
 * The validated, immutable graph of revisions. Two kinds of edges lead from a
 * revision to the revisions that must be applied before it: its parents
 * ({@code down_revision}) and its dependencies ({@code depends_on}). Only parents
 * shape branches: a dependency does not stop a revision from being a head.
 * <p>
 * <b>Ordering.</b> Every list of revisions this graph returns is in its one
 * topological order, computed once: Kahn's algorithm over both kinds of edges where,
 * among the revisions whose prerequisites are all placed, the one placed first has
 * the lowest depth, then the lowest id (in {@link String#compareTo natural order}).
 * The depth of a revision is the length of the longest chain of prerequisites below
 * it: {@code 0} for a root without dependencies. The order therefore depends only
 * on the revisions, never on the order they were found in.
 *
 * @see MigrationPlanner
 */
public final class RevisionGraph {

	private static final Set<String> RESERVED_IDS = Set.of(Target.HEAD, Target.HEADS, Target.BASE);

	private final Map<String, Revision> revisions;

	private final List<Revision> ordered;

	private final Map<String, Integer> positions;

	private final Map<String, List<String>> children;

	private final Map<String, List<String>> dependents;

	private final List<String> heads;

	private final List<String> bases;

	private RevisionGraph(List<Revision> ordered) {
		this.ordered = List.copyOf(ordered);
		this.revisions = new LinkedHashMap<>();
		this.positions = new HashMap<>();
		this.children = new HashMap<>();
		this.dependents = new HashMap<>();
		for (Revision revision : ordered) {
			this.positions.put(revision.id(), this.positions.size());
			this.revisions.put(revision.id(), revision);
			this.children.put(revision.id(), new ArrayList<>());
			this.dependents.put(revision.id(), new ArrayList<>());
		}
		for (Revision revision : ordered) {
			for (String parent : new LinkedHashSet<>(revision.downRevisions())) {
				this.children.get(parent).add(revision.id());
			}
			for (String prerequisite : prerequisites(revision)) {
				this.dependents.get(prerequisite).add(revision.id());
			}
		}
		this.heads = ordered.stream()
			.map(Revision::id)
			.filter((id) -> this.children.get(id).isEmpty())
			.toList();
		this.bases = ordered.stream().filter(Revision::isRoot).map(Revision::id).toList();
	}

	/**
	 * Validate revisions and build their graph. Every problem is reported at once, one
	 * per line, naming the revisions and sources involved: duplicate ids, invalid or
	 * reserved ids, missing parents, missing dependencies and cycles.
	 * @param revisions the revisions, in any order
	 * @return the graph
	 * @throws RevisionGraphException if the revisions do not form a valid graph
	 */
	public static RevisionGraph of(Collection<Revision> revisions) {
		Objects.requireNonNull(revisions, "revisions");
		List<String> problems = new ArrayList<>();
		Map<String, List<Revision>> byId = revisions.stream()
			.collect(Collectors.groupingBy(Revision::id, TreeMap::new, Collectors.toList()));
		Map<String, Revision> unique = new TreeMap<>();
		byId.forEach((id, declared) -> {
			unique.put(id, declared.get(0));
			if (declared.size() > 1) {
				problems.add("Duplicate revision id " + Target.quote(id) + " in "
						+ declared.stream().map(Revision::source).collect(Collectors.joining(", ")));
			}
		});
		for (Revision revision : unique.values()) {
			if (!Revision.isValidId(revision.id())) {
				problems.add("Invalid revision id " + Target.quote(revision.id()) + " in " + revision.source()
						+ ": only letters, digits and '_' are allowed");
			}
			else if (RESERVED_IDS.contains(revision.id())) {
				problems.add("Revision id " + Target.quote(revision.id()) + " in " + revision.source()
						+ " is reserved for targets; choose another id");
			}
		}
		for (Revision revision : unique.values()) {
			for (String parent : revision.downRevisions()) {
				if (!unique.containsKey(parent)) {
					problems.add("Revision " + describe(revision) + " has down_revision " + Target.quote(parent)
							+ ", which does not exist");
				}
			}
			for (String dependency : revision.dependsOn()) {
				if (!unique.containsKey(dependency)) {
					problems.add("Revision " + describe(revision) + " depends on " + Target.quote(dependency)
							+ ", which does not exist");
				}
			}
		}
		for (List<String> cycle : new CycleFinder(unique).find()) {
			problems.add("Cycle (each revision needs the next): " + cycle.stream()
				.map((id) -> describe(unique.get(id)))
				.collect(Collectors.joining(" -> ")) + " -> " + Target.quote(cycle.get(0)));
		}
		if (!problems.isEmpty()) {
			String heading = (problems.size() == 1) ? "Invalid revision graph (1 problem):"
					: "Invalid revision graph (" + problems.size() + " problems):";
			throw new RevisionGraphException(heading + "\n" + String.join("\n", problems));
		}
		return new RevisionGraph(sort(unique));
	}

	private static String describe(Revision revision) {
		return Target.quote(revision.id()) + " (" + revision.source() + ")";
	}

	/**
	 * The revisions that must be applied before the given one, whatever the edge.
	 */
	private static Set<String> prerequisites(Revision revision) {
		Set<String> prerequisites = new LinkedHashSet<>(revision.downRevisions());
		prerequisites.addAll(revision.dependsOn());
		return prerequisites;
	}

	/**
	 * Kahn's algorithm, picking the lowest (depth, id) among ready revisions.
	 */
	private static List<Revision> sort(Map<String, Revision> revisions) {
		Map<String, Integer> pending = new HashMap<>();
		Map<String, List<String>> dependents = new HashMap<>();
		Map<String, Integer> depths = new HashMap<>();
		revisions.keySet().forEach((id) -> dependents.put(id, new ArrayList<>()));
		for (Revision revision : revisions.values()) {
			Set<String> prerequisites = prerequisites(revision);
			pending.put(revision.id(), prerequisites.size());
			prerequisites.forEach((prerequisite) -> dependents.get(prerequisite).add(revision.id()));
		}
		PriorityQueue<String> ready = new PriorityQueue<>(
				Comparator.<String>comparingInt(depths::get).thenComparing(Function.identity()));
		for (String id : revisions.keySet()) {
			if (pending.get(id) == 0) {
				depths.put(id, 0);
				ready.add(id);
			}
		}
		List<Revision> sorted = new ArrayList<>(revisions.size());
		while (!ready.isEmpty()) {
			String id = ready.poll();
			sorted.add(revisions.get(id));
			for (String dependent : dependents.get(id)) {
				depths.merge(dependent, depths.get(id) + 1, Math::max);
				if (pending.merge(dependent, -1, Integer::sum) == 0) {
					ready.add(dependent);
				}
			}
		}
		return sorted;
	}

	/**
	 * Return the revision with the given id.
	 * @param id the full revision id
	 * @return the revision, or empty if the graph has none with that id
	 */
	public Optional<Revision> get(String id) {
		return Optional.ofNullable(this.revisions.get(id));
	}

	/**
	 * Return the revision with the given id, which must exist.
	 * @param id the full revision id
	 * @return the revision
	 * @throws TargetException if the graph has no revision with that id
	 */
	public Revision require(String id) {
		Revision revision = this.revisions.get(id);
		if (revision == null) {
			throw new TargetException("Unknown revision " + Target.quote(id));
		}
		return revision;
	}

	/**
	 * Whether the graph has a revision with the given id.
	 * @param id the full revision id
	 * @return {@code true} if it does
	 */
	public boolean contains(String id) {
		return this.revisions.containsKey(id);
	}

	/**
	 * Whether the graph has no revision at all.
	 * @return {@code true} if empty
	 */
	public boolean isEmpty() {
		return this.ordered.isEmpty();
	}

	/**
	 * Return every revision, in topological order.
	 * @return the revisions
	 */
	public List<Revision> revisions() {
		return this.ordered;
	}

	/**
	 * Return the heads: the revisions that are no revision's parent. A dependency
	 * ({@code depends_on}) on a revision does not stop it from being a head.
	 * @return the head ids, in topological order
	 */
	public List<String> heads() {
		return this.heads;
	}

	/**
	 * Return the bases: the revisions without a parent.
	 * @return the base ids, in topological order
	 */
	public List<String> bases() {
		return this.bases;
	}

	/**
	 * Return the revisions that must be applied before the given one: its parents and
	 * dependencies, transitively.
	 * @param id the full revision id
	 * @return the ancestor ids, in topological order, without {@code id}
	 * @throws TargetException if the revision is unknown
	 */
	public Set<String> ancestors(String id) {
		require(id);
		return reach(id, (current) -> prerequisites(this.revisions.get(current)));
	}

	/**
	 * Return the revisions that have the given one among their {@link #ancestors
	 * ancestors}.
	 * @param id the full revision id
	 * @return the descendant ids, in topological order, without {@code id}
	 * @throws TargetException if the revision is unknown
	 */
	public Set<String> descendants(String id) {
		require(id);
		return reach(id, this.dependents::get);
	}

	private Set<String> reach(String start, Function<String, Collection<String>> edges) {
		Set<String> reached = new HashSet<>();
		Deque<String> stack = new ArrayDeque<>(edges.apply(start));
		while (!stack.isEmpty()) {
			String id = stack.pop();
			if (reached.add(id)) {
				stack.addAll(edges.apply(id));
			}
		}
		return Collections.unmodifiableSet(new LinkedHashSet<>(order(reached)));
	}

	/**
	 * Order revisions so that each comes after its ancestors, following the graph's
	 * topological order.
	 * @param ids full revision ids, in any order
	 * @return the distinct ids, in topological order
	 * @throws TargetException if an id is unknown
	 */
	public List<String> topologicalOrder(Collection<String> ids) {
		ids.forEach(this::require);
		return order(ids);
	}

	private List<String> order(Collection<String> ids) {
		return ids.stream().distinct().sorted(Comparator.comparing(this.positions::get)).toList();
	}

	/**
	 * Return the parents of a revision, as declared.
	 */
	List<String> parents(String id) {
		return require(id).downRevisions();
	}

	/**
	 * Return the children of a revision: those that name it as a parent.
	 */
	List<String> children(String id) {
		require(id);
		return Collections.unmodifiableList(this.children.get(id));
	}

	/**
	 * Resolve a full revision id or a unique prefix of one.
	 * @param idOrPrefix the id or prefix: letters, digits and {@code _}
	 * @return the full id
	 * @throws TargetException if the value is empty, has invalid characters, matches
	 * no revision, or is a prefix of several
	 */
	public String resolveId(String idOrPrefix) {
		if (idOrPrefix == null || idOrPrefix.isEmpty()) {
			throw new TargetException("Empty revision id");
		}
		if (!Revision.isValidId(idOrPrefix)) {
			throw new TargetException("Invalid revision " + Target.quote(idOrPrefix)
					+ ": only letters, digits and '_' are allowed");
		}
		if (this.revisions.containsKey(idOrPrefix)) {
			return idOrPrefix;
		}
		List<String> candidates = this.revisions.keySet()
			.stream()
			.filter((id) -> id.startsWith(idOrPrefix))
			.sorted()
			.toList();
		if (candidates.size() > 1) {
			throw new TargetException("Ambiguous revision " + Target.quote(idOrPrefix) + ": matches "
					+ String.join(", ", candidates));
		}
		if (candidates.isEmpty()) {
			String known = this.heads.isEmpty() ? "there are no revisions"
					: ((this.heads.size() == 1) ? "head is " : "heads are ") + String.join(", ", this.heads);
			throw new TargetException("Unknown revision " + Target.quote(idOrPrefix) + " (" + known + ")");
		}
		return candidates.get(0);
	}

	/**
	 * Return the current revisions of a database: the applied revisions that are not
	 * a parent ({@code down_revision}), directly or not, of another applied revision.
	 * @param applied the applied revision ids; ids unknown to the graph are ignored
	 * @return the current revision ids, in topological order
	 */
	public Set<String> currentRevisions(Set<String> applied) {
		Set<String> known = applied.stream().filter(this::contains).collect(Collectors.toSet());
		Set<String> covered = new HashSet<>();
		for (String id : known) {
			Deque<String> stack = new ArrayDeque<>(parents(id));
			while (!stack.isEmpty()) {
				String parent = stack.pop();
				if (covered.add(parent)) {
					stack.addAll(parents(parent));
				}
			}
		}
		known.removeAll(covered);
		return Collections.unmodifiableSet(new LinkedHashSet<>(order(known)));
	}

	/**
	 * Finds cycles with an iterative depth-first search over both kinds of edges, each
	 * cycle reported once, starting at its lowest id. Edges to unknown revisions are
	 * skipped: they are reported as missing.
	 */
	private static final class CycleFinder {

		private final Map<String, Revision> revisions;

		private final Set<String> done = new HashSet<>();

		private final Set<List<String>> cycles = new LinkedHashSet<>();

		CycleFinder(Map<String, Revision> revisions) {
			this.revisions = revisions;
		}

		List<List<String>> find() {
			for (String start : this.revisions.keySet()) {
				if (!this.done.contains(start)) {
					search(start);
				}
			}
			return List.copyOf(this.cycles);
		}

		private void search(String start) {
			List<String> path = new ArrayList<>();
			Set<String> onPath = new HashSet<>();
			Deque<Deque<String>> pendingEdges = new ArrayDeque<>();
			path.add(start);
			onPath.add(start);
			pendingEdges.push(edges(start));
			while (!path.isEmpty()) {
				Deque<String> edges = pendingEdges.peek();
				if (edges.isEmpty()) {
					String finished = path.remove(path.size() - 1);
					onPath.remove(finished);
					this.done.add(finished);
					pendingEdges.pop();
					continue;
				}
				String next = edges.poll();
				if (onPath.contains(next)) {
					this.cycles.add(rotate(path.subList(path.indexOf(next), path.size())));
				}
				else if (!this.done.contains(next)) {
					path.add(next);
					onPath.add(next);
					pendingEdges.push(edges(next));
				}
			}
		}

		private Deque<String> edges(String id) {
			return prerequisites(this.revisions.get(id)).stream()
				.filter(this.revisions::containsKey)
				.sorted()
				.collect(Collectors.toCollection(ArrayDeque::new));
		}

		private static List<String> rotate(List<String> cycle) {
			List<String> rotated = new ArrayList<>(cycle);
			Collections.rotate(rotated, -rotated.indexOf(Collections.min(rotated)));
			return List.copyOf(rotated);
		}

	}

}
