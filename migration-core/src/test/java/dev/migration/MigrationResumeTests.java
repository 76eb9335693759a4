package dev.migration;

import java.nio.file.Path;
import java.util.List;

import dev.migration.MigrationStateException.Reason;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@code transactional: false} migrations that fail after some of their
 * statements committed: the count in the history log, the refusal to start them over,
 * and {@link MigrationManager#resume}.
 */
class MigrationResumeTests {

	private static final String COMMITTED = "CREATE TABLE t_a (id INTEGER);\nCREATE TABLE t_b (id INTEGER);\n";

	@DatabaseTest
	void failureCountsTheCommittedStatementsInTheExceptionAndTheLog(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, manager::migrate);
		assertThat(failure.getCommittedStatements()).isEqualTo(2);
		assertThat(failure).hasMessageContaining("statements 1 to 2 stay committed")
			.hasMessageContaining("resume(\"r2\", options)");
		assertThat(database.queryForList("SELECT committed_statements FROM migration_history WHERE revision = 'r2' "
				+ "AND action = 'upgrade'")).containsExactly("2");
		assertThat(database.queryForList("SELECT committed_checksum FROM migration_history WHERE revision = 'r2' "
				+ "AND action = 'upgrade'")).singleElement().asString().isNotBlank();
	}

	@DatabaseTest
	void transactionalFailureCountsNothingCommitted(TestDatabase database) {
		database.writeTable("r1", null);
		database.write("r2", "r1", COMMITTED + "INSERT INTO no_such_table VALUES (1);", null);
		MigrationManager manager = database.manager();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, manager::migrate);
		assertThat(failure.getCommittedStatements()).isZero();
		// Nothing committed: a migrate runs it whole again.
		database.write("r2", "r1", COMMITTED, null);
		MigrationManager fixed = database.manager();
		fixed.migrate();
		assertThat(fixed.currentRevisions()).containsExactly("r2");
	}

	@DatabaseTest
	void migrateRefusesToStartAPartlyCommittedMigrationOverAndChangesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		Path second = writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate);
		int logged = manager.history().size();
		MigrationStateException refusal = catchThrowableOfType(MigrationStateException.class, manager::migrate);
		assertThat(refusal.getReason()).isEqualTo(Reason.PARTLY_COMMITTED);
		assertThat(refusal.getRevisions()).containsExactly("r2");
		assertThat(refusal.getProblem()).startsWith("Refusing to migrate: revision r2 (filesystem:" + second
				+ ") is declared transactional: false and failed in its run of ")
			.contains(" after statements 1 to 2 had committed; its script is unchanged since. Running it again "
					+ "would start from statement 1.");
		assertThat(refusal).hasMessageContaining(
				"resume(\"r2\", ResumeOptions.defaults().withReason(reason)); or, once completed by hand, record it "
						+ "as applied: repair(RepairAction.MARK_APPLIED, \"r2\", reason, null)");
		assertThat(manager.history()).hasSize(logged);
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("t_a", "t_b", "t_r1");
	}

	@DatabaseTest
	void resumeRunsTheRestAfterTheCommittedStatements(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate);
		// The fix is in the statement that failed: the committed part is as it ran.
		writeSecond(database, COMMITTED + "CREATE TABLE t_c (id INTEGER);");
		MigrationManager fixed = database.manager();
		assertThat(catchThrowableOfType(MigrationStateException.class, fixed::migrate).getProblem())
			.contains("its script was edited since, after those statements");
		MigrationResult result = fixed.resume("r2", ResumeOptions.defaults().withReason("no_such_table was a typo"));
		assertThat(result.migrations()).singleElement()
			.satisfies((applied) -> assertThat(applied.revision()).isEqualTo("r2"));
		assertThat(fixed.currentRevisions()).containsExactly("r2");
		assertThat(database.tables()).containsExactly("t_a", "t_b", "t_c", "t_r1");
		assertThat(fixed.history().get(0).success()).isTrue();
		assertThat(fixed.history()).anySatisfy((entry) -> {
			assertThat(entry.action()).isEqualTo(HistoryAction.REPAIR);
			assertThat(entry.message()).isEqualTo("resume after statement 2: no_such_table was a typo");
		});
		assertThat(fixed.migrate().migrations()).isEmpty();
	}

	@DatabaseTest
	void resumeThatFailsAgainCountsEveryCommittedStatement(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate);
		writeSecond(database, COMMITTED + "CREATE TABLE t_c (id INTEGER);\nINSERT INTO still_missing VALUES (1);");
		MigrationManager fixed = database.manager();
		MigrationFailedException again = catchThrowableOfType(MigrationFailedException.class,
				() -> fixed.resume("r2", ResumeOptions.defaults().withReason("typo fixed")));
		assertThat(again).hasMessageContaining("failed at statement 4 (")
			.hasMessageContaining("statements 1 to 3 stay committed");
		assertThat(again.getCommittedStatements()).isEqualTo(3);
		writeSecond(database, COMMITTED + "CREATE TABLE t_c (id INTEGER);\nCREATE TABLE t_d (id INTEGER);");
		MigrationManager fixedAgain = database.manager();
		assertThat(catchThrowableOfType(MigrationStateException.class, fixedAgain::migrate).getProblem())
			.contains("after statements 1 to 3 had committed");
		fixedAgain.resume("r2", ResumeOptions.defaults().withReason("second typo fixed"));
		assertThat(database.tables()).containsExactly("t_a", "t_b", "t_c", "t_d", "t_r1");
		assertThat(fixedAgain.currentRevisions()).containsExactly("r2");
	}

	@DatabaseTest
	void resumeRefusesAnEditOfTheCommittedStatementsUnlessAccepted(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate);
		writeSecond(database, "CREATE TABLE t_a (id BIGINT);\nCREATE TABLE t_b (id INTEGER);\n"
				+ "CREATE TABLE t_c (id INTEGER);");
		MigrationManager edited = database.manager();
		assertThat(catchThrowableOfType(MigrationStateException.class, edited::migrate)).hasMessageContaining(
				"its script was edited since, in those statements too")
			.hasMessageContaining("withReason(reason).acceptEdit(true)");
		int logged = edited.history().size();
		MigrationStateException refusal = catchThrowableOfType(MigrationStateException.class,
				() -> edited.resume("r2", ResumeOptions.defaults().withReason("widened t_a")));
		assertThat(refusal.getReason()).isEqualTo(Reason.EDITED_BEFORE_RESUME);
		assertThat(refusal.getRevisions()).containsExactly("r2");
		assertThat(refusal).hasMessageContaining("Refusing to resume revision r2 (")
			.hasMessageContaining("after statement 2: the statements that committed before it failed were edited")
			.hasMessageContaining("acceptEdit(true)");
		assertThat(edited.history()).hasSize(logged);
		assertThat(database.tables()).containsExactly("t_a", "t_b", "t_r1");
		edited.resume("r2", ResumeOptions.defaults().withReason("widened t_a by hand").acceptEdit(true));
		assertThat(database.tables()).containsExactly("t_a", "t_b", "t_c", "t_r1");
		assertThat(edited.currentRevisions()).containsExactly("r2");
		assertThat(edited.history()).anySatisfy((entry) -> assertThat(entry.message())
			.isEqualTo("resume after statement 2 (committed statements edited since, accepted): widened t_a by hand"));
	}

	@DatabaseTest
	void markAppliedRepairIsTheOtherWayOut(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate);
		database.execute("CREATE TABLE t_c (id INTEGER)");
		manager.repair(RepairAction.MARK_APPLIED, "r2", "completed by hand", null);
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(manager.migrate().migrations()).isEmpty();
	}

	@DatabaseTest
	void resumeOfARevisionThatDidNotFailIsRefusedAndChangesNothing(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED);
		MigrationManager manager = database.manager();
		manager.migrate("r1");
		int logged = manager.history().size();
		assertThatExceptionOfType(MigrationStateException.class)
			.isThrownBy(() -> manager.resume("r2", ResumeOptions.defaults().withReason("why not")))
			.withMessageStartingWith("Cannot resume revision r2 (filesystem:")
			.withMessageEndingWith("): its last run did not fail after committing statements, so there is nothing "
					+ "to resume; migrate runs it from its first statement");
		assertThatExceptionOfType(MigrationStateException.class)
			.isThrownBy(() -> manager.resume("r1", ResumeOptions.defaults().withReason("why not")))
			.withMessage("Cannot resume revision r1: it is applied");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> manager.resume("nope", ResumeOptions.defaults().withReason("why not")))
			.withMessageContaining("'nope'");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> manager.resume("r2", ResumeOptions.defaults()))
			.withMessage("A resume needs a reason, for the history log");
		assertThat(manager.history()).hasSize(logged);
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("t_r1");
	}

	@DatabaseTest
	void resumeInProductionNeedsTheRevisionConfirmed(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager((configuration) -> configuration.production(true));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate);
		writeSecond(database, COMMITTED + "CREATE TABLE t_c (id INTEGER);");
		MigrationManager fixed = database.manager((configuration) -> configuration.production(true));
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> fixed.resume("r2", ResumeOptions.defaults().withReason("fixed")))
			.withMessageContaining("Resume r2");
		assertThat(fixed.currentRevisions()).containsExactly("r1");
		fixed.resume("r2", ResumeOptions.defaults().withReason("fixed").withConfirm("r2"));
		assertThat(fixed.currentRevisions()).containsExactly("r2");
	}

	// DuckDB refuses a history of an earlier layout instead (DuckDbHistoryLayoutTests).
	@DatabaseTest(Database.POSTGRESQL)
	void logOfAnEarlierReleaseGainsTheCommittedStatementColumns(TestDatabase database) {
		database.writeTable("r1", null);
		writeSecond(database, COMMITTED + "INSERT INTO no_such_table VALUES (1);");
		MigrationManager manager = database.manager();
		manager.migrate("r1");
		database.execute("ALTER TABLE migration_history DROP COLUMN committed_statements",
				"ALTER TABLE migration_history DROP COLUMN committed_checksum");
		assertThat(manager.status().problems()).isEmpty();
		assertThat(committedColumns(database)).as("reading alters nothing").isEmpty();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, manager::migrate);
		assertThat(failure.getCommittedStatements()).isEqualTo(2);
		assertThat(committedColumns(database)).containsExactlyInAnyOrder("committed_checksum",
				"committed_statements");
		assertThat(catchThrowableOfType(MigrationStateException.class, manager::migrate).getReason())
			.isEqualTo(Reason.PARTLY_COMMITTED);
	}

	@DatabaseTest(Database.POSTGRESQL)
	void invalidIndexOfAFailedConcurrentBuildIsNamedInTheFailureAndByVerify(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER, email VARCHAR(100));\n"
				+ "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');", "DROP TABLE users;");
		database.script("r2")
			.parents("r1")
			.nonTransactional()
			.upgrade("CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);")
			.downgrade("DROP INDEX CONCURRENTLY users_email;")
			.write();
		MigrationManager manager = database.manager();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, manager::migrate);
		String drop = "DROP INDEX CONCURRENTLY \"" + database.schema() + "\".\"users_email\";";
		assertThat(failure).hasMessageContaining("SQL state 23505")
			.hasMessageContaining("no statement of it committed")
			.hasMessageEndingWith(". It left invalid index users_email on table users: drop it with " + drop
					+ " before running it again");
		assertThat(failure.getCommittedStatements()).isZero();
		assertThat(manager.verify().problems(VerifyReport.Kind.INVALID_INDEX)).singleElement()
			.satisfies((problem) -> assertThat(problem.detail()).isEqualTo("Index users_email on table users is "
					+ "invalid, as a failed CREATE INDEX CONCURRENTLY leaves it: the database keeps it up to date but "
					+ "never uses it. Drop it with " + drop + " then run the migration again"));
		database.execute(drop, "DELETE FROM users WHERE id = 2");
		assertThat(manager.verify().problems(VerifyReport.Kind.INVALID_INDEX)).isEmpty();
		manager.migrate();
		assertThat(manager.currentRevisions()).containsExactly("r2");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void migrationThatLeftAnInvalidIndexResumesOnceItIsDropped(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER, email VARCHAR(100));\n"
				+ "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');", "DROP TABLE users;");
		writeSecond(database, "CREATE TABLE audit (id INTEGER);\n"
				+ "CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);");
		MigrationManager manager = database.manager();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, manager::migrate);
		assertThat(failure.getCommittedStatements()).isEqualTo(1);
		assertThat(failure).hasMessageContaining("statements 1 to 1 stay committed")
			.hasMessageContaining("It left invalid index users_email on table users");
		database.execute("DROP INDEX CONCURRENTLY users_email", "DELETE FROM users WHERE id = 2");
		manager.resume("r2", ResumeOptions.defaults().withReason("duplicate email removed"));
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(manager.verify().problems(VerifyReport.Kind.INVALID_INDEX)).isEmpty();
		assertThat(database.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = '" + database.schema()
				+ "' AND tablename = 'users'")).containsExactly("users_email");
	}

	private static Path writeSecond(TestDatabase database, String upgrade) {
		return database.script("r2").parents("r1").nonTransactional().upgrade(upgrade).write();
	}

	private static List<String> committedColumns(TestDatabase database) {
		return database.queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = "
				+ "'migration_history' AND column_name LIKE 'committed%' AND table_schema = '" + database.schema()
				+ "'");
	}

}
