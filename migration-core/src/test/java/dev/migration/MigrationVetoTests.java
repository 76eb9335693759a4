package dev.migration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.migration.MigrationResult.Command;
import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for a {@link MigrationVetoException} thrown by a {@link MigrationListener}.
 */
class MigrationVetoTests {

	@DatabaseTest
	void vetoBeforeTheRunStopsItBeforeAnythingRuns(TestDatabase database) {
		database.writeTable("r1", null);
		RecordingListener recorder = new RecordingListener();
		MigrationListener veto = new MigrationListener() {

			@Override
			public void beforeRun(Command operation, String target) {
				throw new MigrationVetoException("maintenance window is closed");
			}

		};
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(veto, recorder)));
		assertThatExceptionOfType(MigrationVetoException.class).isThrownBy(manager::migrate)
			.withMessage("maintenance window is closed");
		assertThat(recorder.events).containsExactly("run MIGRATE", "failed MIGRATE MigrationVetoException");
		assertThat(database.allTables()).isEmpty();
	}

	@DatabaseTest
	void vetoBeforeAMigrationStopsTheRunThereAndKeepsTheEarlierOnes(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		RecordingListener recorder = new RecordingListener();
		MigrationListener veto = new MigrationListener() {

			@Override
			public void beforeMigration(MigrationInfo migration, Direction direction) {
				if (migration.revision().equals("r2")) {
					throw new MigrationVetoException("r2 needs a sign-off");
				}
			}

		};
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(veto, recorder)));
		assertThatExceptionOfType(MigrationVetoException.class).isThrownBy(manager::migrate)
			.withMessage("r2 needs a sign-off");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("t_r1");
		assertThat(recorder.events).containsExactly("run MIGRATE", "before r1", "after r1", "before r2",
				"failed MIGRATE MigrationVetoException");
	}

	@DatabaseTest
	void vetoAfterTheRunReportsItFailedAndKeepsWhatItCommitted(TestDatabase database) {
		database.writeTable("r1", null);
		RecordingListener recorder = new RecordingListener();
		MigrationListener veto = new MigrationListener() {

			@Override
			public void afterRun(MigrationResult result) {
				throw new MigrationVetoException("GRANT SELECT to the reporting role failed");
			}

		};
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(veto, recorder)));
		assertThatExceptionOfType(MigrationVetoException.class).isThrownBy(manager::migrate)
			.withMessage("GRANT SELECT to the reporting role failed");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("t_r1");
		assertThat(recorder.events).containsExactly("run MIGRATE", "before r1", "after r1", "end MIGRATE");
	}

	@DatabaseTest
	void otherListenerFailuresAreStillIgnored(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationListener failing = new MigrationListener() {

			@Override
			public void beforeRun(Command operation, String target) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void afterRun(MigrationResult result) {
				throw new IllegalStateException("listener bug");
			}

		};
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(failing)));
		assertThat(manager.migrate().migrations()).hasSize(1);
		assertThat(manager.currentRevisions()).containsExactly("r1");
	}

	@DatabaseTest
	void vetoFromACallbackThatCannotStopTheRunIsIgnored(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationListener veto = new MigrationListener() {

			@Override
			public void afterMigration(MigrationInfo migration, AppliedMigration result) {
				throw new MigrationVetoException("too late");
			}

		};
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(veto)));
		assertThat(manager.migrate().migrations()).hasSize(1);
	}

	static final class RecordingListener implements MigrationListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void beforeRun(Command operation, String target) {
			this.events.add("run " + operation);
		}

		@Override
		public void afterRun(MigrationResult result) {
			this.events.add("end " + result.operation());
		}

		@Override
		public void onRunFailure(Command operation, String target, Throwable failure) {
			this.events.add("failed " + operation + " " + failure.getClass().getSimpleName());
		}

		@Override
		public void beforeMigration(MigrationInfo migration, Direction direction) {
			this.events.add("before " + migration.revision());
		}

		@Override
		public void afterMigration(MigrationInfo migration, AppliedMigration result) {
			this.events.add("after " + migration.revision());
		}

	}

}
