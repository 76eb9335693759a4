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

/**
 * The scripts of the configured locations and their graph; immutable, loaded once per
 * engine.
 */
record LoadedScripts(Map<String, MigrationScript> byId, RevisionGraph graph, MigrationPlanner planner) {

	/**
	 * Loads the scripts.
	 * @param configuration where the scripts are
	 * @return the scripts
	 */
	static LoadedScripts load(MigrationConfiguration configuration) {
		List<MigrationScript> loaded = new ScriptLoader(configuration).load();
		List<Revision> revisions = new ArrayList<>(loaded.size());
		Map<String, MigrationScript> byId = new HashMap<>();
		for (MigrationScript script : loaded) {
			revisions.add(script.revision());
			byId.put(script.id(), script);
		}
		RevisionGraph graph = RevisionGraph.of(revisions);
		return new LoadedScripts(Collections.unmodifiableMap(byId), graph, new MigrationPlanner(graph));
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
