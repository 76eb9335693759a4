package dev.migration;

import java.nio.file.Path;
import java.util.List;

import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for branch labels ({@code branch_labels}) on real databases: two labelled
 * branches migrated and rolled back one at a time with {@code billing@head},
 * {@code billing@+1}, {@code billing@-1} and {@code billing@base}, before and after a
 * merge; hostile labels and targets refused before anything runs.
 */
class MigrationManagerBranchLabelTests {

	private static final RollbackOptions UNCHECKED = RollbackOptions.defaults().withoutSafetyCheck();

	/**
	 * {@code m1 <- m2} labelled {@code main}, and {@code b1 <- b2 <- b3} labelled
	 * {@code billing}, each revision creating a table named after it.
	 */
	private static MigrationManager twoBranches(TestDatabase database) {
		table(database, "m1", null, "main");
		table(database, "m2", "m1", null);
		table(database, "b1", null, "billing");
		table(database, "b2", "b1", null);
		table(database, "b3", "b2", null);
		return database.manager();
	}

	private static Path table(TestDatabase database, String revision, String parents, String labels) {
		return database.script(revision)
			.parents(parents)
			.branchLabels(labels)
			.upgrade("CREATE TABLE t_" + revision + " (id INTEGER);")
			.downgrade("DROP TABLE t_" + revision + ";")
			.write();
	}

	private static List<String> revisions(MigrationResult result) {
		return result.migrations().stream().map(AppliedMigration::revision).toList();
	}

	@DatabaseTest
	void eachBranchMigratesAndRollsBackOnItsOwn(TestDatabase database) {
		MigrationManager manager = twoBranches(database);
		assertThat(revisions(manager.migrate("billing@+1"))).containsExactly("b1");
		assertThat(revisions(manager.migrate("billing@head"))).containsExactly("b2", "b3");
		assertThat(database.tables()).containsExactly("t_b1", "t_b2", "t_b3");
		assertThat(revisions(manager.migrate("main@+2"))).containsExactly("m1", "m2");
		assertThat(manager.currentRevisions()).containsExactly("m2", "b3");
		MigrationResult back = manager.rollback("billing@-1", UNCHECKED);
		assertThat(revisions(back)).containsExactly("b3");
		assertThat(back.migrations()).extracting(AppliedMigration::direction).containsOnly(Direction.DOWNGRADE);
		assertThat(manager.currentRevisions()).containsExactly("b2", "m2");
		assertThat(revisions(manager.rollback("billing@base", UNCHECKED))).containsExactly("b2", "b1");
		assertThat(manager.currentRevisions()).containsExactly("m2");
		assertThat(database.tables()).containsExactly("t_m1", "t_m2");
		assertThat(revisions(manager.rollback("main@-1", UNCHECKED))).containsExactly("m2");
		assertThat(revisions(manager.migrate("billing@head"))).containsExactly("b1", "b2", "b3");
		assertThat(database.tables()).containsExactly("t_b1", "t_b2", "t_b3", "t_m1");
		assertThat(manager.history()).extracting(HistoryEntry::revision).startsWith("b3", "b2", "b1", "m2");
	}

	@DatabaseTest
	void statusNamesEachBranchWithItsHeadAndWhereTheDatabaseStandsOnIt(TestDatabase database) {
		MigrationManager manager = twoBranches(database);
		manager.migrate("billing@+2");
		MigrationStatus status = manager.status();
		assertThat(status.branches()).containsExactly(
				new MigrationStatus.Branch("billing", "b1", List.of("b3"), List.of("b2")),
				new MigrationStatus.Branch("main", "m1", List.of("m2"), List.of()));
		assertThat(manager.migrations()).extracting(MigrationInfo::branchLabels)
			.containsExactly(List.of("billing"), List.of("main"), List.of(), List.of(), List.of());
		assertThat(manager.resolve("billing@head")).isEqualTo("b3");
	}

	@DatabaseTest
	void aMergeBelongsToBothBranchesAndEachBranchRollsBackThroughIt(TestDatabase database) {
		MigrationManager manager = twoBranches(database);
		manager.migrate("heads");
		table(database, "mg", "m2,b3", null);
		manager = database.manager();
		assertThat(manager.headRevisions()).containsExactly("mg");
		assertThat(manager.plan("billing@head", Direction.UPGRADE).steps()).containsExactly("mg");
		assertThat(revisions(manager.migrate("main@+1"))).containsExactly("mg");
		assertThat(revisions(manager.rollback("billing@-1", UNCHECKED))).containsExactly("mg");
		assertThat(revisions(manager.migrate("head"))).containsExactly("mg");
		// The merge needs the billing branch: it goes with it; main stays.
		assertThat(revisions(manager.rollback("billing@base", UNCHECKED))).containsExactly("mg", "b3", "b2", "b1");
		assertThat(manager.currentRevisions()).containsExactly("m2");
		assertThat(database.tables()).containsExactly("t_m1", "t_m2");
		assertThat(revisions(manager.migrate("billing@head"))).containsExactly("b1", "b2", "b3", "mg");
		assertThat(revisions(manager.rollback("main@-2", UNCHECKED))).containsExactly("mg", "m2");
		assertThat(manager.currentRevisions()).containsExactly("m1", "b3");
		assertThat(database.tables()).containsExactly("t_b1", "t_b2", "t_b3", "t_m1");
	}

