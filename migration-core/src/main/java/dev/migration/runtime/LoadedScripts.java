package dev.migration.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

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
	 * Loads the scripts, offering a share of reading them to helpers.
	 * @param configuration where the scripts are
	 * @param helpers where to offer a share of the work, {@code null} for none
	 * @return the scripts
	 */
	static LoadedScripts load(MigrationConfiguration configuration, Executor helpers) {
		List<MigrationScript> loaded = new ScriptLoader(configuration).load(helpers);
		List<Revision> revisions = new ArrayList<>(loaded.size());
		// Not Map.copyOf: copying thousands of entries into its probing table costs more
		// than the map; no one else holds this one.
		Map<String, MigrationScript> byId = new HashMap<>(Math.max(16, loaded.size() * 2));
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
