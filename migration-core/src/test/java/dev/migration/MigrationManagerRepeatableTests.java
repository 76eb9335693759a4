package dev.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.migration.MigrationStatus.RepeatableState;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for repeatable migrations ({@code repeatable: true}) on the real databases:
 * views and functions kept in one file each and applied again whenever they change, in
 * a fixed order, after the revisions they depend on, and taken down before a rollback
 * removes those revisions.
 */
class MigrationManagerRepeatableTests {

	private static Path repeatable(TestDatabase database, String id, String dependsOn, String upgrade,
			String downgrade) {
		StringBuilder text = new StringBuilder("-- Repeatable ").append(id).append("\n--\n-- revision: ").append(id)
			.append("\n-- repeatable: true\n");
		if (dependsOn != null) {
			text.append("-- depends_on: ").append(dependsOn).append('\n');
		}
		text.append("\n-- upgrade\n").append(upgrade).append('\n');
		if (downgrade != null) {
			text.append("\n-- downgrade\n").append(downgrade).append('\n');
		}
		return write(database, "R__" + id + ".sql", text.toString());
	}

	private static Path write(TestDatabase database, String name, String text) {
		Path file = database.scriptDirectory().resolve(name);
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private static void writeItems(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE items (id INTEGER PRIMARY KEY, price INTEGER);\n"
				+ "INSERT INTO items VALUES (1, 10);", "DROP TABLE items;");
	}

	private static String view(int factor) {
		return "CREATE OR REPLACE VIEW items_view AS SELECT id, price * " + factor + " AS total FROM items;";
	}

	private static String function(TestDatabase database, int factor) {
		return database.isPostgres()
				? "CREATE OR REPLACE FUNCTION scaled(p INTEGER) RETURNS INTEGER LANGUAGE sql AS $$ SELECT p * "
						+ factor + " $$;"
				: "CREATE OR REPLACE MACRO scaled(p) AS p * " + factor + ";";
	}

	private static String dropFunction(TestDatabase database) {
		return database.isPostgres() ? "DROP FUNCTION scaled(INTEGER);" : "DROP MACRO scaled;";
	}

	private static List<String> actions(MigrationManager manager, String id) {
		return manager.history()
			.stream()
			.filter((entry) -> entry.revision().equals(id))
			.map((entry) -> entry.action() + (entry.success() ? "" : " failed"))
			.toList();
	}

	@DatabaseTest
	void aViewAndAFunctionChangedThreeTimesRunAgainEachTime(TestDatabase database) {
		writeItems(database);
		MigrationManager manager = null;
		for (int version = 1; version <= 3; version++) {
			repeatable(database, "items_view", "r1", view(version), "DROP VIEW items_view;");
			repeatable(database, "scaled", null, function(database, version), dropFunction(database));
			// A manager loads the scripts once: each version is a new build of the application.
			manager = database.manager();
			MigrationStatus before = manager.status();
			assertThat(before.state()).isEqualTo(MigrationStatus.State.PENDING);
			// The view waits for r1, which is pending the first time.
			assertThat(before.repeatables()).extracting(MigrationStatus.Repeatable::state)
				.containsExactly((version == 1) ? new RepeatableState[] { RepeatableState.WAITING, RepeatableState.NEW }
						: new RepeatableState[] { RepeatableState.CHANGED, RepeatableState.CHANGED });
			assertThat(manager.verify().isOk()).isTrue();
			assertThat(manager.verify().notes()).extracting(VerifyReport.Problem::kind)
				.containsOnly(VerifyReport.Kind.REPEATABLE_PENDING);
			MigrationResult result = manager.migrate();
			assertThat(result.migrations()).extracting(AppliedMigration::revision)
				.containsExactly((version == 1) ? new String[] { "r1", "items_view", "scaled" }
						: new String[] { "items_view", "scaled" });
			assertThat(database.queryForList("SELECT total FROM items_view")).containsExactly(String.valueOf(10 * version));
			assertThat(database.queryForList("SELECT scaled(7)")).containsExactly(String.valueOf(7 * version));
			MigrationStatus after = manager.status();
			assertThat(after.state()).isEqualTo(MigrationStatus.State.UP_TO_DATE);
			assertThat(after.repeatables()).extracting(MigrationStatus.Repeatable::state)
				.containsOnly(RepeatableState.UP_TO_DATE);
			assertThat(manager.verify().notes()).isEmpty();
			// Unchanged: nothing runs again.
			assertThat(manager.migrate().migrations()).isEmpty();
		}
		assertThat(actions(manager, "items_view")).containsExactly("REAPPLY", "REAPPLY", "REAPPLY");
		assertThat(actions(manager, "scaled")).containsExactly("REAPPLY", "REAPPLY", "REAPPLY");
		// Repeatables are not revisions: the state knows r1 alone.
		assertThat(manager.currentRevisions()).containsExactly("r1");
	}

