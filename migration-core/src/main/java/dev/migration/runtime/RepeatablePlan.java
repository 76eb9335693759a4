package dev.migration.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.migration.MigrationInfo;
import dev.migration.MigrationStatus.Repeatable;
import dev.migration.MigrationStatus.RepeatableState;
import dev.migration.script.MigrationScript;

/**
 * Where each repeatable migration stands against the database, in the order they run,
 * and which of them a migrate runs: those new or changed whose dependencies are
 * applied.
 *
 * @param entries each repeatable with its state, in the order they run
 */
record RepeatablePlan(List<Entry> entries) {

	/**
	 * Plans the repeatables against what stands applied.
	 * @param ordered the repeatables in the order they run
	 * @param applied the repeatables that stand applied, with the checksum they ran with
	 * @param revisions the revisions applied once the revisions of the run are
	 */
	static RepeatablePlan of(List<MigrationScript> ordered, Map<String, String> applied, Set<String> revisions) {
		Map<String, RepeatableState> states = new HashMap<>();
		List<Entry> entries = new ArrayList<>(ordered.size());
		for (MigrationScript script : ordered) {
			List<String> waitingFor = new ArrayList<>();
			for (String dependency : script.info().dependsOn()) {
				RepeatableState state = states.get(dependency);
				boolean repeatable = state != null;
				if (repeatable ? state == RepeatableState.WAITING : !revisions.contains(dependency)) {
					waitingFor.add(dependency);
				}
			}
			String checksum = applied.get(script.id());
			RepeatableState state = !waitingFor.isEmpty() ? RepeatableState.WAITING
					: (checksum == null) ? RepeatableState.NEW
					: checksum.equals(script.info().checksum()) ? RepeatableState.UP_TO_DATE : RepeatableState.CHANGED;
			states.put(script.id(), state);
			entries.add(new Entry(script, state, List.copyOf(waitingFor)));
		}
		return new RepeatablePlan(List.copyOf(entries));
	}

	/**
	 * The repeatables a migrate runs, in order.
	 */
	List<MigrationScript> toRun() {
		// A loop: this runs at every start, where a stream's lambdas cost classes of their own.
		List<MigrationScript> toRun = new ArrayList<>();
		for (Entry entry : this.entries) {
			if (entry.describe().pending()) {
				toRun.add(entry.script());
			}
		}
		return List.copyOf(toRun);
	}

	/**
	 * Each repeatable as a status shows it.
	 */
	List<Repeatable> describe() {
		return this.entries.stream().map(Entry::describe).toList();
	}

	/**
	 * The applied repeatables a rollback has to take down before it removes the given
	 * revisions: those that depend on one of them, and the repeatables that depend on
	 * those; dependents first, so that each goes while what it needs still stands.
	 * @param ordered the repeatables in the order they run
	 * @param applied the repeatables that stand applied
	 * @param removed the revisions the rollback removes
	 */
	static List<MigrationScript> takenDown(List<MigrationScript> ordered, Map<String, String> applied,
			Collection<String> removed) {
		Set<String> going = new HashSet<>();
		List<MigrationScript> down = new ArrayList<>();
		// In run order a repeatable comes after what it depends on: one pass finds the
		// closure.
		for (MigrationScript script : ordered) {
			if (!applied.containsKey(script.id())) {
				continue;
			}
			boolean needsRemoved = script.info()
				.dependsOn()
				.stream()
				.anyMatch((dependency) -> removed.contains(dependency) || going.contains(dependency));
			if (needsRemoved) {
				going.add(script.id());
				down.add(0, script);
			}
		}
		return down;
	}

	/**
	 * One repeatable and where it stands.
	 */
	record Entry(MigrationScript script, RepeatableState state, List<String> waitingFor) {

		Repeatable describe() {
			MigrationInfo info = this.script.info();
			return new Repeatable(info.revision(), info.message(), info.path(), this.state, info.dependsOn(),
					this.waitingFor);
		}

	}

}
