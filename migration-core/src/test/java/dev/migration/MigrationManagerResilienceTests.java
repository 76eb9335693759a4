package dev.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for what keeps a deployment safe when the database is busy, late or a
 * migration is interrupted.
 */
class MigrationManagerResilienceTests {

	@DatabaseTest(Database.POSTGRESQL)
	void aMigrationWaitingForATableLockGivesUpRetriesAndNeverBlocksOtherQueriesForLong(TestDatabase database)
			throws Exception {
		database.write("r1", null, "CREATE TABLE users (id INTEGER); INSERT INTO users VALUES (1);",
				"DROP TABLE users;");
		database.write("r2", "r1", "ALTER TABLE users ADD COLUMN phone VARCHAR(20);",
				"ALTER TABLE users DROP COLUMN phone;");
		MigrationManager manager = database.manager((builder) -> builder.statementLockTimeout(Duration.ofMillis(200))
			.lockRetries(20)
			.lockRetryBackoff(Duration.ofMillis(100)));
		manager.migrate("r1");
		try (Connection traffic = database.connection(); Connection reader = database.connection()) {
			traffic.setAutoCommit(false);
			try (Statement statement = traffic.createStatement()) {
				// A long transaction that read the table: ALTER TABLE must wait for it.
				statement.execute("SELECT * FROM users");
			}
			CompletableFuture<MigrationResult> migration = CompletableFuture.supplyAsync(manager::migrate);
			long worst = 0;
			for (int i = 0; i < 8; i++) {
				long start = System.nanoTime();
				try (Statement statement = reader.createStatement()) {
					statement.execute("SELECT count(*) FROM users");
				}
				worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
				Thread.sleep(100);
			}
			assertThat(migration).isNotDone();
			traffic.rollback();
			assertThat(migration.get(30, TimeUnit.SECONDS).migrations()).extracting(AppliedMigration::revision)
				.containsExactly("r2");
			assertThat(worst).as("longest wait of a query behind the migration, ms").isLessThan(1000);
		}
		List<HistoryEntry> attempts = manager.history()
			.stream()
			.filter((entry) -> entry.revision().equals("r2"))
			.toList();
		assertThat(attempts.get(0).success()).isTrue();
		assertThat(attempts.subList(1, attempts.size())).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.error()).contains("SQL state 55P03"));
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aMigrationGivesUpAfterItsLockRetriesNamingTheLock(TestDatabase database) throws Exception {
		database.write("r1", null, "CREATE TABLE users (id INTEGER);", "DROP TABLE users;");
		database.write("r2", "r1", "ALTER TABLE users ADD COLUMN phone VARCHAR(20);",
				"ALTER TABLE users DROP COLUMN phone;");
		MigrationManager manager = database.manager((builder) -> builder.statementLockTimeout(Duration.ofMillis(100))
			.lockRetries(1)
			.lockRetryBackoff(Duration.ofMillis(10)));
		manager.migrate("r1");
		try (Connection traffic = database.connection()) {
			traffic.setAutoCommit(false);
			try (Statement statement = traffic.createStatement()) {
				statement.execute("SELECT * FROM users");
			}
			assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
				.withMessageContaining("SQL state 55P03")
				.withMessageContaining("Gave up after 2 attempt(s), each waiting at most 100 ms for a lock that "
						+ "another transaction holds on the table");
			traffic.rollback();
		}
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(manager.migrate().migrations()).hasSize(1);
	}

	@DatabaseTest
	void anInterruptedNonTransactionalMigrationIsReportedByStatusAndVerify(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database
			.manager((builder) -> builder.javaMigrations(List.of(new CrashingNonTransactionalMigration())));
		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(manager::migrate);
		assertThat(database.tables()).contains("half_done");
		MigrationStatus status = manager.status();
		assertThat(status.currentRevisions()).containsExactly("r1");
		assertThat(status.interrupted()).singleElement()
			.asString()
			.startsWith("Revision crash (Build half of it) is declared transactional: false and was interrupted")
			.contains("record it as applied with a mark-applied repair");
		assertThat(manager.verify().problems(VerifyReport.Kind.INTERRUPTED)).singleElement()
			.satisfies((problem) -> assertThat(problem.revision()).isEqualTo("crash"));
		manager.repair(RepairAction.MARK_APPLIED, "crash", "finished by hand", null);
		assertThat(manager.status().interrupted()).isEmpty();
	}

	@DatabaseTest(Database.DUCKDB)
	void aDatabaseThatAnswersLateIsWaitedFor(TestDatabase database) {
		database.writeTable("r1", null);
		AtomicInteger attempts = new AtomicInteger();
		DataSource late = new FailingFirst(database.dataSource(), 2, attempts);
		MigrationManager manager = MigrationManager.create(late,
				database.configuration().connectRetryBackoff(Duration.ofMillis(20)).build());
		assertThat(manager.migrate().migrations()).hasSize(1);
		assertThat(attempts).hasValueGreaterThanOrEqualTo(3);
	}

	@DatabaseTest(Database.DUCKDB)
	void aDatabaseThatNeverAnswersFailsAfterTheRetries(TestDatabase database) {
		database.writeTable("r1", null);
		AtomicInteger attempts = new AtomicInteger();
		DataSource down = new FailingFirst(database.dataSource(), Integer.MAX_VALUE, attempts);
		MigrationManager manager = MigrationManager.create(down,
				database.configuration().connectRetries(2).connectRetryBackoff(Duration.ofMillis(10)).build());
		assertThatExceptionOfType(MigrationException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("Cannot connect to the database after 3 attempts over ")
			.withMessageContaining("Connection refused (simulated)")
			.withMessageEndingWith("(connect retries: 2)");
		assertThat(attempts).hasValue(3);
	}

	@DatabaseTest(Database.DUCKDB)
	void aDuckDbFileHeldByAnotherProcessFailsAtOnceWithoutRetries(TestDatabase database) {
		database.writeTable("r1", null);
		AtomicInteger attempts = new AtomicInteger();
		MigrationManager manager = MigrationManager.create(new HeldFile(attempts),
				database.configuration().connectRetries(5).connectRetryBackoff(Duration.ofSeconds(1)).build());
		assertThatExceptionOfType(MigrationLockException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("The DuckDB database file is held by another process")
			.withMessageContaining("(PID 4242)");
		// One attempt: no retry, so none of the five one-second pauses.
		assertThat(attempts).hasValue(1);
	}

	/**
	 * A non-transactional migration whose process "dies" after its first statement:
	 * an Error, which the engine does not catch, stands in for SIGKILL.
	 */
	public static class CrashingNonTransactionalMigration implements JavaMigration {

		@Override
		public String revision() {
			return "crash";
		}

		@Override
		public List<String> downRevisions() {
			return List.of("r1");
		}

		@Override
		public String message() {
			return "Build half of it";
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void upgrade(MigrationContext context) throws SQLException {
			context.execute("CREATE TABLE half_done (id INTEGER)");
			throw new SimulatedCrash();
		}

	}

	static class SimulatedCrash extends Error {

		private static final long serialVersionUID = 1L;

	}

	/**
	 * A DuckDB file another process holds, as DuckDB's driver reports it.
	 */
	private record HeldFile(AtomicInteger attempts) implements PlainDataSource {

		@Override
		public Connection getConnection() throws SQLException {
			this.attempts.incrementAndGet();
			throw new SQLException("IO Error: Could not set lock on file \"/data/app.db\": Conflicting lock is held in "
					+ "/usr/bin/java (PID 4242) by user app. See also https://duckdb.org/docs/connect/concurrency");
		}

	}

	/**
	 * A database that refuses the first connections.
	 */
	private record FailingFirst(DataSource target, int failures, AtomicInteger attempts) implements PlainDataSource {

		@Override
		public Connection getConnection() throws SQLException {
			if (this.attempts.incrementAndGet() <= this.failures) {
				throw new SQLException("Connection refused (simulated)", "08001");
			}
			return this.target.getConnection();
		}

	}

}
