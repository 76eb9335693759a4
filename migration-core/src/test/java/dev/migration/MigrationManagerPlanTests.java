package dev.migration;

import java.util.List;

import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationManager#plan(String, Direction)} and
 * {@link MigrationManager#resolve(String)} over the chain
 * {@code aa11 <- ab22 <- bc33 <- cd44}.
 */
class MigrationManagerPlanTests {

	private static MigrationManager chain(TestDatabase database) {
		String parent = null;
		for (String revision : List.of("aa11", "ab22", "bc33", "cd44")) {
			database.writeTable(revision, parent);
			parent = revision;
		}
		return database.manager();
	}

	@DatabaseTest
	void planOfAMigrateListsWhatWouldRunWithoutRunningIt(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(manager.plan("bc", Direction.UPGRADE))
			.isEqualTo(new MigrationPlan(Direction.UPGRADE, List.of("aa11", "ab22", "bc33")));
		assertThat(database.allTables()).isEmpty();
		manager.migrate("ab22");
		assertThat(manager.plan("head", Direction.UPGRADE).steps()).containsExactly("bc33", "cd44");
	}

	@DatabaseTest
	void planOfARollbackListsWhatWouldBeRevertedNewestFirst(TestDatabase database) {
		MigrationManager manager = chain(database);
		manager.migrate();
		assertThat(manager.plan("ab22", Direction.DOWNGRADE))
			.isEqualTo(new MigrationPlan(Direction.DOWNGRADE, List.of("cd44", "bc33")));
		assertThat(manager.plan("base", Direction.DOWNGRADE).steps()).hasSize(4);
		assertThat(manager.currentRevisions()).containsExactly("cd44");
	}

	@DatabaseTest
	void planOfAnUnknownTargetNamesIt(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.plan("zz", Direction.UPGRADE))
			.withMessageContaining("'zz'");
	}

	@DatabaseTest
	void resolveAnswersTheFullIdOfAUniquePrefix(TestDatabase database) {
		MigrationManager manager = chain(database);
		assertThat(manager.resolve("bc")).isEqualTo("bc33");
		assertThat(manager.resolve("cd44")).isEqualTo("cd44");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.resolve("a"))
			.withMessage("Ambiguous revision 'a': matches aa11, ab22");
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.resolve("zz"))
			.withMessage("Unknown revision 'zz' (head is cd44)");
	}

}
