package dev.migration.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
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
 * <p>
 * <b>Branches.</b> A revision that declares a branch label ({@code branch_labels})
 * starts a branch of that name: it and every revision above it along parents belong to
 * the branch, merges included. Dependencies do not carry a label. Each label is
 * declared by one revision only, and no label is also a revision id.
 *
 * @see MigrationPlanner
 */
public final class RevisionGraph {

	private static final Comparator<Revision> BY_ID = new ById();

	// Everything below is indexed by position in the topological order: plain arrays
	// rather than maps of lists, as graphs of thousands of revisions are walked at every
	// start and every status.

	private final List<Revision> ordered;

	private final Map<String, Integer> positions;

	// The distinct parents of each revision, in declaration order.
	private final int[][] parents;

	// The distinct parents, then dependencies, of each revision.
	private final int[][] prerequisites;

	// The revisions that have each revision among their prerequisites, in order.
	private final int[][] dependents;

	// The revisions that name each revision as a parent, in order.
	private final int[][] children;

	private final List<String> heads;

	private final List<String> bases;

	// Each branch label and the position of the revision that declares it, by label.
	private final Map<String, Integer> labelled;

	// The labels of the branches each revision belongs to, sorted; null when there are
	// no labels at all, the usual case.
	private final List<String>[] labels;

