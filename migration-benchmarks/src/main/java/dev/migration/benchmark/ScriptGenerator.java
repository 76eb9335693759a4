package dev.migration.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.migration.revision.Revision;

/**
 * Writes the generated scripts the workloads run, in the documented file format.
 * <ul>
 * <li>{@link #chain}: a straight line of migrations, each creating a table with three
 * columns and an index, every tenth adding a column to the previous table instead;</li>
 * <li>{@link #branched}: a graph of trivial revisions in blocks of ten, each block a
 * trunk revision, two branches of four and a merge, for planning and status.</li>
 * </ul>
 */
final class ScriptGenerator {

	private ScriptGenerator() {
	}

	static ScriptSet chain(Path directory, int size) throws IOException {
		Files.createDirectories(directory);
		List<Revision> revisions = new ArrayList<>();
		int tables = 0;
		for (int i = 1; i <= size; i++) {
			String id = id("r", i);
			List<String> parents = (i == 1) ? List.of() : List.of(id("r", i - 1));
			String upgrade;
			String downgrade;
			String message;
			if (i % 10 == 0) {
				String table = id("t", i - 1);
				String column = id("c", i);
				String index = "ix_" + table + "_name";
				message = "Add " + column + " to " + table;
				upgrade = "ALTER TABLE " + table + " ADD COLUMN " + column + " VARCHAR(50);\n";
				// DuckDB cannot drop a column of an indexed table: the index goes and comes back.
				downgrade = "DROP INDEX " + index + ";\nALTER TABLE " + table + " DROP COLUMN " + column
						+ ";\nCREATE INDEX " + index + " ON " + table + " (name);\n";
			}
			else {
				String table = id("t", i);
				String index = "ix_" + table + "_name";
				message = "Create " + table;
				upgrade = "CREATE TABLE " + table
						+ " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at TIMESTAMP);\n"
						+ "CREATE INDEX " + index + " ON " + table + " (name);\n";
				downgrade = "DROP INDEX " + index + ";\nDROP TABLE " + table + ";\n";
				tables++;
			}
			revisions.add(write(directory, id, message, parents, upgrade, downgrade));
		}
		return new ScriptSet(directory, revisions, tables, (size > 0) ? id("r", (size + 1) / 2) : null);
	}

	static ScriptSet branched(Path directory, int size) throws IOException {
		Files.createDirectories(directory);
		List<Revision> revisions = new ArrayList<>();
		int blocks = Math.max(1, size / 10);
		String previousMerge = null;
		for (int block = 0; block < blocks; block++) {
			int first = block * 10 + 1;
			String trunk = id("g", first);
			revisions.add(write(directory, trunk, "Trunk " + block,
					(previousMerge != null) ? List.of(previousMerge) : List.of(), "SELECT 1;\n", "SELECT 1;\n"));
			String left = branch(directory, revisions, trunk, first + 1);
			String right = branch(directory, revisions, trunk, first + 5);
			previousMerge = id("g", first + 9);
			revisions.add(write(directory, previousMerge, "Merge " + block, List.of(left, right), "SELECT 1;\n",
					"SELECT 1;\n"));
		}
		return new ScriptSet(directory, revisions, 0, id("g", Math.max(1, blocks / 2) * 10));
	}

	private static String branch(Path directory, List<Revision> revisions, String from, int first)
			throws IOException {
		String parent = from;
		for (int i = first; i < first + 4; i++) {
			String id = id("g", i);
			revisions.add(write(directory, id, "Branch step " + i, List.of(parent), "SELECT 1;\n", "SELECT 1;\n"));
			parent = id;
		}
		return parent;
	}

	private static Revision write(Path directory, String id, String message, List<String> parents, String upgrade,
			String downgrade) throws IOException {
		String script = "-- " + message + "\n--\n-- revision: " + id + "\n-- down_revision: "
				+ (parents.isEmpty() ? "none" : String.join(", ", parents)) + "\n\n-- upgrade\n" + upgrade
				+ "\n-- downgrade\n" + downgrade;
		Path file = directory.resolve(id + "_" + message.toLowerCase().replaceAll("[^a-z0-9]+", "_") + ".sql");
		Files.writeString(file, script);
		return new Revision(id, message, parents, List.of(), file.toString());
	}

	private static String id(String prefix, int number) {
		return prefix + String.format("%06d", number);
	}

}
