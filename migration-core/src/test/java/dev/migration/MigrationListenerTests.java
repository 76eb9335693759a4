package dev.migration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationListener} callbacks around real migrations.
 */
class MigrationListenerTests {

	@DatabaseTest
	void listenerIsCalledAroundEachMigration(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		RecordingListener listener = new RecordingListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		manager.migrate();
		manager.rollback();
		assertThat(listener.events).containsExactly("before r1 UPGRADE", "after r1 UPGRADE", "before r2 UPGRADE",
				"after r2 UPGRADE", "before r2 DOWNGRADE", "after r2 DOWNGRADE");
	}

	@DatabaseTest
	void listenerIsToldOfAFailure(TestDatabase database) {
		database.writeTable("r1", null);
		database.write("r2", "r1", "INSERT INTO no_such_table VALUES (1);", null);
		RecordingListener listener = new RecordingListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
			.withMessageContaining("Upgrade of revision r2");
		assertThat(listener.events).containsExactly("before r1 UPGRADE", "after r1 UPGRADE", "before r2 UPGRADE",
				"failure r2 UPGRADE MigrationFailedException");
	}

	@DatabaseTest
	void failingListenerIsIgnored(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationListener failing = new MigrationListener() {

			@Override
			public void beforeMigration(MigrationInfo migration, Direction direction) {
				throw new IllegalStateException("listener bug");
			}

		};
		RecordingListener listener = new RecordingListener();
		MigrationManager manager = database
			.manager((configuration) -> configuration.listeners(List.of(failing, listener)));
		assertThat(manager.migrate().migrations()).hasSize(1);
		assertThat(listener.events).containsExactly("before r1 UPGRADE", "after r1 UPGRADE");
	}

	static class RecordingListener implements MigrationListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void beforeMigration(MigrationInfo migration, Direction direction) {
			this.events.add("before " + migration.revision() + " " + direction);
		}

		@Override
		public void afterMigration(MigrationInfo migration, AppliedMigration result) {
			this.events.add("after " + migration.revision() + " " + result.direction());
		}

		@Override
		public void onFailure(MigrationInfo migration, Direction direction, MigrationException failure) {
			this.events.add("failure " + migration.revision() + " " + direction + " "
					+ failure.getClass().getSimpleName());
		}

	}

}