	@DatabaseTest
	void repeatablesRunInOrderOfTheirDependenciesThenById(TestDatabase database) {
		writeItems(database);
		repeatable(database, "z_base", "r1", "CREATE OR REPLACE VIEW z_view AS SELECT id FROM items;",
				"DROP VIEW z_view;");
		repeatable(database, "a_dependent", "z_base", "CREATE OR REPLACE VIEW a_view AS SELECT id FROM z_view;",
				"DROP VIEW a_view;");
		repeatable(database, "m_other", null, "CREATE OR REPLACE VIEW m_view AS SELECT 1 AS one;",
				"DROP VIEW m_view;");
		MigrationManager manager = database.manager();
		assertThat(manager.status().repeatables()).extracting(MigrationStatus.Repeatable::id)
			.containsExactly("m_other", "z_base", "a_dependent");
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision)
			.containsExactly("r1", "m_other", "z_base", "a_dependent");
		assertThat(database.queryForList("SELECT id FROM a_view")).containsExactly("1");
	}

	@DatabaseTest
	void aRepeatableWaitsForTheRevisionItDependsOn(TestDatabase database) {
		writeItems(database);
		database.write("r2", "r1", "ALTER TABLE items ADD COLUMN name VARCHAR(20);",
				"ALTER TABLE items DROP COLUMN name;");
		repeatable(database, "named", "r2", "CREATE OR REPLACE VIEW named_items AS SELECT id, name FROM items;",
				"DROP VIEW named_items;");
		MigrationManager manager = database.manager();
		assertThat(manager.migrate("r1").migrations()).extracting(AppliedMigration::revision).containsExactly("r1");
		MigrationStatus.Repeatable waiting = manager.status().repeatables().get(0);
		assertThat(waiting.state()).isEqualTo(RepeatableState.WAITING);
		assertThat(waiting.waitingFor()).containsExactly("r2");
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision)
			.containsExactly("r2", "named");
		assertThat(database.queryForList("SELECT COUNT(*) FROM named_items")).containsExactly("1");
	}

	@DatabaseTest
	void rollbackTakesDownOnlyTheRepeatablesThatDependOnARevisionItRemoves(TestDatabase database) {
		writeItems(database);
		database.writeTable("r2", "r1");
		repeatable(database, "items_view", "r1", view(2), "DROP VIEW items_view;");
		repeatable(database, "free", null, "CREATE OR REPLACE VIEW free_view AS SELECT 1 AS one;",
				"DROP VIEW free_view;");
		MigrationManager manager = database.manager();
		manager.migrate();
		// r2 goes; items_view depends on r1 only: it stays.
		assertThat(manager.rollback("r1", RollbackOptions.defaults().withAllowDataLoss()).migrations())
			.extracting(AppliedMigration::revision)
			.containsExactly("r2");
		assertThat(database.queryForList("SELECT total FROM items_view")).containsExactly("20");
		// r1 goes: the view is taken down first (PostgreSQL would refuse to drop the table
		// under it), and the repeatable without a dependency stays.
		MigrationResult down = manager.rollback("base", RollbackOptions.defaults().withAllowDataLoss());
		assertThat(down.migrations()).extracting(AppliedMigration::revision).containsExactly("items_view", "r1");
		assertThat(actions(manager, "items_view")).containsExactly("UNAPPLY", "REAPPLY");
		assertThat(database.queryForList("SELECT one FROM free_view")).containsExactly("1");
		MigrationStatus.Repeatable view = manager.status().repeatables().stream()
			.filter((each) -> each.id().equals("items_view"))
			.findFirst()
			.orElseThrow();
		assertThat(view.state()).isEqualTo(RepeatableState.WAITING);
		// The revision comes back, and the view with it.
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision)
			.containsExactly("r1", "r2", "items_view");
		assertThat(database.queryForList("SELECT total FROM items_view")).containsExactly("20");
	}

	@DatabaseTest
	void aRollbackUnderARepeatableWithoutDowngradeIsRefusedAndChangesNothing(TestDatabase database) {
		writeItems(database);
		repeatable(database, "items_view", "r1", view(2), null);
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> manager.rollback("base", RollbackOptions.defaults().withAllowDataLoss()))
			.withMessageContaining("repeatable migration items_view")
			.withMessageContaining("no '-- downgrade' section");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.queryForList("SELECT total FROM items_view")).containsExactly("20");
		assertThat(manager.verify().problems(VerifyReport.Kind.IRREVERSIBLE)).extracting(VerifyReport.Problem::revision)
			.contains("items_view");
	}

	@DatabaseTest
	void aFailingRepeatableIsRolledBackAndLoggedWhileTheRevisionsStay(TestDatabase database) {
		writeItems(database);
		repeatable(database, "broken", "r1", "CREATE OR REPLACE VIEW broken_view AS SELECT id FROM items;\n"
				+ "CREATE VIEW other_view AS SELECT missing_column FROM items;", "DROP VIEW broken_view;");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
			.withMessageContaining("Repeatable migration broken (")
			.withMessageContaining("at statement 2 (line");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("items");
		assertThat(actions(manager, "broken")).containsExactly("REAPPLY failed");
		assertThat(manager.status().repeatables().get(0).state()).isEqualTo(RepeatableState.NEW);
	}

	@DatabaseTest
	void hostileScriptsGetClearErrorsAndNothingRuns(TestDatabase database) {
		writeItems(database);
		Path missing = repeatable(database, "orphan", "r9", "CREATE OR REPLACE VIEW orphan AS SELECT 1 AS one;",
				null);
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("filesystem:" + missing + ":5: unknown revision or repeatable migration 'r9'");
		assertThat(database.tables()).isEmpty();
		assertThat(manager.history()).isEmpty();

		write(database, "R__orphan.sql", "-- Orphan\n--\n-- revision: orphan\n-- down_revision: r1\n-- repeatable: true\n"
				+ "\n-- upgrade\nSELECT 1;\n");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> database.manager().migrate())
			.withMessageStartingWith("filesystem:" + missing + ":4: a repeatable migration takes no 'down_revision'");

		write(database, "R__orphan.sql", "-- Orphan\n--\n-- revision: r1\n-- repeatable: true\n"
				+ "\n-- upgrade\nSELECT 1;\n");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> database.manager().migrate())
			.withMessageContaining("repeatable migration id 'r1' is also a revision's");

		write(database, "R__orphan.sql", "-- Orphan\n--\n-- revision: loop_a\n-- repeatable: true\n"
				+ "-- depends_on: loop_b\n\n-- upgrade\nSELECT 1;\n");
		repeatable(database, "loop_b", "loop_a", "SELECT 1;", null);
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> database.manager().migrate())
			.withMessageContaining("repeatable migrations loop_a, loop_b depend on each other in a cycle");

		write(database, "R__orphan.sql", "-- Orphan\n--\n-- revision: orphan\n-- repeatable: true\n"
				+ "-- transactional: false\n\n-- upgrade\nSELECT 1;\n");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> database.manager().migrate())
			.withMessageStartingWith("filesystem:" + missing + ":5: a repeatable migration runs in one transaction");
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest
	void placeholdersDryRunsAndOfflineScriptsCoverRepeatables(TestDatabase database) {
		writeItems(database);
		repeatable(database, "items_view", "r1",
				"CREATE OR REPLACE VIEW ${view_name} AS SELECT id, '${migration:revision}' AS source FROM items;",
				"DROP VIEW ${view_name};");
		MigrationManager manager = database.manager((builder) -> builder.placeholders(Map.of("view_name", "shown")));
		MigrationResult dryRun = manager.migrate("heads", true);
		assertThat(dryRun.planned()).extracting(PlannedMigration::revision).containsExactly("r1", "items_view");
		assertThat(dryRun.planned().get(1).statements().get(0))
			.startsWith("CREATE OR REPLACE VIEW shown AS SELECT id, 'items_view' AS source FROM items");
		assertThat(database.tables()).isEmpty();
		String offline = manager.sql("base:heads", database.dialect());
		assertThat(offline).contains("-- Repeatable items_view: Repeatable items_view")
			.contains("CREATE OR REPLACE VIEW shown AS SELECT id, 'items_view' AS source FROM items;")
			.contains("'reapply'");
		String offlineDown = manager.sql("heads:base", database.dialect());
		assertThat(offlineDown.indexOf("DROP VIEW shown")).isLessThan(offlineDown.indexOf("DROP TABLE items"));
		manager.migrate();
		assertThat(database.queryForList("SELECT source FROM shown")).containsExactly("items_view");
	}

}