	@DatabaseTest
	void branchBaseOfABranchFromElsewhereKeepsWhatOtherBranchesNeed(TestDatabase database) {
		table(database, "r1", null, null);
		table(database, "r2", "r1", null);
		table(database, "x1", "r1", "reports");
		table(database, "x2", "x1", null);
		MigrationManager manager = database.manager();
		assertThat(revisions(manager.migrate("reports@+1"))).containsExactly("r1", "x1");
		manager.migrate("heads");
		assertThat(revisions(manager.rollback("reports@base", UNCHECKED))).containsExactly("x2", "x1");
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
	}

	@DatabaseTest
	void offlineSqlRendersABranchUpAndDown(TestDatabase database) {
		MigrationManager manager = twoBranches(database);
		String up = manager.sql("base:billing@head", database.dialect());
		assertThat(up).contains("CREATE TABLE t_b1", "CREATE TABLE t_b3").doesNotContain("t_m1");
		String down = manager.sql("heads:billing@base", database.dialect());
		assertThat(down).contains("DROP TABLE t_b3", "DROP TABLE t_b1").doesNotContain("t_m");
		assertThat(down.indexOf("DROP TABLE t_b3")).isLessThan(down.indexOf("DROP TABLE t_b1"));
	}

	@DatabaseTest
	void unknownLabelIsRefusedListingTheLabelsAndChangesNothing(TestDatabase database) {
		MigrationManager manager = twoBranches(database);
		manager.migrate("main@head");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("biling@head"))
			.withMessage("Unknown branch label 'biling': the labels are billing, main");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("shop@base", UNCHECKED))
			.withMessage("Unknown branch label 'shop': the labels are billing, main");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("x;DROP TABLE t_m1@head"))
			.withMessageStartingWith("Invalid target 'x;DROP TABLE t_m1@head': the branch label");
		assertThat(manager.currentRevisions()).containsExactly("m2");
		assertThat(database.tables()).containsExactly("t_m1", "t_m2");
		assertThat(manager.history()).hasSize(2);
	}

	@DatabaseTest
	void labelWithAnAtSignIsRefusedNamingFileAndLineAndChangesNothing(TestDatabase database) {
		twoBranches(database).migrate("main@head");
		Path script = table(database, "b4", "b3", "bill@ing");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> manager.migrate("heads"))
			.withMessageStartingWith("filesystem:" + script + ":5: invalid branch label 'bill@ing' in 'branch_labels'")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(5));
		assertThat(database.tables()).containsExactly("t_m1", "t_m2");
		assertThat(manager.verify().problems(VerifyReport.Kind.GRAPH_PROBLEM)).singleElement()
			.satisfies((problem) -> assertThat(problem.detail()).contains(":5: invalid branch label 'bill@ing'"));
	}

	@DatabaseTest
	void labelDeclaredTwiceIsRefusedNamingBothFilesAndChangesNothing(TestDatabase database) {
		twoBranches(database).migrate("main@head");
		Path first = database.scriptDirectory().resolve("b1.sql");
		Path second = table(database, "c1", null, "billing");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> manager.migrate("heads"))
			.withMessage("filesystem:" + second + ":5: branch label 'billing' is already declared by revision 'b1' "
					+ "(filesystem:" + first + ":5); a label names one branch");
		assertThat(database.tables()).containsExactly("t_m1", "t_m2");
		assertThat(database.manager().history()).hasSize(2);
	}

	@DatabaseTest
	void labelEqualToARevisionIdIsRefusedNamingFileAndLine(TestDatabase database) {
		twoBranches(database);
		Path script = table(database, "c1", null, "m2");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> manager.migrate("heads"))
			.withMessageStartingWith("filesystem:" + script + ":5: branch label 'm2' is the id of revision 'm2'");
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest
	void javaMigrationDeclaresABranchLabel(TestDatabase database) {
		table(database, "m1", null, null);
		JavaMigration audit = new JavaMigration() {

			@Override
			public String revision() {
				return "audit1";
			}

			@Override
			public List<String> downRevisions() {
				return List.of();
			}

			@Override
			public List<String> branchLabels() {
				return List.of("audit");
			}

			@Override
			public String message() {
				return "Audit log";
			}

			@Override
			public void upgrade(MigrationContext context) throws Exception {
				context.execute("CREATE TABLE t_audit1 (id INTEGER)");
			}

			@Override
			public void downgrade(MigrationContext context) throws Exception {
				context.execute("DROP TABLE t_audit1");
			}

		};
		MigrationManager manager = database.manager((configuration) -> configuration.javaMigrations(List.of(audit)));
		assertThat(revisions(manager.migrate("audit@head"))).containsExactly("audit1");
		assertThat(manager.migrations()).filteredOn((info) -> info.kind() == MigrationKind.JAVA)
			.extracting(MigrationInfo::branchLabels)
			.containsExactly(List.of("audit"));
		assertThat(revisions(manager.rollback("audit@base", UNCHECKED))).containsExactly("audit1");
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest
	void verifyLeavesSeveralHeadsAloneAndVerifySingleHeadReportsThemWithTheirLabels(TestDatabase database) {
		MigrationManager manager = twoBranches(database);
		manager.migrate("heads");
		assertThat(manager.verify().isOk()).isTrue();
		VerifyReport report = manager.verifySingleHead();
		assertThat(report.isOk()).isFalse();
		assertThat(report.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(VerifyReport.Kind.MULTIPLE_HEADS);
			assertThat(problem.revision()).isNull();
			assertThat(problem.detail()).isEqualTo("The scripts have 2 heads: m2 (main), b3 (billing); join them "
					+ "in a merge revision (MigrationAuthor.merge)");
		});
		table(database, "mg", "m2,b3", null);
		assertThat(database.manager().verifySingleHead().isOk()).isTrue();
	}

}
