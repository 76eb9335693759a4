package dev.migration.script;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.migration.ScriptException;
import dev.migration.revision.Revision;

/**
 * The rules for branch labels, checked where they are declared so that the error names
 * the file and the line of the {@code branch_labels} header entry (or the Java
 * migration's class): the label's characters, the words targets reserve, a label
 * repeated, and across scripts a label declared twice or equal to a revision id. The
 * revision graph checks the same again for revisions built in memory.
 */
final class BranchLabelCheck {

	static final String KEY = "branch_labels";

	private BranchLabelCheck() {
	}

	/**
	 * The labels of a {@code branch_labels} header value: comma-separated, or empty or
	 * {@code none} for none.
	 * @param path the script
	 * @param line the header entry's line
	 * @param value the value
	 * @param revision the script's revision id
	 * @return the labels, in the order given
	 * @throws ScriptException for a label that breaks a rule
	 */
	static List<String> parse(String path, int line, String value, String revision) {
		if (value == null || value.isEmpty() || value.equalsIgnoreCase("none")) {
			return List.of();
		}
		List<String> labels = new ArrayList<>();
		for (String candidate : value.split(",", -1)) {
			labels.add(candidate.strip());
		}
		check(path, line, labels, revision);
		return List.copyOf(labels);
	}

	/**
	 * Checks the labels one revision declares.
	 * @param source the script or class
	 * @param line the line of the declaration, or 0
	 * @param labels the labels
	 * @param revision the revision id
	 * @throws ScriptException for a label that breaks a rule
	 */
	static void check(String source, int line, List<String> labels, String revision) {
		List<String> seen = new ArrayList<>();
		for (String label : labels) {
			if (label == null || !Revision.isValidBranchLabel(label)) {
				throw new ScriptException(source, line, "invalid branch label " + quote(label) + " in '" + KEY
						+ "': use only letters, digits, _ and - (not first); '@' separates a label from its "
						+ "position in a target, as in billing@head");
			}
			if (Revision.isReserved(label)) {
				throw new ScriptException(source, line, "branch label " + quote(label) + " in '" + KEY
						+ "' is reserved for targets; choose another label");
			}
			if (label.equals(revision)) {
				throw new ScriptException(source, line, "branch label " + quote(label) + " in '" + KEY
						+ "' is the revision's own id; choose another label");
			}
			if (seen.contains(label)) {
				throw new ScriptException(source, line, "branch label " + quote(label) + " listed twice in '" + KEY
						+ "'");
			}
			seen.add(label);
		}
	}

	/**
	 * Checks the labels of every script against the others: each label is declared by
	 * one revision only, and none is the id of a revision. Scripts sharing a revision id
	 * are left to the graph, which reports the duplicate id.
	 * @param scripts the scripts loaded
	 * @throws ScriptException naming the later declaration's file and line, and the
	 * earlier one
	 */
	private static boolean anyLabel(List<MigrationScript> scripts) {
		for (MigrationScript script : scripts) {
			if (!script.revision().branchLabels().isEmpty()) {
				return true;
			}
		}
		return false;
	}

	static void check(List<MigrationScript> scripts) {
		// Most projects declare no label: nothing to index at every start.
		if (!anyLabel(scripts)) {
			return;
		}
		Map<String, MigrationScript> byId = new HashMap<>();
		for (MigrationScript script : scripts) {
			byId.putIfAbsent(script.id(), script);
		}
		Map<String, MigrationScript> declaring = new HashMap<>();
		for (MigrationScript script : scripts) {
			for (String label : script.revision().branchLabels()) {
				MigrationScript first = declaring.putIfAbsent(label, script);
				if (first != null && !first.id().equals(script.id())) {
					throw new ScriptException(script.info().path(), script.branchLabelsLine(), "branch label "
							+ quote(label) + " is already declared by revision '" + first.id() + "' ("
							+ where(first) + "); a label names one branch");
				}
				MigrationScript same = byId.get(label);
				if (same != null) {
					throw new ScriptException(script.info().path(), script.branchLabelsLine(), "branch label "
							+ quote(label) + " is the id of revision '" + same.id() + "' (" + same.info().path()
							+ "); choose another label");
				}
			}
		}
	}

	private static String where(MigrationScript script) {
		int line = script.branchLabelsLine();
		return script.info().path() + ((line > 0) ? ":" + line : "");
	}

	private static String quote(String label) {
		return (label != null) ? "'" + label.replaceAll("\\p{Cntrl}", "?") + "'" : "null";
	}

}
