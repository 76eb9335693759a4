package dev.migration.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * a conflicting lock, and is retried until that transaction ends; through the engine
 * and through the sample app's {@code migration.postgresql.*} properties.
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
				traffic = CompletableFuture.runAsync(() -> query(schema, "users", stop, slowest, queries));
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

	@Test
	void sampleAppWithTheLockTimeoutPropertiesWaitsWithoutBlockingQueriesAndBecomesReadyOnceTheLockIsFree()
			throws Exception {
		try (PostgresSchema schema = PostgresSchema.create(); PostgresSchema shared = PostgresSchema.create()) {
			// A table the application's traffic uses, outside the migrations' schema, so it
			// exists (and is locked) before the app starts.
			shared.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)", "INSERT INTO orders VALUES (1), (2)");
			Scripts scripts = new Scripts(this.directory).createDirectory();
			scripts.write("lock0101", Scripts.SAMPLE_HEAD,
					"ALTER TABLE " + shared.name() + ".orders ADD COLUMN note TEXT;",
					"ALTER TABLE " + shared.name() + ".orders DROP COLUMN note;");
			List<String> arguments = new ArrayList<>(schema.sampleAppArguments());
			arguments.add("--migration.locations=classpath:db/migration," + scripts.location());
			arguments.add("--migration.postgresql.lock-timeout=" + LOCK_TIMEOUT.toMillis() + "ms");
			arguments.add("--migration.postgresql.lock-retries=10");
			arguments.add("--migration.postgresql.lock-retry-backoff=200ms");
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong slowest = new AtomicLong();
			AtomicInteger queries = new AtomicInteger();
			try (Connection blocker = shared.connect(); SampleApp app = SampleApp.start(arguments)) {
				blocker.setAutoCommit(false);
				try (Statement statement = blocker.createStatement()) {
					statement.execute("SELECT * FROM orders FOR UPDATE");
				}
				CompletableFuture<Void> traffic = CompletableFuture
					.runAsync(() -> query(shared, "orders", stop, slowest, queries));
				long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (!app.output().contains("lock0101: waited 300 ms for a table lock; rolled back, retrying in 400 ms")
						&& System.nanoTime() < deadline && app.isAlive()) {
					SampleApp.pause(50);
				}
				assertThat(app.output()).as(app::output).contains("(2 of 10)");
				assertThat(app.get("/actuator/health/readiness").status()).isEqualTo(503);
				blocker.rollback();
				app.awaitReady(Duration.ofSeconds(30));
				stop.set(true);
				traffic.get(30, TimeUnit.SECONDS);
			}
			assertThat(shared.rows("SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
					+ shared.name() + "' AND table_name = 'orders' AND column_name = 'note'")).containsExactly("1");
			assertThat(schema.rows("SELECT count(*) FROM migration_history WHERE revision = 'lock0101' AND success"))
				.containsExactly("1");
			assertThat(queries.get()).isGreaterThan(10);
			assertThat(Duration.ofNanos(slowest.get())).as("the slowest query while the migration retried")
				.isLessThan(LOCK_TIMEOUT.plus(SLACK));
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
	 * Production traffic: reads a table over and over on its own connection until
	 * told to stop (at most 60 seconds), and records the slowest read.
	 */
	private static void query(PostgresSchema schema, String table, AtomicBoolean stop, AtomicLong slowest,
			AtomicInteger queries) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		try (Connection connection = schema.connect(); Statement statement = connection.createStatement()) {
			while (!stop.get() && System.nanoTime() < deadline) {
				long started = System.nanoTime();
				statement.executeQuery("SELECT count(*) FROM " + table).close();
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
