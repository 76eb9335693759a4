package dev.migration.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The generated script sets of one harness run, each written once and shared by the
 * workloads and databases that use the same size.
 */
final class Corpora {

	private final Path root;

	private final Map<String, ScriptSet> sets = new HashMap<>();

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
