package dev.migration;

import java.util.List;

import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationManager#rollback(String, RollbackOptions)} and relative
 * targets over branches that cross through {@code depends_on}, on real databases:
 * rolling back to a revision keeps the revisions of other branches that merely depend
 * on it, as Alembic does.
 */
class MigrationManagerBranchTests {

	private static final RollbackOptions UNCHECKED = RollbackOptions.defaults().withoutSafetyCheck();

	/**
	 * The graph of issue 15: {@code x_f10317 <- x2_d17148} and
	 * {@code y_ab617f <- y2_313dd5}, where {@code y2_313dd5} depends on
	 * {@code x_f10317}.
	 */
	private static MigrationManager crossed(TestDatabase database) {
		database.writeTable("x_f10317", null);
		database.writeTable("x2_d17148", "x_f10317");
		database.writeTable("y_ab617f", null);
		table(database, "y2_313dd5", "y_ab617f", "x_f10317");
		return database.manager();
	}

	/**
	 * Three branches crossing: {@code a1 <- a2 <- a3}, {@code b1 <- b2 <- b3} where
	 * {@code b2} depends on {@code a2}, and {@code c1 <- c2} where {@code c2} depends on
	 * {@code b2} and {@code a1}.
	 */
	private static MigrationManager threeBranches(TestDatabase database) {
		database.writeTable("a1", null);
		database.writeTable("a2", "a1");
		database.writeTable("a3", "a2");
		database.writeTable("b1", null);
		table(database, "b2", "b1", "a2");
		database.writeTable("b3", "b2");
		database.writeTable("c1", null);
		table(database, "c2", "c1", "b2,a1");
		return database.manager();
	}

	private static void table(TestDatabase database, String revision, String parents, String dependsOn) {
		database.script(revision)
			.parents(parents)
			.dependsOn(dependsOn)
			.upgrade("CREATE TABLE t_" + revision + " (id INTEGER);")
			.downgrade("DROP TABLE t_" + revision + ";")
			.write();
	}

	private static List<String> revisions(MigrationResult result) {
		return result.migrations().stream().map(AppliedMigration::revision).toList();
	}

	@DatabaseTest
	void rollbackToARevisionThatAnotherBranchDependsOnKeepsThatBranch(TestDatabase database) {
		MigrationManager manager = crossed(database);
		assertThat(manager.migrate("heads").currentRevisions()).containsExactly("x2_d17148", "y2_313dd5");
		MigrationResult result = manager.rollback("x_f10317", UNCHECKED);
		assertThat(revisions(result)).containsExactly("x2_d17148");
		assertThat(result.migrations()).extracting(AppliedMigration::direction).containsOnly(Direction.DOWNGRADE);
		assertThat(result.currentRevisions()).containsExactly("x_f10317", "y2_313dd5");
		assertThat(manager.currentRevisions()).containsExactly("x_f10317", "y2_313dd5");
		assertThat(database.tables()).containsExactly("t_x_f10317", "t_y2_313dd5", "t_y_ab617f");
	}

	@DatabaseTest
	void rollbackToADependencysParentRevertsTheDependentsNewestFirst(TestDatabase database) {
		database.writeTable("p1", null);
		database.writeTable("p2", "p1");
		database.writeTable("p3", "p2");
		database.writeTable("q1", null);
		table(database, "q2", "q1", "p2");
		MigrationManager manager = database.manager();
		manager.migrate("heads");
		MigrationResult result = manager.rollback("p1", UNCHECKED);
		assertThat(revisions(result)).containsExactly("q2", "p3", "p2");
		assertThat(result.currentRevisions()).containsExactly("p1", "q1");
		assertThat(database.tables()).containsExactly("t_p1", "t_q1");
	}

