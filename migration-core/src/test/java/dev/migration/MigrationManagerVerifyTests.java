package dev.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.migration.VerifyReport.Kind;
import dev.migration.VerifyReport.Problem;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationManager#verify()} and the checks {@code migrate} and
 * {@code rollback} make against edited, missing and irreversible scripts.
 */
class MigrationManagerVerifyTests {

	@DatabaseTest
	void verifyOfAnUpToDateDatabaseFindsNothing(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThat(manager.verify().problems()).isEmpty();
	}

	@DatabaseTest
	void verifyFindsAnAppliedScriptThatWasEdited(TestDatabase database) {
		Path first = database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		manager.migrate();
		String applied = manager.migrations().get(0).checksum();
		database.write("r1", null, "CREATE TABLE t_r1 (id BIGINT);", "DROP TABLE t_r1;");
		MigrationManager edited = database.manager();
		String now = edited.migrations().get(0).checksum();
		assertThat(now).isNotEqualTo(applied);
		assertThat(edited.verify().problems()).containsExactly(new Problem(Kind.CHECKSUM_MISMATCH, "r1",
				"Revision r1 (filesystem:" + first + ") was edited after it was applied: checksum " + applied
						+ " when applied, " + now + " now"));
	}

	@DatabaseTest
	void migrateRefusesEditedAppliedScriptsWhenValidating(TestDatabase database) {
		Path first = database.writeTable("r1", null);
		database.manager().migrate();
		database.write("r1", null, "CREATE TABLE t_r1 (id BIGINT);", "DROP TABLE t_r1;");
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(EditedScriptsException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("Refusing to migrate: applied scripts were edited; nothing was run.\n  Revision r1 "
					+ "(filesystem:" + first + ") was edited after it was applied: checksum ")
			.withMessageEndingWith("\nRevert the edit and put the change in a new revision. If the edit is harmless "
					+ "(a comment, formatting), accept it with repair(RepairAction.ACCEPT_CHECKSUM, \"r1\", reason, "
					+ "confirm), which the history records. Last resort: validateOnMigrate(false) turns the check off "
					+ "for every script")
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(MigrationStateException.Reason.EDITED);
				assertThat(ex.getRevisions()).containsExactly("r1");
				assertThat(ex.getScripts()).singleElement().satisfies((script) -> {
					assertThat(script.revision()).isEqualTo("r1");
					assertThat(script.path()).isEqualTo("filesystem:" + first);
					assertThat(script.currentChecksum()).isNotEqualTo(script.appliedChecksum());
				});
				assertThat(ex.getProblem()).doesNotContain("repair(");
			});
		assertThat(database.tables()).containsExactly("t_r1");
		assertThat(manager.currentRevisions()).containsExactly("r1");
	}

	@DatabaseTest
	void statusSaysEditedAndListsTheEditedScript(TestDatabase database) {
		Path first = database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.manager().migrate();
		database.write("r1", null, "CREATE TABLE t_r1 (id BIGINT);", "DROP TABLE t_r1;");
		MigrationManager manager = database.manager();
		MigrationStatus status = manager.status();
		assertThat(status.state()).isEqualTo(MigrationStatus.State.EDITED);
		assertThat(status.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Kind.CHECKSUM_MISMATCH);
			assertThat(problem.revision()).isEqualTo("r1");
			assertThat(problem.detail()).startsWith("Revision r1 (filesystem:" + first + ") was edited after it "
					+ "was applied: checksum ");
		});
		assertThat(status.problems()).isEqualTo(manager.verify().problems(Kind.CHECKSUM_MISMATCH));
	}

	@DatabaseTest
	void statusOfAnUneditedDatabaseHasNoProblems(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThat(manager.status().state()).isEqualTo(MigrationStatus.State.UP_TO_DATE);
		assertThat(manager.status().problems()).isEmpty();
	}

	@DatabaseTest
	void migrateAllowsEditedAppliedScriptsWhenNotValidating(TestDatabase database) {
		database.writeTable("r1", null);
		database.manager().migrate();
		database.write("r1", null, "CREATE TABLE t_r1 (id BIGINT);", "DROP TABLE t_r1;");
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager((configuration) -> configuration.validateOnMigrate(false));
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision).containsExactly("r2");
		assertThat(manager.verify().problems(Kind.CHECKSUM_MISMATCH)).hasSize(1);
	}

	@DatabaseTest
	void lineEndingOnlyEditsAreNotDrift(TestDatabase database) throws IOException {
		Path first = database.writeTable("r1", null);
		database.manager().migrate();
		String text = Files.readString(first);
		Files.writeString(first, text.replace("\n", "\r\n"));
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		assertThat(manager.verify().problems()).isEmpty();
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision).containsExactly("r2");
	}

	@DatabaseTest
	void verifyFindsAnAppliedRevisionWhoseScriptIsGone(TestDatabase database) throws IOException {
		database.writeTable("r1", null);
		Path second = database.writeTable("r2", "r1");
		database.manager().migrate();
		Files.delete(second);
		MigrationManager manager = database.manager();
		assertThat(manager.verify().problems()).containsExactly(new Problem(Kind.MISSING_SCRIPT, "r2",
				"Applied revision r2 (filesystem:" + second + ") has no script in [filesystem:"
						+ database.scriptDirectory() + "]"));
		MigrationStatus status = manager.status();
		assertThat(status.state()).isEqualTo(MigrationStatus.State.AHEAD);
		assertThat(status.problems()).isEqualTo(manager.verify().problems());
	}

	@DatabaseTest
	void verifyFindsIrreversibleMigrations(TestDatabase database) {
		database.writeTable("r1", null);
		Path second = database.write("r2", "r1", "CREATE TABLE t_r2 (id INTEGER);", null);
		MigrationManager manager = database.manager();
		assertThat(manager.migrations()).extracting(MigrationInfo::reversible).containsExactly(true, false);
		assertThat(manager.verify().problems()).containsExactly(new Problem(Kind.IRREVERSIBLE, "r2",
				"Revision r2 (filesystem:" + second + ") has no downgrade: it cannot be rolled back"));
	}

	@DatabaseTest
	void verifyReportsAnInvalidGraph(TestDatabase database) {
		database.writeTable("r1", "missing");
		MigrationManager manager = database.manager();
		assertThat(manager.verify().problems()).containsExactly(new Problem(Kind.GRAPH_PROBLEM, null,
				"Revision 'r1' (filesystem:" + database.scriptDirectory().resolve("r1.sql")
						+ ") has down_revision 'missing', which does not exist"));
	}

	@DatabaseTest
	void rollbackOfAnIrreversibleMigrationIsRefusedAndNothingIsRolledBack(TestDatabase database) {
		database.writeTable("r1", null);
		Path second = database.write("r2", "r1", "CREATE TABLE t_r2 (id INTEGER);", null);
		database.writeTable("r3", "r2");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("base"))
			.withMessage("Rollback to 'base' refused by 1 safety check(s); nothing was run:\n  - Irreversible "
					+ "migration: revision r2 (filesystem:" + second + ") has no downgrade, so it cannot be rolled back");
		assertThat(manager.currentRevisions()).containsExactly("r3");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
		assertThat(manager.rollback("-1").migrations()).extracting(AppliedMigration::revision).containsExactly("r3");
	}

}
