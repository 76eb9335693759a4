package dev.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that bad scripts or targets fail with a message naming the culprit and leave
 * the database untouched: no tables, no history.
 */
class MigrationManagerInvalidInputTests {

	@DatabaseTest
	void malformedHeaderAppliesNothing(TestDatabase database) throws IOException {
		database.writeTable("r1", null);
		Path bad = database.scriptDirectory().resolve("r2.sql");
		Files.writeString(bad, """
				-- Add a column
				--
				-- revison: r2
				-- down_revision: r1

				-- upgrade
				CREATE TABLE t_r2 (id INTEGER);
				""");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(manager::migrate)
			.withMessage("filesystem:" + bad + ":3: unknown header key 'revison'; expected one of revision, "
					+ "down_revision, depends_on, branch_labels, transactional, placeholders, repeatable, lint")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3));
		assertUntouched(database, manager);
	}

	@DatabaseTest
	void unknownTargetAppliesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("nope"))
			.withMessage("Unknown revision 'nope' (head is r1)");
		assertUntouched(database, manager);
	}

	@DatabaseTest
	void invalidTargetAppliesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("r1; DROP TABLE x"))
			.withMessageStartingWith("Invalid target 'r1; DROP TABLE x': expected head, heads, base");
		assertUntouched(database, manager);
	}

	@DatabaseTest
	void ambiguousTargetAppliesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("r"))
			.withMessage("Ambiguous revision 'r': matches r1, r2");
		assertUntouched(database, manager);
	}

	@DatabaseTest
	void cycleAppliesNothing(TestDatabase database) {
		Path first = database.writeTable("r1", "r2");
		Path second = database.writeTable("r2", "r1");
		database.writeTable("r0", null);
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(RevisionGraphException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("Invalid revision graph (1 problem):\nCycle (each revision needs the next): ")
			.withMessageContaining("'r1' (filesystem:" + first + ")")
			.withMessageContaining("'r2' (filesystem:" + second + ")");
		assertUntouched(database, manager);
	}

	@DatabaseTest
	void duplicateRevisionIdAppliesNothing(TestDatabase database) {
		Path first = database.writeTable("r1", null);
		Path copy = database.script("r1").fileName("r1_copy.sql").upgrade("CREATE TABLE other (id INTEGER);").write();
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(RevisionGraphException.class).isThrownBy(manager::migrate)
			.withMessage("Invalid revision graph (1 problem):\nDuplicate revision id 'r1' in filesystem:" + first
					+ ", filesystem:" + copy);
		assertUntouched(database, manager);
	}

	@DatabaseTest
	void missingParentAppliesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		Path orphan = database.writeTable("r2", "gone");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(RevisionGraphException.class).isThrownBy(manager::migrate)
			.withMessage("Invalid revision graph (1 problem):\nRevision 'r2' (filesystem:" + orphan
					+ ") has down_revision 'gone', which does not exist");
		assertUntouched(database, manager);
	}

	private static void assertUntouched(TestDatabase database, MigrationManager manager) {
		assertThat(database.allTables()).isEmpty();
		assertThat(manager.history()).isEmpty();
	}

}
