package dev.migration.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The generated script sets of one harness run, each written once and shared by the
 * workloads and databases that use the same size, and the anchors' copies of them.
 */
final class Corpora {

	private final Path root;

	private final Map<String, ScriptSet> sets = new HashMap<>();

	private final Map<Integer, AnchorScripts> anchors = new HashMap<>();

	Corpora(Path root) {
		this.root = root;
	}

	ScriptSet chain(int size) throws IOException {
		String key = "chain-" + size;
		ScriptSet set = this.sets.get(key);
		if (set == null) {
			set = ScriptGenerator.chain(this.root.resolve(key), size);
			this.sets.put(key, set);
		}
		return set;
	}

	/**
	 * The chain of a size in the anchors' formats.
	 * @param size the number of migrations
	 * @return Flyway's and Liquibase's scripts of {@link #chain(int)}
	 */
	AnchorScripts anchors(int size) throws IOException {
		AnchorScripts scripts = this.anchors.get(size);
		if (scripts == null) {
			scripts = AnchorScripts.write(chain(size), this.root.resolve("anchors-" + size));
			this.anchors.put(size, scripts);
		}
		return scripts;
	}

	ScriptSet branched(int size) throws IOException {
		String key = "branched-" + size;
		ScriptSet set = this.sets.get(key);
		if (set == null) {
			set = ScriptGenerator.branched(this.root.resolve(key), size);
			this.sets.put(key, set);
		}
		return set;
	}

}
