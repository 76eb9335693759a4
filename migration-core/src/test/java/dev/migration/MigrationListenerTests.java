package dev.migration;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.migration.MigrationResult.Command;
import dev.migration.revision.Direction;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

	@DatabaseTest
	void runCallbacksSurroundTheMigrationsOfEachRun(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		RunRecordingListener listener = new RunRecordingListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		manager.migrate();
		manager.rollback();
		manager.stamp("r1");
		assertThat(listener.events).containsExactly("run MIGRATE head", "lock", "before r1 UPGRADE",
				"after r1 UPGRADE", "before r2 UPGRADE", "after r2 UPGRADE", "end MIGRATE head [r1, r2] now [r2]",
				"run ROLLBACK -1", "lock", "before r2 DOWNGRADE", "after r2 DOWNGRADE",
				"end ROLLBACK -1 [r2] now [r1]", "run STAMP r1", "lock", "end STAMP r1 [] now [r1]");
		assertThat(listener.threads).containsExactly(Thread.currentThread());
	}

	@DatabaseTest
	void runWithNothingToDoStillStartsAndEnds(TestDatabase database) {
		database.writeTable("r1", null);
		database.manager().migrate();
		RunRecordingListener listener = new RunRecordingListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		assertThat(manager.migrate().changed()).isFalse();
		assertThat(manager.rollback("r1").changed()).isFalse();
		assertThat(listener.events).containsExactly("run MIGRATE head", "end MIGRATE head [] now [r1]",
				"run ROLLBACK r1", "lock", "end ROLLBACK r1 [] now [r1]");
	}

	@DatabaseTest
	void runFailureFollowsTheFailedMigration(TestDatabase database) {
		database.writeTable("r1", null);
		database.write("r2", "r1", "INSERT INTO no_such_table VALUES (1);", null);
		RunRecordingListener listener = new RunRecordingListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, manager::migrate);
		assertThat(failure).hasMessageContaining("Upgrade of revision r2");
		assertThat(listener.events).containsExactly("run MIGRATE head", "lock", "before r1 UPGRADE",
				"after r1 UPGRADE", "before r2 UPGRADE", "failure r2 UPGRADE MigrationFailedException",
				"run failure MIGRATE head MigrationFailedException");
		assertThat(listener.failures).containsExactly(failure);
	}

	@DatabaseTest
	void runRefusedBeforeAnyMigrationEndsWithARunFailure(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE t_r1 (id INTEGER);", null);
		database.manager().migrate();
		database.writeTable("r2", "r1");
		RunRecordingListener listener = new RunRecordingListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		TargetException unknown = catchThrowableOfType(TargetException.class, () -> manager.migrate("nosuch"));
		assertThat(unknown).hasMessageContaining("'nosuch'");
		RollbackRefusedException refused = catchThrowableOfType(RollbackRefusedException.class,
				() -> manager.rollback("base"));
		assertThat(refused).hasMessageContaining("Irreversible migration: revision r1");
		database.write("r1", null, "CREATE TABLE t_r1 (id INTEGER, edited INTEGER);", null);
		MigrationManager edited = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		MigrationStateException invalid = catchThrowableOfType(MigrationStateException.class, edited::migrate);
		assertThat(invalid).hasMessageContaining("Refusing to migrate: applied scripts were edited");
		assertThat(listener.events).containsExactly("run MIGRATE nosuch", "run failure MIGRATE nosuch TargetException",
				"run ROLLBACK base", "lock", "run failure ROLLBACK base RollbackRefusedException", "run MIGRATE head",
				"lock", "run failure MIGRATE head EditedScriptsException");
		assertThat(listener.failures).containsExactly(unknown, refused, invalid);
		assertThat(database.tables()).containsExactly("t_r1");
	}

	@DatabaseTest
	void runThatTimesOutWaitingForTheLockEndsWithARunFailure(TestDatabase database) throws Exception {
		database.writeTable("r1", null);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		MigrationListener holding = new MigrationListener() {

			@Override
			public void onLockAcquired(Duration waited) {
				locked.countDown();
				await(release);
			}

		};
		MigrationManager holder = database.manager((configuration) -> configuration.listeners(List.of(holding)));
		RunRecordingListener listener = new RunRecordingListener();
		MigrationManager impatient = database.manager((configuration) -> configuration
			.lockTimeout(Duration.ofMillis(300))
			.listeners(List.of(listener)));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<MigrationResult> running = executor.submit(() -> holder.migrate());
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(MigrationLockException.class).isThrownBy(impatient::migrate)
				.withMessageStartingWith("Timed out after 300 ms waiting for the migration lock");
			release.countDown();
			assertThat(running.get(30, TimeUnit.SECONDS).migrations()).hasSize(1);
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
		assertThat(listener.events).containsExactly("run MIGRATE head",
				"run failure MIGRATE head MigrationLockException");
	}

	@DatabaseTest
	void dryRunsCallNoRunCallbacks(TestDatabase database) {
		database.writeTable("r1", null);
		RunRecordingListener listener = new RunRecordingListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		assertThat(manager.migrate("head", true).planned()).hasSize(1);
		manager.migrate();
		assertThat(manager.rollback("-1", RollbackOptions.defaults().asDryRun()).planned()).hasSize(1);
		assertThat(listener.events).containsExactly("run MIGRATE head", "lock", "before r1 UPGRADE",
				"after r1 UPGRADE", "end MIGRATE head [r1] now [r1]");
	}

	@DatabaseTest
	void failingRunListenerIsIgnored(TestDatabase database) {
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

			@Override
			public void onRunFailure(Command operation, String target, Throwable failure) {
				throw new IllegalStateException("listener bug");
			}

		};
		RunRecordingListener listener = new RunRecordingListener();
		MigrationManager manager = database
			.manager((configuration) -> configuration.listeners(List.of(failing, listener)));
		assertThat(manager.migrate().migrations()).hasSize(1);
		assertThatExceptionOfType(TargetException.class).isThrownBy(() -> manager.migrate("nosuch"))
			.withMessageContaining("'nosuch'");
		assertThat(listener.events).containsExactly("run MIGRATE head", "lock", "before r1 UPGRADE",
				"after r1 UPGRADE", "end MIGRATE head [r1] now [r1]", "run MIGRATE nosuch",
				"run failure MIGRATE nosuch TargetException");
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The test never released the lock");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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

	/**
	 * Records the runs and the lock as well, the failures passed and the threads every
	 * callback came on.
	 */
	static class RunRecordingListener extends RecordingListener {

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

		final Set<Thread> threads = new CopyOnWriteArraySet<>();

		@Override
		public void beforeRun(Command operation, String target) {
			this.threads.add(Thread.currentThread());
			this.events.add("run " + operation + " " + target);
		}

		@Override
		public void onLockAcquired(Duration waited) {
			this.threads.add(Thread.currentThread());
			this.events.add("lock");
		}

		@Override
		public void beforeMigration(MigrationInfo migration, Direction direction) {
			this.threads.add(Thread.currentThread());
			super.beforeMigration(migration, direction);
		}

		@Override
		public void afterMigration(MigrationInfo migration, AppliedMigration result) {
			this.threads.add(Thread.currentThread());
			super.afterMigration(migration, result);
		}

		@Override
		public void afterRun(MigrationResult result) {
			this.threads.add(Thread.currentThread());
			this.events.add("end " + result.operation() + " " + result.target() + " "
					+ result.migrations().stream().map(AppliedMigration::revision).toList() + " now "
					+ result.currentRevisions());
		}

		@Override
		public void onRunFailure(Command operation, String target, Throwable failure) {
			this.threads.add(Thread.currentThread());
			this.failures.add(failure);
			this.events.add("run failure " + operation + " " + target + " " + failure.getClass().getSimpleName());
		}

	}

}
