package dev.migration;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationManager#verifyRoundTrip()} on real databases.
 */
class MigrationManagerRoundTripTests {

	@DatabaseTest
	void goodDowngradesPassAndTheRealDatabaseIsUntouched(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL);",
				"DROP TABLE users;");
		database.write("r2", "r1", "CREATE TABLE notes (id INTEGER, body TEXT); CREATE INDEX ix_notes_id ON notes (id);",
				"DROP INDEX ix_notes_id; DROP TABLE notes;");
		database.write("r3", "r2", "ALTER TABLE users ADD COLUMN phone VARCHAR(20);",
				"ALTER TABLE users DROP COLUMN phone;");
		database.write("r4", "r3", "INSERT INTO users (id, email) VALUES (1, 'a@example.com');", null);
		MigrationManager manager = database.manager();
		assertThat(manager.verifyRoundTrip().problems()).isEmpty();
		assertThat(database.allTables()).isEmpty();
		assertThat(manager.currentRevisions()).isEmpty();
	}

	@DatabaseTest
	void branchesCrossingThroughADependencyAreEachRevertedAlone(TestDatabase database) {
		// Applied one at a time, x then y leaves two current revisions: -1 would have to
		// choose, so the round trip reverts the revision it just applied by its id.
		database.write("x", null, "CREATE TABLE xs (id INTEGER);", "DROP TABLE xs;");
		database.write("y", null, "CREATE TABLE ys (id INTEGER);", "DROP TABLE ys;");
		database.write("x2", "x", "ALTER TABLE xs ADD COLUMN name VARCHAR(20);", "ALTER TABLE xs DROP COLUMN name;");
		database.script("y2")
			.parents("y")
			.dependsOn("x")
			.upgrade("CREATE TABLE y2s (id INTEGER);")
			.downgrade("DROP TABLE y2s;")
			.write();
		MigrationManager manager = database.manager();
		assertThat(manager.verifyRoundTrip().problems()).isEmpty();
		assertThat(database.allTables()).isEmpty();
	}

	@DatabaseTest
	void aDowngradeThatDoesNotRestoreTheSchemaIsReportedWithTheDifference(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
		database.write("r2", "r1", "ALTER TABLE users ADD COLUMN phone VARCHAR(20); CREATE TABLE audit (id INTEGER);",
				"ALTER TABLE users DROP COLUMN phone;");
		database.write("r3", "r2", "CREATE TABLE notes (id INTEGER);", "DROP TABLE notes;");
		MigrationManager manager = database.manager();
		VerifyReport report = manager.verifyRoundTrip();
		assertThat(report.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(VerifyReport.Kind.ROUND_TRIP);
			assertThat(problem.revision()).isEqualTo("r2");
			assertThat(problem.detail()).startsWith("The downgrade of r2 (")
				.contains("does not restore the schema; it differs by: ")
				.contains("audit");
		});
	}

	@DatabaseTest(dev.migration.testing.Database.DUCKDB)
	void aDowngradeThatDuckDbCannotRunIsFound(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100));",
				"DROP TABLE users;");
		database.write("r2", "r1", "CREATE UNIQUE INDEX ux_users_email ON users (email);", "DROP INDEX ux_users_email;");
		database.write("r3", "r2", "ALTER TABLE users ADD COLUMN phone VARCHAR(20);",
				"ALTER TABLE users DROP COLUMN phone;");
		assertThat(database.manager().verifyRoundTrip().problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.detail()).startsWith("The round trip of r3 (")
				.contains("failed at its downgrade")
				.contains("Cannot alter entry \"users\""));
	}

	@DatabaseTest
	void aDowngradeThatFailsIsReportedAndStopsTheRoundTrip(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER);", "DROP TABLE missing_table;");
		database.write("r2", "r1", "CREATE TABLE notes (id INTEGER);", "DROP TABLE notes;");
		MigrationManager manager = database.manager();
		assertThat(manager.verifyRoundTrip().problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.revision()).isEqualTo("r1");
			assertThat(problem.detail()).startsWith("The round trip of r1 (").contains("failed at its downgrade: ")
				.contains("missing_table");
		});
	}

}