	/**
	 * The graph of validated revisions, indexed by rank (their place in id order).
	 * @param byRank the revisions in id order
	 * @param order the ranks in topological order
	 * @param parents each rank's distinct parents' ranks
	 * @param prerequisites each rank's distinct parents' and dependencies' ranks
	 */
	private RevisionGraph(List<Revision> byRank, int[] order, int[][] parents, int[][] prerequisites) {
		int size = order.length;
		int[] positionOfRank = new int[size];
		Revision[] ordered = new Revision[size];
		this.positions = new HashMap<>(Math.max(16, size * 2));
		for (int position = 0; position < size; position++) {
			positionOfRank[order[position]] = position;
			ordered[position] = byRank.get(order[position]);
			this.positions.put(ordered[position].id(), position);
		}
		this.ordered = List.of(ordered);
		this.parents = new int[size][];
		this.prerequisites = new int[size][];
		for (int position = 0; position < size; position++) {
			this.parents[position] = translate(parents[order[position]], positionOfRank);
			this.prerequisites[position] = translate(prerequisites[order[position]], positionOfRank);
		}
		this.dependents = invert(this.prerequisites);
		this.children = invert(this.parents);
		List<String> heads = new ArrayList<>();
		List<String> bases = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			Revision revision = ordered[i];
			if (this.children[i].length == 0) {
				heads.add(revision.id());
			}
			if (revision.isRoot()) {
				bases.add(revision.id());
			}
		}
		this.heads = Collections.unmodifiableList(heads);
		this.bases = Collections.unmodifiableList(bases);
		this.labelled = new TreeMap<>();
		for (int i = 0; i < size; i++) {
			for (String label : ordered[i].branchLabels()) {
				this.labelled.put(label, i);
			}
		}
		this.labels = this.labelled.isEmpty() ? null : branchMembership(this.labelled, this.children);
	}

	/**
	 * The labels each revision carries: those it declares and those of every revision
	 * below it along parents, in label order.
	 */
	@SuppressWarnings("unchecked")
	private static List<String>[] branchMembership(Map<String, Integer> labelled, int[][] children) {
		List<String>[] labels = new List[children.length];
		boolean[] members = new boolean[children.length];
		int[] stack = new int[children.length + 1];
		for (Map.Entry<String, Integer> label : labelled.entrySet()) {
			Arrays.fill(members, false);
			members[label.getValue()] = true;
			markReachable(label.getValue(), children, members, stack);
			for (int i = 0; i < members.length; i++) {
				if (members[i]) {
					if (labels[i] == null) {
						labels[i] = new ArrayList<>(1);
					}
					labels[i].add(label.getKey());
				}
			}
		}
		for (int i = 0; i < labels.length; i++) {
			labels[i] = (labels[i] != null) ? List.copyOf(labels[i]) : List.of();
		}
		return labels;
	}

	private static int[] translate(int[] ranks, int[] positionOfRank) {
		int[] positions = new int[ranks.length];
		for (int i = 0; i < ranks.length; i++) {
			positions[i] = positionOfRank[ranks[i]];
		}
		return positions;
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
		// A stable sort: revisions sharing an id stay in the order they were given.
		Revision[] byId = revisions.toArray(new Revision[0]);
		Arrays.sort(byId, BY_ID);
		List<Revision> unique = new ArrayList<>(byId.length);
		Map<String, Integer> ranks = new HashMap<>(Math.max(16, byId.length * 2));
		for (int first = 0, next; first < byId.length; first = next) {
			String id = byId[first].id();
			next = first + 1;
			while (next < byId.length && byId[next].id().equals(id)) {
				next++;
			}
			ranks.put(id, unique.size());
			unique.add(byId[first]);
			if (next - first > 1) {
				List<String> sources = new ArrayList<>();
				for (int i = first; i < next; i++) {
					sources.add(byId[i].source());
				}
				problems.add("Duplicate revision id " + Target.quote(id) + " in " + String.join(", ", sources));
			}
		}
		for (Revision revision : unique) {
			if (!Revision.isValidId(revision.id())) {
				problems.add("Invalid revision id " + Target.quote(revision.id()) + " in " + revision.source()
						+ ": only letters, digits and '_' are allowed");
			}
			else if (Revision.isReserved(revision.id())) {
				problems.add("Revision id " + Target.quote(revision.id()) + " in " + revision.source()
						+ " is reserved for targets; choose another id");
			}
		}
		for (Revision revision : unique) {
			for (String parent : revision.downRevisions()) {
				if (!ranks.containsKey(parent)) {
					problems.add("Revision " + describe(revision) + " has down_revision " + Target.quote(parent)
							+ ", which does not exist");
				}
			}
			for (String dependency : revision.dependsOn()) {
				if (!ranks.containsKey(dependency)) {
					problems.add("Revision " + describe(revision) + " depends on " + Target.quote(dependency)
							+ ", which does not exist");
				}
			}
		}
		checkBranchLabels(unique, ranks, problems);
		int[][] parents = new int[unique.size()][];
		int[][] prerequisites = new int[unique.size()][];
		for (int rank = 0; rank < unique.size(); rank++) {
			Revision revision = unique.get(rank);
			parents[rank] = ranks(revision.downRevisions(), List.of(), ranks);
			prerequisites[rank] = ranks(revision.downRevisions(), revision.dependsOn(), ranks);
			// Ranks follow the ids' order: sorted ranks are sorted ids, as the search wants.
			Arrays.sort(prerequisites[rank]);
		}
		for (List<String> cycle : new CycleFinder(unique, prerequisites).find()) {
			StringBuilder text = new StringBuilder("Cycle (each revision needs the next): ");
			for (String id : cycle) {
				text.append(describe(unique.get(ranks.get(id)))).append(" -> ");
			}
			problems.add(text.append(Target.quote(cycle.get(0))).toString());
		}
		if (!problems.isEmpty()) {
			throw new RevisionGraphException(problems);
		}
		return new RevisionGraph(unique, sort(prerequisites), parents, prerequisites);
	}

	/**
	 * Adds a problem for every invalid or reserved label, a label a revision declares
	 * twice, a label two revisions declare, and a label that is also a revision id.
	 */
	private static void checkBranchLabels(List<Revision> revisions, Map<String, Integer> ranks,
			List<String> problems) {
		Map<String, Revision> declaring = new HashMap<>();
		for (Revision revision : revisions) {
			Set<String> own = new HashSet<>();
			for (String label : revision.branchLabels()) {
				if (!Revision.isValidBranchLabel(label)) {
					problems.add("Invalid branch label " + Target.quote(label) + " of revision " + describe(revision)
							+ ": only letters, digits, '_' and '-' are allowed, and no leading '-'");
					continue;
				}
				if (Revision.isReserved(label)) {
					problems.add("Branch label " + Target.quote(label) + " of revision " + describe(revision)
							+ " is reserved for targets; choose another label");
					continue;
				}
				if (!own.add(label)) {
					problems.add("Branch label " + Target.quote(label) + " given twice by revision "
							+ describe(revision));
					continue;
				}
				Revision first = declaring.putIfAbsent(label, revision);
				if (first != null) {
					problems.add("Branch label " + Target.quote(label) + " declared by both " + describe(first)
							+ " and " + describe(revision) + "; a label names one branch");
				}
				Integer same = ranks.get(label);
				if (same != null) {
					problems.add("Branch label " + Target.quote(label) + " of revision " + describe(revision)
							+ " is also the id of revision " + describe(revisions.get(same))
							+ "; choose another label");
				}
			}
		}
	}

	private static String describe(Revision revision) {
		return Target.quote(revision.id()) + " (" + revision.source() + ")";
	}

	/**
	 * The distinct ranks of the given ids, in the order first named; unknown ids are left
	 * out.
	 */
	private static int[] ranks(List<String> first, List<String> then, Map<String, Integer> indexes) {
		int[] result = new int[first.size() + then.size()];
		int size = 0;
		for (int list = 0; list < 2; list++) {
			for (String id : (list == 0) ? first : then) {
				Integer index = indexes.get(id);
				if (index != null && !contains(result, size, index)) {
					result[size++] = index;
				}
			}
		}
		return (size == result.length) ? result : Arrays.copyOf(result, size);
	}

	private static boolean contains(int[] values, int size, int value) {
		for (int i = 0; i < size; i++) {
			if (values[i] == value) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The reverse edges: for each index, the indexes whose edges lead to it, ascending.
	 */
	private static int[][] invert(int[][] edges) {
		int[] counts = new int[edges.length];
		for (int[] targets : edges) {
			for (int target : targets) {
				counts[target]++;
			}
		}
		int[][] inverted = new int[edges.length][];
		for (int i = 0; i < edges.length; i++) {
			inverted[i] = new int[counts[i]];
			counts[i] = 0;
		}
		for (int source = 0; source < edges.length; source++) {
			for (int target : edges[source]) {
				inverted[target][counts[target]++] = source;
			}
		}
		return inverted;
	}

	/**
	 * Kahn's algorithm, picking the lowest (depth, id) among ready revisions; as ranks
	 * follow the ids' order, the lowest (depth, rank).
	 * @param prerequisites each rank's distinct prerequisites' ranks
	 * @return the ranks in topological order
	 */
	private static int[] sort(int[][] prerequisites) {
		int size = prerequisites.length;
		int[][] dependents = invert(prerequisites);
		int[] pending = new int[size];
		int[] depths = new int[size];
		// (depth, rank) packed in one long: the queue orders them without a comparator.
		PriorityQueue<Long> ready = new PriorityQueue<>();
		for (int i = 0; i < size; i++) {
			pending[i] = prerequisites[i].length;
			if (pending[i] == 0) {
				ready.add((long) i);
			}
		}
		int[] sorted = new int[size];
		int placed = 0;
		while (!ready.isEmpty()) {
			int index = (int) (ready.poll() & 0xFFFFFFFFL);
			sorted[placed++] = index;
			for (int dependent : dependents[index]) {
				depths[dependent] = Math.max(depths[dependent], depths[index] + 1);
				if (--pending[dependent] == 0) {
					ready.add(((long) depths[dependent] << 32) | dependent);
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
		Integer position = this.positions.get(id);
		return (position != null) ? Optional.of(this.ordered.get(position)) : Optional.empty();
	}

	/**
	 * Return the revision with the given id, which must exist.
	 * @param id the full revision id
	 * @return the revision
	 * @throws TargetException if the graph has no revision with that id
	 */
	public Revision require(String id) {
		return this.ordered.get(position(id));
	}

	private int position(String id) {
		Integer position = this.positions.get(id);
		if (position == null) {
			throw new TargetException("Unknown revision " + Target.quote(id));
		}
		return position;
	}

	/**
	 * Whether the graph has a revision with the given id.
	 * @param id the full revision id
	 * @return {@code true} if it does
	 */
	public boolean contains(String id) {
		return this.positions.containsKey(id);
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
	 * Return every branch label and the revision that declares it.
	 * @return the labels, in label order, with the id of the revision declaring each
	 */
	public Map<String, String> branchLabels() {
		Map<String, String> labels = new LinkedHashMap<>();
		this.labelled.forEach((label, position) -> labels.put(label, this.ordered.get(position).id()));
		return Collections.unmodifiableMap(labels);
	}

	/**
	 * Return the labels of the branches a revision belongs to: those it declares and
	 * those of every revision below it along parents.
	 * @param id the full revision id
	 * @return the labels, in label order; empty for a revision on no labelled branch
	 * @throws TargetException if the revision is unknown
	 */
	public List<String> branchLabels(String id) {
		int position = position(id);
		return (this.labels != null) ? this.labels[position] : List.of();
	}

	/**
	 * Return the revisions of a branch: the revision that declares the label and every
	 * revision above it along parents.
	 * @param label the branch label
	 * @return the ids, in topological order
	 * @throws TargetException if no revision declares the label, listing the labels
	 */
	public Set<String> branch(String label) {
		int declaring = labelPosition(label);
		boolean[] members = new boolean[this.ordered.size()];
		members[declaring] = true;
		markReachable(declaring, this.children, members, new int[this.ordered.size() + 1]);
		Set<String> ids = new LinkedHashSet<>();
		for (int i = 0; i < members.length; i++) {
			if (members[i]) {
				ids.add(this.ordered.get(i).id());
			}
		}
		return Collections.unmodifiableSet(ids);
	}

	/**
	 * Return the heads of a branch: its revisions that are heads of the graph.
	 * @param label the branch label
	 * @return the head ids, in topological order; one unless the branch forks
	 * @throws TargetException if no revision declares the label, listing the labels
	 */
	public List<String> branchHeads(String label) {
		Set<String> branch = branch(label);
		return this.heads.stream().filter(branch::contains).toList();
	}

	/**
	 * Return the revision that declares a branch label.
	 * @param label the branch label
	 * @return the revision id
	 * @throws TargetException if no revision declares the label, listing the labels
	 */
	public String branchBase(String label) {
		return this.ordered.get(labelPosition(label)).id();
	}

	private int labelPosition(String label) {
		Integer position = this.labelled.get(label);
		if (position == null) {
			throw new TargetException("Unknown branch label " + Target.quote(label) + ": "
					+ (this.labelled.isEmpty() ? "no revision declares branch_labels"
							: "the labels are " + String.join(", ", this.labelled.keySet())));
		}
		return position;
	}

	/**
	 * Return the revisions that must be applied before the given one: its parents and
	 * dependencies, transitively.
	 * @param id the full revision id
	 * @return the ancestor ids, in topological order, without {@code id}
	 * @throws TargetException if the revision is unknown
	 */
	public Set<String> ancestors(String id) {
		return reach(position(id), this.prerequisites);
	}

	/**
	 * Return the revisions that have the given one among their {@link #ancestors
	 * ancestors}.
	 * @param id the full revision id
	 * @return the descendant ids, in topological order, without {@code id}
	 * @throws TargetException if the revision is unknown
	 */
	public Set<String> descendants(String id) {
		return reach(position(id), this.dependents);
	}

	/**
	 * The given revisions and their ancestors, less some, in topological order: what an
	 * upgrade to them needs. One walk over the graph, as a status of thousands of
	 * revisions asks for it every time.
	 * @param ids full revision ids
	 * @param excluded ids to leave out (the applied ones)
	 * @return the ids, in topological order
	 * @throws TargetException if one of {@code ids} is unknown
	 */
	List<String> withAncestors(Collection<String> ids, Set<String> excluded) {
		boolean[] reached = markWithReachable(ids, this.prerequisites);
		List<String> needed = new ArrayList<>();
		for (int i = 0; i < reached.length; i++) {
			if (reached[i] && !excluded.contains(this.ordered.get(i).id())) {
				needed.add(this.ordered.get(i).id());
			}
		}
		return Collections.unmodifiableList(needed);
	}

	/**
	 * The given revisions and their {@linkplain #descendants descendants}, in
	 * topological order: what has to go when the given revisions are rolled back. One
	 * walk over the graph, however many revisions are given.
	 * @param ids full revision ids
	 * @return the ids, in topological order
	 * @throws TargetException if one of {@code ids} is unknown
	 */
	Set<String> withDescendants(Collection<String> ids) {
		boolean[] reached = markWithReachable(ids, this.dependents);
		Set<String> found = new LinkedHashSet<>();
		for (int i = 0; i < reached.length; i++) {
			if (reached[i]) {
				found.add(this.ordered.get(i).id());
			}
		}
		return Collections.unmodifiableSet(found);
	}

	/**
	 * Marks the given revisions and every revision reachable from them along the given
	 * edges, in one walk.
	 */
	private boolean[] markWithReachable(Collection<String> ids, int[][] edges) {
		boolean[] reached = new boolean[this.ordered.size()];
		int[] stack = new int[this.ordered.size() + 1];
		for (String id : ids) {
			int start = position(id);
			if (!reached[start]) {
				reached[start] = true;
				markReachable(start, edges, reached, stack);
			}
		}
		return reached;
	}

	/**
	 * Return the revisions that must be applied before the given one, directly: its
	 * parents and dependencies, each once.
	 */
	List<String> prerequisites(String id) {
		int[] prerequisites = this.prerequisites[position(id)];
		List<String> ids = new ArrayList<>(prerequisites.length);
		for (int prerequisite : prerequisites) {
			ids.add(this.ordered.get(prerequisite).id());
		}
		return Collections.unmodifiableList(ids);
	}

	private Set<String> reach(int start, int[][] edges) {
		boolean[] reached = new boolean[this.ordered.size()];
		int count = markReachable(start, edges, reached, new int[this.ordered.size() + 1]);
		Set<String> ids = new LinkedHashSet<>(Math.max(16, count * 2));
		for (int i = 0; i < reached.length; i++) {
			if (reached[i]) {
				ids.add(this.ordered.get(i).id());
			}
		}
		return Collections.unmodifiableSet(ids);
	}

	/**
	 * Marks every revision reachable from one along the given edges, not itself unless a
	 * path leads back to it, skipping those marked already: their own were marked with
	 * them. Iterative, so a chain of thousands of revisions needs no deep call stack.
	 * @param from the revision's position
	 * @param edges each position's edges
	 * @param marked the marks, updated
	 * @param stack scratch space of at least one more than the graph's size
	 * @return how many it marked
	 */
	private static int markReachable(int from, int[][] edges, boolean[] marked, int[] stack) {
		int count = 0;
		int top = 0;
		stack[top++] = from;
		while (top > 0) {
			for (int next : edges[stack[--top]]) {
				if (!marked[next]) {
					marked[next] = true;
					count++;
					stack[top++] = next;
				}
			}
		}
		return count;
	}

	/**
	 * Order revisions so that each comes after its ancestors, following the graph's
	 * topological order.
	 * @param ids full revision ids, in any order
	 * @return the distinct ids, in topological order
	 * @throws TargetException if an id is unknown
	 */
	public List<String> topologicalOrder(Collection<String> ids) {
		int[] positions = new int[ids.size()];
		int size = 0;
		for (String id : ids) {
			positions[size++] = position(id);
		}
		return order(positions, size);
	}

	/**
	 * The ids at the given positions, in order, each once.
	 */
	private List<String> order(int[] positions, int size) {
		Arrays.sort(positions, 0, size);
		List<String> ids = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			if (i == 0 || positions[i] != positions[i - 1]) {
				ids.add(this.ordered.get(positions[i]).id());
			}
		}
		return Collections.unmodifiableList(ids);
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
		int[] children = this.children[position(id)];
		List<String> ids = new ArrayList<>(children.length);
		for (int child : children) {
			ids.add(this.ordered.get(child).id());
		}
		return Collections.unmodifiableList(ids);
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
		if (this.positions.containsKey(idOrPrefix)) {
			return idOrPrefix;
		}
		List<String> candidates = new ArrayList<>();
		for (Revision revision : this.ordered) {
			if (revision.id().startsWith(idOrPrefix)) {
				candidates.add(revision.id());
			}
		}
		Collections.sort(candidates);
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
		int size = this.ordered.size();
		boolean[] known = new boolean[size];
		boolean[] covered = new boolean[size];
		int[] stack = new int[size + 1];
		for (String id : applied) {
			Integer position = this.positions.get(id);
			if (position == null || known[position]) {
				continue;
			}
			known[position] = true;
			// Every ancestor along parents is covered; one covered already had its own.
			markReachable(position, this.parents, covered, stack);
		}
		Set<String> current = new LinkedHashSet<>();
		for (int i = 0; i < size; i++) {
			if (known[i] && !covered[i]) {
				current.add(this.ordered.get(i).id());
			}
		}
		return Collections.unmodifiableSet(current);
	}

	/**
	 * Finds cycles with an iterative depth-first search over both kinds of edges, each
	 * cycle reported once, starting at its lowest id. Revisions are indexed in id order
	 * and each one's edges are sorted, so the search visits them in id order. Edges to
	 * unknown revisions are left out: they are reported as missing.
	 */
	private static final class CycleFinder {

		private final List<Revision> revisions;

		private final int[][] edges;

		private final Set<List<String>> cycles = new LinkedHashSet<>();

		CycleFinder(List<Revision> revisions, int[][] edges) {
			this.revisions = revisions;
			this.edges = edges;
		}

		List<List<String>> find() {
			int size = this.revisions.size();
			boolean[] done = new boolean[size];
			boolean[] onPath = new boolean[size];
			int[] path = new int[size];
			int[] nextEdge = new int[size];
			for (int start = 0; start < size; start++) {
				if (done[start]) {
					continue;
				}
				int depth = 0;
				path[0] = start;
				nextEdge[0] = 0;
				onPath[start] = true;
				while (depth >= 0) {
					int current = path[depth];
					int[] out = this.edges[current];
					if (nextEdge[depth] == out.length) {
						onPath[current] = false;
						done[current] = true;
						depth--;
						continue;
					}
					int next = out[nextEdge[depth]++];
					if (onPath[next]) {
						this.cycles.add(cycle(path, depth, next));
					}
					else if (!done[next]) {
						depth++;
						path[depth] = next;
						nextEdge[depth] = 0;
						onPath[next] = true;
					}
				}
			}
			return List.copyOf(this.cycles);
		}

		/**
		 * The cycle closed by an edge back to a revision on the path, from its lowest id.
		 */
		private List<String> cycle(int[] path, int depth, int back) {
			int from = 0;
			while (path[from] != back) {
				from++;
			}
			List<String> cycle = new ArrayList<>();
			for (int i = from; i <= depth; i++) {
				cycle.add(this.revisions.get(path[i]).id());
			}
			Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
			return List.copyOf(cycle);
		}

	}

	/**
	 * Orders revisions by id; a class, not a lambda, as it sorts at every start.
	 */
	private static final class ById implements Comparator<Revision> {

		@Override
		public int compare(Revision first, Revision second) {
			return first.id().compareTo(second.id());
		}

	}

}