	@DatabaseTest
	void rollbackToARevisionThatTwoBranchesDependOnRevertsItsOwnBranchAlone(TestDatabase database) {
		MigrationManager manager = threeBranches(database);
		assertThat(manager.migrate("heads").currentRevisions()).containsExactly("a3", "b3", "c2");
		MigrationResult result = manager.rollback("a2", UNCHECKED);
		assertThat(revisions(result)).containsExactly("a3");
		assertThat(result.currentRevisions()).containsExactly("a2", "b3", "c2");
		assertThat(revisions(manager.rollback("b2", UNCHECKED))).containsExactly("b3");
		assertThat(manager.currentRevisions()).containsExactly("a2", "b2", "c2");
		assertThat(database.tables()).containsExactly("t_a1", "t_a2", "t_b1", "t_b2", "t_c1", "t_c2");
	}

	@DatabaseTest
	void rollbackToADependencysParentAcrossThreeBranchesRevertsEveryDependentNewestFirst(TestDatabase database) {
		MigrationManager manager = threeBranches(database);
		manager.migrate("heads");
		MigrationResult result = manager.rollback("a1", UNCHECKED);
		// a2 goes, so b2 (which needs it) goes, so b3 (its child) and c2 (which needs b2) go.
		assertThat(revisions(result)).containsExactly("c2", "b3", "b2", "a3", "a2");
		assertThat(result.currentRevisions()).containsExactly("a1", "b1", "c1");
		assertThat(database.tables()).containsExactly("t_a1", "t_b1", "t_c1");
	}

	@DatabaseTest
	void rollbackToAMergeKeepsItAndTheRevisionsThatDependOnIt(TestDatabase database) {
		database.writeTable("a", null);
		database.writeTable("b1", "a");
		database.writeTable("b2", "a");
		database.writeTable("m", "b1,b2");
		database.writeTable("n", "m");
		table(database, "z", null, "m");
		MigrationManager manager = database.manager();
		assertThat(manager.migrate("heads").currentRevisions()).containsExactly("n", "z");
		MigrationResult result = manager.rollback("m", UNCHECKED);
		assertThat(revisions(result)).containsExactly("n");
		assertThat(result.currentRevisions()).containsExactly("m", "z");
		MigrationResult below = manager.rollback("b1", UNCHECKED);
		assertThat(revisions(below)).containsExactly("z", "m");
		assertThat(below.currentRevisions()).containsExactly("b1", "b2");
	}

	@DatabaseTest
	void theDataLossGuardChecksOnlyTheRevisionsTheRollbackReverts(TestDatabase database) {
		database.write("x_f10317", null, "CREATE TABLE accounts (id INTEGER);", "DROP TABLE accounts;");
		database.write("x2_d17148", "x_f10317", "CREATE TABLE notes (id INTEGER); INSERT INTO notes VALUES (1);",
				"DROP TABLE notes;");
		database.write("y_ab617f", null, "CREATE TABLE shops (id INTEGER);", "DROP TABLE shops;");
		database.script("y2_313dd5")
			.parents("y_ab617f")
			.dependsOn("x_f10317")
			.upgrade("CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1), (2);")
			.downgrade("DROP TABLE orders;")
			.write();
		MigrationManager manager = database.manager();
		manager.migrate("heads");
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(() -> manager.rollback("x_f10317"))
			.satisfies((ex) -> assertThat(ex.getFailures()).singleElement()
				.asString()
				.startsWith("Data loss: the downgrade of x2_d17148 (")
				.contains("drops table notes (1 row)"));
		assertThat(manager.currentRevisions()).containsExactly("x2_d17148", "y2_313dd5");
		MigrationResult result = manager.rollback("x_f10317", RollbackOptions.defaults().withAllowDataLoss());
		assertThat(revisions(result)).containsExactly("x2_d17148");
		assertThat(database.queryForLong("SELECT count(*) FROM orders")).isEqualTo(2);
	}

