package dev.migration.autoconfigure.command;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.migration.MigrationInfo;

/**
 * Draws the revision graph, newest first: as text the way {@code git log --graph}
 * draws branches and merges, as a Mermaid flowchart, or as Graphviz DOT. Heads and
 * current revisions are marked, and so are labelled branches: where each starts
 * ({@code branch billing}) and the head its target names ({@code billing@head});
 * {@code depends_on} edges are named in text and dashed in the diagrams.
 */
final class RevisionGraphRenderer {

	private final Map<String, MigrationInfo> revisions = new LinkedHashMap<>();

	private final Set<String> heads;

	private final Set<String> current;

	private final Function<String, List<String>> branchLabels;

	/**
	 * Creates a renderer for revisions on no labelled branch.
	 * @param migrations every revision, in upgrade order
	 * @param heads the heads
	 * @param current the current revisions
	 */
	RevisionGraphRenderer(List<MigrationInfo> migrations, Set<String> heads, Set<String> current) {
		this(migrations, heads, current, (revision) -> List.of());
	}

	/**
	 * Creates a renderer.
	 * @param migrations every revision, in upgrade order
	 * @param heads the heads
	 * @param current the current revisions
	 * @param branchLabels the labels of the branches each revision belongs to
	 */
	RevisionGraphRenderer(List<MigrationInfo> migrations, Set<String> heads, Set<String> current,
			Function<String, List<String>> branchLabels) {
		migrations.forEach((migration) -> this.revisions.put(migration.revision(), migration));
		this.heads = Set.copyOf(heads);
		this.current = Set.copyOf(current);
		this.branchLabels = branchLabels;
	}

	/**
	 * Renders in a format.
	 * @param format {@code text}, {@code mermaid} or {@code dot}
	 * @return the drawing
	 * @throws IllegalArgumentException for another format
	 */
	String render(String format) {
		return switch (format.toLowerCase(Locale.ROOT)) {
			case "text" -> text();
			case "mermaid" -> mermaid();
			case "dot" -> dot();
			default -> throw new IllegalArgumentException("Unknown graph format '" + format + "'"
					+ CommandLineParser.suggestion(format, List.of("text", "mermaid", "dot"), "")
					+ " (text, mermaid or dot)");
		};
	}

	/**
	 * The revisions newest first, each after everything that descends from or depends
	 * on it, following first parents so that a branch is drawn in one piece.
	 * @return the ids
	 */
	List<String> newestFirst() {
		Map<String, Integer> dependents = new HashMap<>();
		this.revisions.keySet().forEach((id) -> dependents.put(id, 0));
		for (MigrationInfo migration : this.revisions.values()) {
			for (String below : below(migration)) {
				dependents.merge(below, 1, Integer::sum);
			}
		}
		Deque<String> ready = new ArrayDeque<>();
		// The newest tip (last in upgrade order) ends on top of the stack.
		this.revisions.keySet().stream().filter((id) -> dependents.get(id) == 0).forEach(ready::push);
		List<String> order = new ArrayList<>();
		while (!ready.isEmpty()) {
			String id = ready.pop();
			order.add(id);
			List<String> below = below(this.revisions.get(id));
			// Reverse, so that the first parent is on top and its line is continued.
			for (int i = below.size() - 1; i >= 0; i--) {
				if (dependents.merge(below.get(i), -1, Integer::sum) == 0) {
					ready.push(below.get(i));
				}
			}
		}
		return order;
	}

	/**
	 * The known parents and dependencies, parents first, without repeats.
	 */
	private List<String> below(MigrationInfo migration) {
		List<String> below = new ArrayList<>();
		for (String id : migration.dependsOn()) {
			if (this.revisions.containsKey(id) && !migration.downRevisions().contains(id)) {
				below.add(id);
			}
		}
		List<String> parents = parents(migration);
		below.addAll(0, parents);
		return below;
	}

	private List<String> parents(MigrationInfo migration) {
		return migration.downRevisions().stream().filter(this.revisions::containsKey).distinct().toList();
	}

	private String text() {
		StringBuilder text = new StringBuilder();
		List<String> columns = new ArrayList<>();
		for (String id : newestFirst()) {
			MigrationInfo migration = this.revisions.get(id);
			List<Integer> positions = new ArrayList<>();
			for (int i = 0; i < columns.size(); i++) {
				if (columns.get(i).equals(id)) {
					positions.add(i);
				}
			}
			if (positions.isEmpty()) {
				columns.add(id);
			}
			else if (positions.size() > 1) {
				// Branches meet at this revision: fold their columns into the leftmost.
				int kept = positions.get(0);
				int[][] targets = new int[columns.size()][];
				List<String> next = new ArrayList<>();
				for (int i = 0; i < columns.size(); i++) {
					if (i != kept && positions.contains(i)) {
						targets[i] = new int[] { kept };
					}
					else {
						targets[i] = new int[] { next.size() };
						next.add(columns.get(i));
					}
				}
				text.append(transition(targets)).append('\n');
				columns = next;
			}
			int index = columns.indexOf(id);
			StringBuilder row = new StringBuilder();
			for (int i = 0; i < columns.size(); i++) {
				row.append((i == index) ? '*' : '|').append(' ');
			}
			text.append(row).append(label(migration)).append('\n');
			List<String> parents = parents(migration);
			int[][] targets = new int[columns.size()][];
			List<String> next = new ArrayList<>(columns.subList(0, index));
			int added = Math.max(parents.size(), 1) - 1;
			for (int i = 0; i < index; i++) {
				targets[i] = new int[] { i };
			}
			targets[index] = new int[parents.size()];
			for (int p = 0; p < parents.size(); p++) {
				targets[index][p] = index + p;
				next.add(parents.get(p));
			}
			int shift = parents.isEmpty() ? -1 : added;
			for (int i = index + 1; i < columns.size(); i++) {
				targets[i] = new int[] { i + shift };
				next.add(columns.get(i));
			}
			if (parents.size() != 1 && !(parents.isEmpty() && index == columns.size() - 1)) {
				text.append(transition(targets)).append('\n');
			}
			columns = next;
		}
		return text.toString();
	}

