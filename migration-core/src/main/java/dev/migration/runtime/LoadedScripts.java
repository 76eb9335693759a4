package dev.migration.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationInfo;
import dev.migration.TargetException;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptLoader;

/**
 * The scripts of the configured locations and their graph; immutable, loaded once per
 * engine.
 */
record LoadedScripts(Map<String, MigrationScript> byId, RevisionGraph graph, MigrationPlanner planner) {

	static LoadedScripts load(MigrationConfiguration configuration) {
		List<MigrationScript> loaded = new ScriptLoader(configuration).load();
		RevisionGraph graph = RevisionGraph.of(loaded.stream().map(MigrationScript::revision).toList());
		Map<String, MigrationScript> byId = new LinkedHashMap<>();
		loaded.forEach((script) -> byId.put(script.id(), script));
		return new LoadedScripts(Map.copyOf(byId), graph, new MigrationPlanner(graph));
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
