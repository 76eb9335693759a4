package dev.migration.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import dev.migration.ScriptException;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;

/**
 * Checks the repeatable migrations against each other and the revision graph, and
 * puts them in the order they run: a repeatable after the repeatables its
 * {@code depends_on} names, otherwise by id, so that the order never depends on file
 * names or the file system.
 */
final class RepeatableOrder {

	private RepeatableOrder() {
	}

	/**
	 * The repeatables in the order they run.
	 * @param repeatables the repeatable migrations as loaded
	 * @param graph the revisions' graph
	 * @return the repeatables, ordered
	 * @throws ScriptException for an id given twice or equal to a revision's, a
	 * {@code depends_on} entry that names nothing or the repeatable itself, or a cycle,
	 * naming the file and line
	 */
	static List<MigrationScript> order(List<MigrationScript> repeatables, RevisionGraph graph) {
		if (repeatables.isEmpty()) {
			return List.of();
		}
		Map<String, MigrationScript> byId = new TreeMap<>();
		for (MigrationScript repeatable : repeatables) {
			String id = repeatable.id();
			MigrationScript previous = byId.putIfAbsent(id, repeatable);
			if (previous != null) {
				throw new ScriptException(repeatable.info().path(), 0,
						"repeatable migration id '" + id + "' is also declared by " + previous.info().path());
			}
			if (graph.contains(id)) {
				throw new ScriptException(repeatable.info().path(), 0, "repeatable migration id '" + id
						+ "' is also a revision's (" + graph.require(id).source() + "): give it an id of its own");
			}
		}
		// Kahn's algorithm over the repeatables' own dependencies, ties broken by id.
		Map<String, Integer> waitingOn = new HashMap<>();
		Map<String, List<String>> dependents = new HashMap<>();
		for (MigrationScript repeatable : byId.values()) {
			int count = 0;
			for (String dependency : repeatable.info().dependsOn()) {
				check(repeatable, dependency, byId, graph);
				if (byId.containsKey(dependency)) {
					dependents.computeIfAbsent(dependency, (key) -> new ArrayList<>()).add(repeatable.id());
					count++;
				}
			}
			waitingOn.put(repeatable.id(), count);
		}
		PriorityQueue<String> ready = new PriorityQueue<>();
		waitingOn.forEach((id, count) -> {
			if (count == 0) {
				ready.add(id);
			}
		});
		List<MigrationScript> ordered = new ArrayList<>(byId.size());
		while (!ready.isEmpty()) {
			String id = ready.poll();
			ordered.add(byId.get(id));
			for (String dependent : dependents.getOrDefault(id, List.of())) {
				if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
					ready.add(dependent);
				}
			}
		}
		if (ordered.size() < byId.size()) {
			List<String> cycle = waitingOn.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() > 0)
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
			MigrationScript first = byId.get(cycle.get(0));
			throw new ScriptException(first.info().path(), first.dependsOnLine(),
					"repeatable migrations " + String.join(", ", cycle) + " depend on each other in a cycle");
		}
		return List.copyOf(ordered);
	}

	private static void check(MigrationScript repeatable, String dependency, Map<String, MigrationScript> repeatables,
			RevisionGraph graph) {
		String path = repeatable.info().path();
		int line = repeatable.dependsOnLine();
		if (dependency.equals(repeatable.id())) {
			throw new ScriptException(path, line, "repeatable migration '" + dependency + "' depends on itself");
		}
		if (repeatables.containsKey(dependency) || graph.contains(dependency)) {
			return;
		}
		List<String> similar = new ArrayList<>();
		graph.revisions().forEach((revision) -> {
			if (revision.id().startsWith(dependency)) {
				similar.add(revision.id());
			}
		});
		repeatables.keySet().stream().filter((id) -> id.startsWith(dependency)).forEach(similar::add);
		String hint = similar.isEmpty()
				? "; it names neither a revision nor a repeatable migration (repeatables: "
						+ String.join(", ", repeatables.keySet()) + ")"
				: "; give the full id: " + String.join(", ", similar);
		throw new ScriptException(path, line, "unknown revision or repeatable migration '" + dependency
				+ "' in 'depends_on'" + hint);
	}

}
