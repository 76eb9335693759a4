package dev.migration.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationInfo;
import dev.migration.TargetException;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.Revision;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptLoader;
import dev.migration.script.ScriptSet;

/**
 * The scripts of the configured locations and their graph; immutable, loaded once per
 * engine.
 * @param byId the revisions by id
 * @param graph their graph
 * @param planner the planner over it
 * @param repeatables the repeatable migrations, in the order they run
 */
record LoadedScripts(Map<String, MigrationScript> byId, RevisionGraph graph, MigrationPlanner planner,
		List<MigrationScript> repeatables) {

	/**
	 * Loads the scripts.
	 * @param configuration where the scripts are
	 * @return the scripts
	 */
	static LoadedScripts load(MigrationConfiguration configuration) {
		ScriptSet set = new ScriptLoader(configuration).loadAll();
		List<MigrationScript> loaded = set.revisions();
		List<Revision> revisions = new ArrayList<>(loaded.size());
		Map<String, MigrationScript> byId = new HashMap<>();
		for (MigrationScript script : loaded) {
			revisions.add(script.revision());
			byId.put(script.id(), script);
		}
		RevisionGraph graph = RevisionGraph.of(revisions);
		return new LoadedScripts(Collections.unmodifiableMap(byId), graph, new MigrationPlanner(graph),
				RepeatableOrder.order(set.repeatables(), graph));
	}

	/**
	 * Whether any script's text may name a placeholder, whose values differ from one
	 * schema to the next.
	 */
	boolean namePlaceholders() {
		return this.byId.values().stream().anyMatch(MigrationScript::namesPlaceholders)
				|| this.repeatables.stream().anyMatch(MigrationScript::namesPlaceholders);
	}

	MigrationScript require(String id) {
		MigrationScript script = this.byId.get(id);
		if (script == null) {
			throw new TargetException("Unknown revision '" + id + "'");
		}
		return script;
	}

	MigrationInfo info(String id) {
		return require(id).info();
	}

}