	/**
	 * A row of lines from the columns before to the columns after.
	 * @param targets for each column before, the columns after it leads to
	 */
	private static String transition(int[][] targets) {
		char[] row = new char[2 * targets.length + 2];
		Arrays.fill(row, ' ');
		for (int i = 0; i < targets.length; i++) {
			for (int target : targets[i]) {
				if (target == i) {
					row[2 * i] = '|';
				}
				else if (target < i) {
					row[2 * i - 1] = '/';
				}
				else {
					row[2 * i + 1] = '\\';
				}
			}
		}
		return new String(row).stripTrailing();
	}

	private String label(MigrationInfo migration) {
		StringBuilder label = new StringBuilder(migration.revision());
		List<String> marks = new ArrayList<>();
		if (this.heads.contains(migration.revision())) {
			marks.add("head");
		}
		if (this.current.contains(migration.revision())) {
			marks.add("current");
		}
		if (migration.downRevisions().size() > 1) {
			marks.add("merge");
		}
		marks.addAll(branchMarks(migration));
		if (!marks.isEmpty()) {
			label.append(" (").append(String.join(", ", marks)).append(')');
		}
		label.append(' ').append(migration.message());
		if (!migration.dependsOn().isEmpty()) {
			label.append(" [depends on ").append(String.join(", ", migration.dependsOn())).append(']');
		}
		return label.toString();
	}

	/**
	 * Where a labelled branch starts ({@code branch billing}) and the target that names
	 * each labelled head ({@code billing@head}).
	 */
	private List<String> branchMarks(MigrationInfo migration) {
		List<String> marks = new ArrayList<>();
		migration.branchLabels().forEach((label) -> marks.add("branch " + label));
		if (this.heads.contains(migration.revision())) {
			this.branchLabels.apply(migration.revision()).forEach((label) -> marks.add(label + "@head"));
		}
		return marks;
	}

	/**
	 * The branch marks in brackets after a diagram's node text, or nothing.
	 */
	private String branchSuffix(MigrationInfo migration) {
		List<String> marks = branchMarks(migration);
		return marks.isEmpty() ? "" : " [" + String.join(", ", marks) + "]";
	}

	private String mermaid() {
		StringBuilder mermaid = new StringBuilder("flowchart BT\n");
		List<String> order = newestFirst();
		for (String id : order) {
			String label = (id + ": " + this.revisions.get(id).message() + branchSuffix(this.revisions.get(id)))
				.replace("\"", "#quot;");
			mermaid.append("    r_").append(id).append("[\"").append(label).append("\"]\n");
		}
		for (String id : order) {
			MigrationInfo migration = this.revisions.get(id);
			for (String parent : parents(migration)) {
				mermaid.append("    r_").append(parent).append(" --> r_").append(id).append('\n');
			}
			for (String dependency : migration.dependsOn()) {
				if (this.revisions.containsKey(dependency)) {
					mermaid.append("    r_").append(dependency).append(" -. depends on .-> r_").append(id).append('\n');
				}
			}
		}
		mermaid.append("    classDef head stroke-width:3px\n");
		mermaid.append("    classDef current fill:#cfe8cf\n");
		for (String id : order) {
			if (this.heads.contains(id)) {
				mermaid.append("    class r_").append(id).append(" head\n");
			}
			if (this.current.contains(id)) {
				mermaid.append("    class r_").append(id).append(" current\n");
			}
		}
		return mermaid.toString();
	}

	private String dot() {
		StringBuilder dot = new StringBuilder("digraph migrations {\n");
		dot.append("    rankdir=BT;\n");
		dot.append("    node [shape=box, fontname=\"monospace\"];\n");
		List<String> order = newestFirst();
		for (String id : order) {
			dot.append("    \"").append(id).append("\" [label=\"").append(id).append("\\n")
				.append(dotEscape(this.revisions.get(id).message() + branchSuffix(this.revisions.get(id))))
				.append('"');
			if (this.heads.contains(id)) {
				dot.append(", peripheries=2");
			}
			if (this.current.contains(id)) {
				dot.append(", style=filled, fillcolor=\"#cfe8cf\"");
			}
			dot.append("];\n");
		}
		for (String id : order) {
			MigrationInfo migration = this.revisions.get(id);
			for (String parent : parents(migration)) {
				dot.append("    \"").append(parent).append("\" -> \"").append(id).append("\";\n");
			}
			for (String dependency : migration.dependsOn()) {
				if (this.revisions.containsKey(dependency)) {
					dot.append("    \"").append(dependency).append("\" -> \"").append(id)
						.append("\" [style=dashed, label=\"depends on\"];\n");
				}
			}
		}
		return dot.append("}\n").toString();
	}

	private static String dotEscape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
