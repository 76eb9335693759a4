package dev.migration;

import java.util.List;

import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for every target form of {@link MigrationManager#migrate(String)} and
 * {@link MigrationManager#rollback(String)}, executed on real databases over the chain
 * {@code aa11 <- ab22 <- bc33 <- cd44 <- de55}.
 */
class MigrationManagerTargetTests {

	private static final List<String> CHAIN = List.of("aa11", "ab22", "bc33", "cd44", "de55");

	private static MigrationManager chain(TestDatabase database) {
		String parent = null;
		for (String revision : CHAIN) {
			database.writeTable(revision, parent);
			parent = revision;
		}
		return database.manager();
	}

	private static List<String> revisions(MigrationResult result) {
		return result.migrations().stream().map(AppliedMigration::revision).toList();
	}

	@DatabaseTest
	void migrateToHeadAppliesTheWholeChain(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(revisions(manager.migrate("head"))).isEqualTo(CHAIN);
		assertThat(database.tables()).containsExactly("t_aa11", "t_ab22", "t_bc33", "t_cd44", "t_de55");
	}

	@DatabaseTest
	void migrateToHeadsAppliesTheWholeChain(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(revisions(manager.migrate("heads"))).isEqualTo(CHAIN);
	}

	@DatabaseTest
	void migrateToAFullIdStopsThere(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(revisions(manager.migrate("bc33"))).containsExactly("aa11", "ab22", "bc33");
		assertThat(database.tables()).containsExactly("t_aa11", "t_ab22", "t_bc33");
		assertThat(manager.currentRevisions()).containsExactly("bc33");
	}

	@DatabaseTest
	void migrateToAUniquePrefixResolvesIt(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(revisions(manager.migrate("cd"))).containsExactly("aa11", "ab22", "bc33", "cd44");
		assertThat(manager.currentRevisions()).containsExactly("cd44");
	}

	@DatabaseTest
	void migrateToAnAmbiguousPrefixFailsListingTheCandidates(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("a"))
			.withMessage("Ambiguous revision 'a': matches aa11, ab22");
		assertThat(database.allTables()).isEmpty();
	}

	@DatabaseTest
	void migrateByARelativeStepCountAppliesThatMany(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(revisions(manager.migrate("+2"))).containsExactly("aa11", "ab22");
		assertThat(revisions(manager.migrate("+2"))).containsExactly("bc33", "cd44");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("+2"))
			.withMessage("Cannot upgrade by '+2': only 1 revision is pending");
		assertThat(manager.currentRevisions()).containsExactly("cd44");
	}

	@DatabaseTest
	void migrateToARevisionPlusOneAppliesItsChild(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate("aa11");
		assertThat(revisions(manager.migrate("ab22+1"))).containsExactly("ab22", "bc33");
		assertThat(manager.currentRevisions()).containsExactly("bc33");
	}

	@DatabaseTest
	void migrateToARevisionMinusOneAppliesUpToItsParent(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(revisions(manager.migrate("de55-1"))).containsExactly("aa11", "ab22", "bc33", "cd44");
		assertThat(database.tables()).doesNotContain("t_de55");
	}

	@DatabaseTest
	void migrateToBasePlusStepsCountsUpFromTheBase(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(revisions(manager.migrate("base+1"))).containsExactly("aa11");
		assertThat(revisions(manager.migrate("base+3"))).containsExactly("ab22", "bc33");
		assertThat(manager.currentRevisions()).containsExactly("bc33");
	}

	@DatabaseTest
	void migrateToAnUnknownRevisionFailsNamingTheHead(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("ff99"))
			.withMessage("Unknown revision 'ff99' (head is de55)");
		assertThat(database.allTables()).isEmpty();
	}

	@DatabaseTest
	void migrateDownwardsIsRefused(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("-1"))
			.withMessage("Cannot upgrade by '-1'; use rollback to go down");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("base"))
			.withMessage("Cannot upgrade to 'base'; use rollback to go down to base");
	}

	@DatabaseTest
	void rollbackByOneRevertsTheNewest(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		MigrationResult result = manager.rollback("-1");
		assertThat(revisions(result)).containsExactly("de55");
		assertThat(result.migrations()).extracting(AppliedMigration::direction).containsOnly(Direction.DOWNGRADE);
		assertThat(result.currentRevisions()).containsExactly("cd44");
		assertThat(database.tables()).doesNotContain("t_de55").contains("t_cd44");
		assertThat(manager.history().get(0).action()).isEqualTo(HistoryAction.DOWNGRADE);
		assertThat(revisions(manager.rollback())).containsExactly("cd44");
	}

	@DatabaseTest
	void rollbackToBaseRevertsEverythingNewestFirst(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThat(revisions(manager.rollback("base"))).containsExactly("de55", "cd44", "bc33", "ab22", "aa11");
		assertThat(database.tables()).isEmpty();
		assertThat(manager.currentRevisions()).isEmpty();
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history_state")).isZero();
	}

	@DatabaseTest
	void rollbackToAFullIdKeepsThatRevision(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThat(revisions(manager.rollback("ab22"))).containsExactly("de55", "cd44", "bc33");
		assertThat(database.tables()).containsExactly("t_aa11", "t_ab22");
	}

	@DatabaseTest
	void rollbackToAUniquePrefixResolvesIt(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThat(revisions(manager.rollback("bc"))).containsExactly("de55", "cd44");
		assertThat(manager.currentRevisions()).containsExactly("bc33");
	}

	@DatabaseTest
	void rollbackToAnAmbiguousPrefixFailsListingTheCandidates(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("a"))
			.withMessage("Ambiguous revision 'a': matches aa11, ab22");
		assertThat(manager.currentRevisions()).containsExactly("de55");
		assertThat(database.tables()).hasSize(5);
	}

	@DatabaseTest
	void rollbackToARevisionPlusOneKeepsItsChild(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThat(revisions(manager.rollback("aa11+1"))).containsExactly("de55", "cd44", "bc33");
		assertThat(manager.currentRevisions()).containsExactly("ab22");
	}

	@DatabaseTest
	void rollbackToARevisionMinusOneKeepsItsParent(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThat(revisions(manager.rollback("cd44-1"))).containsExactly("de55", "cd44");
		assertThat(manager.currentRevisions()).containsExactly("bc33");
	}

	@DatabaseTest
	void rollbackToBasePlusStepsKeepsThatRevision(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThat(revisions(manager.rollback("base+2"))).containsExactly("de55", "cd44", "bc33");
		assertThat(manager.currentRevisions()).containsExactly("ab22");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("base-1"))
			.withMessage("Invalid target 'base-1': nothing is below 'base'; use base+N for N revisions above it");
	}

	@DatabaseTest
	void rollbackByMoreThanIsAppliedIsRefused(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate("+1");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("-2"))
			.withMessage("Cannot roll back by '-2': only 1 revision is applied");
		assertThat(database.tables()).containsExactly("t_aa11");
	}

	@DatabaseTest
	void rollbackToARevisionThatIsNotAppliedIsRefused(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate("ab22");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("cd44"))
			.withMessage("Revision 'cd44' is not applied; nothing to roll back to");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.rollback("head"))
			.withMessage("Cannot roll back to 'head'; use migrate to go up");
		assertThat(manager.currentRevisions()).containsExactly("ab22");
	}

}
