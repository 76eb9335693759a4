package dev.migration.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A migration never makes production traffic wait behind it on PostgreSQL: its
 * {@code ALTER TABLE} gives up after the lock timeout while another transaction holds
 * a conflicting lock, and is retried until that transaction ends.
 */
class LockTimeoutTests {

	private static final Duration LOCK_TIMEOUT = Duration.ofMillis(300);

	/** Scheduling slack on a small, busy machine, on top of the lock timeout. */
	private static final Duration SLACK = Duration.ofMillis(500);

	@TempDir
	Path directory;

	@Test
	void migrationBlockedByATransactionTimesOutRetriesAndSucceedsOnceItEndsWithoutBlockingQueries()
			throws Exception {
		try (PostgresSchema schema = PostgresSchema.create()) {
			MigrationManager manager = manager(schema, 20, Duration.ofMillis(200));
			manager.migrate("lock01");
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong slowest = new AtomicLong();
			AtomicInteger queries = new AtomicInteger();
			CompletableFuture<Void> traffic;
			CompletableFuture<MigrationResult> migration;
			try (Connection blocker = schema.connect()) {
				blocker.setAutoCommit(false);
				try (Statement statement = blocker.createStatement()) {
					statement.execute("SELECT * FROM users FOR UPDATE");
				}
				traffic = CompletableFuture.runAsync(() -> query(schema, stop, slowest, queries));
				migration = CompletableFuture.supplyAsync(manager::migrate);
				// Long enough for several attempts to time out.
				SampleApp.pause(2000);
				assertThat(migration).isNotDone();
				blocker.rollback();
			}
			MigrationResult result = migration.get(30, TimeUnit.SECONDS);
			stop.set(true);
			traffic.get(30, TimeUnit.SECONDS);
			assertThat(result.currentRevisions()).containsExactly("lock02");
			assertThat(schema.rows("SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
					+ schema.name() + "' AND table_name = 'users' AND column_name = 'phone'")).containsExactly("1");
			assertThat(schema.rows("SELECT count(*) FROM migration_history WHERE revision = 'lock02' AND NOT success"))
				.singleElement()
				.satisfies((failures) -> assertThat(Integer.parseInt(failures)).isGreaterThanOrEqualTo(2));
			assertThat(schema.rows("SELECT count(*) FROM migration_history WHERE revision = 'lock02' AND success"))
				.containsExactly("1");
			assertThat(queries.get()).isGreaterThan(10);
			assertThat(Duration.ofNanos(slowest.get())).as("the slowest query while the migration retried")
				.isLessThan(LOCK_TIMEOUT.plus(SLACK));
		}
	}

	@Test
	void migrationStillBlockedAfterItsRetriesFailsNamingTheLockAndChangesNothing() throws SQLException {
		try (PostgresSchema schema = PostgresSchema.create()) {
			MigrationManager manager = manager(schema, 2, Duration.ofMillis(100));
			manager.migrate("lock01");
			HostileInputTests.Snapshot before;
			try (Connection blocker = schema.connect()) {
				blocker.setAutoCommit(false);
				try (Statement statement = blocker.createStatement()) {
					statement.execute("LOCK TABLE users IN ACCESS SHARE MODE");
				}
				before = HostileInputTests.Snapshot.of(schema);
				long started = System.nanoTime();
				assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
					.withMessageContaining("lock02")
					.withMessageContaining("lock");
				// Three attempts of 300 ms and two pauses: seconds, not forever.
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
				blocker.rollback();
			}
			HostileInputTests.Snapshot after = HostileInputTests.Snapshot.of(schema);
			assertThat(after.structure()).isEqualTo(before.structure());
			assertThat(after.rows()).isEqualTo(before.rows());
			assertThat(after.state()).isEqualTo(before.state());
			assertThat(manager.currentRevisions()).containsExactly("lock01");
		}
	}

	private MigrationManager manager(PostgresSchema schema, int retries, Duration backoff) {
		Scripts scripts = new Scripts(this.directory).createDirectory();
		scripts.write("lock01", "none", """
				CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40));
				INSERT INTO users VALUES (1, 'one'), (2, 'two');""", "DROP TABLE users;");
		scripts.write("lock02", "lock01", "ALTER TABLE users ADD COLUMN phone VARCHAR(20);",
				"ALTER TABLE users DROP COLUMN phone;");
		return MigrationManager.create(schema.dataSource(), MigrationConfiguration.builder()
			.locations(scripts.location())
			.schema(schema.name())
			.statementLockTimeout(LOCK_TIMEOUT)
			.lockRetries(retries)
			.lockRetryBackoff(backoff)
			.build());
	}

	/**
	 * Production traffic: reads {@code users} over and over on its own connection until
	 * told to stop (at most 60 seconds), and records the slowest read.
	 */
	private static void query(PostgresSchema schema, AtomicBoolean stop, AtomicLong slowest, AtomicInteger queries) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		try (Connection connection = schema.connect(); Statement statement = connection.createStatement()) {
			while (!stop.get() && System.nanoTime() < deadline) {
				long started = System.nanoTime();
				statement.executeQuery("SELECT count(*) FROM users").close();
				slowest.accumulateAndGet(System.nanoTime() - started, Math::max);
				queries.incrementAndGet();
				Thread.sleep(10);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
