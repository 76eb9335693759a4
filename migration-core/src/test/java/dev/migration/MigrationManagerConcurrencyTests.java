package dev.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for several managers migrating one database at once, and for the lock that
 * keeps them apart.
 */
class MigrationManagerConcurrencyTests {

	private static final int MANAGERS = 4;

	private static final int REVISIONS = 20;

	private static final String OWNER = ProcessHandle.current().pid() + "@";

	@DatabaseTest
	void managersMigratingAtOnceApplyEachMigrationExactlyOnce(TestDatabase database) throws Exception {
		String parent = null;
		for (int i = 1; i <= REVISIONS; i++) {
			String revision = "r%02d".formatted(i);
			database.write(revision, parent, "CREATE TABLE t_" + revision + " (id INTEGER);\n"
					+ "INSERT INTO t_" + revision + " VALUES (" + i + ");", "DROP TABLE t_" + revision + ";");
			parent = revision;
		}
		List<MigrationManager> managers = new ArrayList<>();
		for (int i = 0; i < MANAGERS; i++) {
			managers.add(database.manager());
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(MANAGERS);
		try {
			List<Future<MigrationResult>> results = new ArrayList<>();
			for (MigrationManager manager : managers) {
				results.add(executor.submit(() -> {
					start.await();
					return manager.migrate();
				}));
			}
			start.countDown();
			int applied = 0;
			for (Future<MigrationResult> result : results) {
				MigrationResult done = result.get(60, TimeUnit.SECONDS);
				assertThat(done.currentRevisions()).containsExactly("r20");
				applied += done.migrations().size();
			}
			assertThat(applied).isEqualTo(REVISIONS);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history_state")).isEqualTo(REVISIONS);
		assertThat(database.queryForList("SELECT revision || ':' || count(*) FROM migration_history"
				+ " WHERE action = 'upgrade' AND success GROUP BY revision ORDER BY revision"))
			.hasSize(REVISIONS)
			.allSatisfy((count) -> assertThat(count).endsWith(":1"));
		assertThat(database.queryForLong("SELECT count(*) FROM migration_history WHERE NOT success")).isZero();
		assertThat(database.tables()).hasSize(REVISIONS);
	}

	@DatabaseTest
	void migrateFailsNamingTheHolderWhenTheLockIsHeldPastTheTimeout(TestDatabase database) throws Exception {
		database.writeTable("r1", null);
		BlockingMigration blocking = new BlockingMigration();
		MigrationManager slow = database.manager((configuration) -> configuration.javaMigrations(List.of(blocking)));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<MigrationResult> running = executor.submit(() -> slow.migrate());
			assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
			MigrationStatus status = database.manager().status();
			assertThat(status.lockHolder()).isNotNull();
			assertThat(status.lockHolder().owner()).startsWith(OWNER);
			// r1 is committed by now: give the impatient instance something to do.
			database.writeTable("r2", "r1");
			MigrationManager impatient = database
				.manager((configuration) -> configuration.lockTimeout(Duration.ofMillis(300)));
			long start = System.nanoTime();
			assertThatExceptionOfType(MigrationLockException.class).isThrownBy(impatient::migrate)
				.withMessageStartingWith("Timed out after 300 ms waiting for the migration lock ")
				.withMessageContaining(", held by " + OWNER);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			blocking.proceed.countDown();
			assertThat(running.get(30, TimeUnit.SECONDS).migrations()).extracting(AppliedMigration::revision)
				.containsExactly("r1", "slow");
		}
		finally {
			blocking.proceed.countDown();
			executor.shutdownNow();
		}
		assertThat(database.manager().status().lockHolder()).isNull();
		assertThat(database.tables()).containsExactly("t_r1");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void migrateWaitsForASlowMigrationOfAnotherInstance(TestDatabase database) throws Exception {
		database.write("r1", null, "SELECT pg_sleep(1);\nCREATE TABLE t_r1 (id INTEGER);", "DROP TABLE t_r1;");
		MigrationManager first = database.manager();
		MigrationManager second = database.manager();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<MigrationResult> running = executor.submit(() -> first.migrate());
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			LockHolder holder = null;
			while (holder == null && System.nanoTime() < deadline) {
				holder = second.status().lockHolder();
			}
			assertThat(holder).isNotNull();
			assertThat(holder.owner()).startsWith(OWNER);
			MigrationResult waited = second.migrate();
			assertThat(waited.changed()).isFalse();
			assertThat(waited.currentRevisions()).containsExactly("r1");
			assertThat(running.get(30, TimeUnit.SECONDS).migrations()).hasSize(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@DatabaseTest(Database.POSTGRESQL)
	void migrateFailsNamingASessionThatHoldsTheAdvisoryLock(TestDatabase database) throws SQLException {
		database.writeTable("r1", null);
		CRC32 crc = new CRC32();
		crc.update((database.schema() + ".migration_history").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		int key = (int) (crc.getValue() & 0x7FFFFFFF);
		try (Connection holder = database.dataSource().getConnection();
				PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?, ?), pg_backend_pid()")) {
			lock.setInt(1, 0x6D696772);
			lock.setInt(2, key);
			int pid;
			try (ResultSet rows = lock.executeQuery()) {
				rows.next();
				pid = rows.getInt(2);
			}
			MigrationManager manager = database
				.manager((configuration) -> configuration.lockTimeout(Duration.ofMillis(300)));
			assertThat(manager.status().lockHolder().owner()).startsWith("backend pid " + pid + " from ");
			assertThatExceptionOfType(MigrationLockException.class).isThrownBy(manager::migrate)
				.withMessageStartingWith("Timed out after 300 ms waiting for the migration lock (advisory lock "
						+ 0x6D696772 + "/" + key + "), held by backend pid " + pid + " from ")
				.withMessageEndingWith(". Another instance is migrating; raise the lock timeout or wait for it to "
						+ "finish.");
			assertThat(database.allTables()).isEmpty();
		}
	}

	/**
	 * Waits in its upgrade until the test lets it proceed, holding the lock meanwhile.
	 */
	static class BlockingMigration implements JavaMigration {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch proceed = new CountDownLatch(1);

		@Override
		public String revision() {
			return "slow";
		}

		@Override
		public List<String> downRevisions() {
			return List.of("r1");
		}

		@Override
		public String message() {
			return "Takes its time";
		}

		@Override
		public void upgrade(MigrationContext context) throws Exception {
			this.started.countDown();
			if (!this.proceed.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The test never let the migration proceed");
			}
		}

	}

}