	@DatabaseTest
	void aDryRunAndTheProductionConfirmationShowTheRevisionsThatStay(TestDatabase database) {
		database.writeTable("x_f10317", null);
		database.writeTable("x2_d17148", "x_f10317");
		database.writeTable("y_ab617f", null);
		table(database, "y2_313dd5", "y_ab617f", "x_f10317");
		MigrationManager manager = database.manager((builder) -> builder.production(true));
		manager.migrate("heads");
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> manager.rollback("x_f10317", RollbackOptions.defaults().asDryRun()))
			.withMessageContaining("repeat the revision it ends at, x_f10317,y2_313dd5");
		MigrationResult result = manager.rollback("x_f10317",
				RollbackOptions.defaults().withConfirm("x_f10317,y2_313dd5").asDryRun());
		assertThat(result.dryRun()).isTrue();
		assertThat(result.planned()).extracting(PlannedMigration::revision).containsExactly("x2_d17148");
		assertThat(result.planned().get(0).statements().get(0)).isEqualTo("DROP TABLE t_x2_d17148");
		assertThat(manager.currentRevisions()).containsExactly("x2_d17148", "y2_313dd5");
		assertThat(database.tables()).hasSize(4);
	}

	@DatabaseTest
	void rollbackByOneWithSeveralHeadsAppliedIsRefusedNamingThem(TestDatabase database) {
		MigrationManager manager = crossed(database);
		manager.migrate("heads");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("-1", UNCHECKED))
			.withMessage("Cannot roll back by '-1': the database is at several revisions (x2_d17148, y2_313dd5); "
					+ "name the revision to roll back to instead, e.g. 'x2_d17148-1'");
		assertThatExceptionOfType(TargetException.class).isThrownBy(manager::rollback)
			.withMessageStartingWith("Cannot roll back by '-1': the database is at several revisions");
		assertThat(database.tables()).hasSize(4);
		assertThat(revisions(manager.rollback("x2_d17148-1", UNCHECKED))).containsExactly("x2_d17148");
		assertThat(revisions(manager.rollback("-1", UNCHECKED))).containsExactly("y2_313dd5");
		assertThat(manager.currentRevisions()).containsExactly("x_f10317", "y_ab617f");
	}

	@DatabaseTest
	void rollbackByTwoFromAMergeIsRefusedBelowIt(TestDatabase database) {
		database.writeTable("a", null);
		database.writeTable("b1", "a");
		database.writeTable("b2", "a");
		database.writeTable("m", "b1,b2");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("-2", UNCHECKED))
			.withMessage("Cannot roll back by '-2': after 1 step the database is at several revisions (b1, b2); "
					+ "name the revision to roll back to instead, e.g. 'b1-1'");
		assertThat(manager.currentRevisions()).containsExactly("m");
		assertThat(revisions(manager.rollback("-1", UNCHECKED))).containsExactly("m");
	}

	@DatabaseTest
	void migrateByOneWhereSeveralRevisionsCouldComeNextIsRefusedNamingThem(TestDatabase database) {
		MigrationManager manager = crossed(database);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("+1"))
			.withMessage("Cannot upgrade by '+1': several revisions could come next (x_f10317, y_ab617f); "
					+ "name the revision to migrate to instead, e.g. 'x_f10317'");
		assertThat(database.allTables()).isEmpty();
		manager.migrate("y_ab617f");
		// y2 waits for x: x is the only revision that can come next.
		assertThat(revisions(manager.migrate("+1"))).containsExactly("x_f10317");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("+1"))
			.withMessage("Cannot upgrade by '+1': several revisions could come next (x2_d17148, y2_313dd5); "
					+ "name the revision to migrate to instead, e.g. 'x2_d17148'");
		assertThat(manager.currentRevisions()).containsExactly("x_f10317", "y_ab617f");
	}

	@DatabaseTest
	void basePlusStepsWithSeveralBasesIsRefusedNamingThem(TestDatabase database) {
		MigrationManager manager = crossed(database);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("base+1"))
			.withMessage("Cannot resolve 'base+1': there are several bases (x_f10317, y_ab617f); "
					+ "name the revision to start from instead, e.g. 'x_f10317'");
		assertThat(database.allTables()).isEmpty();
	}

}
