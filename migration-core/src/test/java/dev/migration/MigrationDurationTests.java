package dev.migration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import dev.migration.revision.Direction;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests that one run reports one duration per migration everywhere: the log line, the
 * result, the history row and the listeners (which the metrics record) show the same
 * value, the run's total is never less than their sum, and a tiny migration is not
 * {@code 0 ms}. Also that a history log of an earlier release, which kept whole
 * milliseconds only, keeps working.
 */
class MigrationDurationTests {

	// Held: java.util.logging keeps its loggers only weakly.
	private final Logger logger = Logger.getLogger("dev.migration");

	private final LogLines log = new LogLines();

	private Level level;

	@BeforeEach
	void captureLog() {
		// The engine's INFO lines, here and not on the console.
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.logger.setUseParentHandlers(false);
		this.logger.addHandler(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.removeHandler(this.log);
		this.logger.setUseParentHandlers(true);
		this.logger.setLevel(this.level);
	}

	@DatabaseTest
	void logResultHistoryAndListenersAgreeOnEachMigration(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.write("r3", "r2", "INSERT INTO t_r1 VALUES (1);", "DELETE FROM t_r1;");
		DurationListener listener = new DurationListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		MigrationResult migrated = manager.migrate();
		MigrationResult rolledBack = manager.rollback("r1");
		List<HistoryEntry> history = manager.history();
		assertAgree(migrated, listener, history, HistoryAction.UPGRADE);
		assertAgree(rolledBack, listener, history, HistoryAction.DOWNGRADE);
		assertThat(listener.runs).containsExactly(migrated.duration(), rolledBack.duration());
	}

	@DatabaseTest
	void runTotalIsNeverLessThanTheSumOfItsMigrations(TestDatabase database) {
		for (int i = 1; i <= 5; i++) {
			database.writeTable("r" + i, (i > 1) ? "r" + (i - 1) : null);
		}
		MigrationResult result = database.manager().migrate();
		Duration sum = result.migrations()
			.stream()
			.map(AppliedMigration::duration)
			.reduce(Duration.ZERO, Duration::plus);
		assertThat(result.duration()).isGreaterThanOrEqualTo(sum);
		assertThat(this.log.lines()).contains("Applied 5 migration(s) in " + DurationFormat.format(sum) + "; "
				+ DurationFormat.format(result.duration()) + " in all, with reading the state and the lock");
	}

	@DatabaseTest(Database.DUCKDB)
	void tinyDuckDbMigrationIsNotReportedAsZero(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
		database.write("r2", "r1", "INSERT INTO t VALUES (1);", "DELETE FROM t;");
		MigrationManager manager = database.manager();
		MigrationResult result = manager.migrate();
		for (AppliedMigration migration : result.migrations()) {
			assertThat(migration.duration()).isPositive();
			assertThat(DurationFormat.format(migration.duration())).isNotEqualTo("0 ms");
			assertThat(this.log.lines()).contains("Applied " + migration.revision() + " Revision "
					+ migration.revision() + " (" + DurationFormat.format(migration.duration()) + ")");
		}
		assertThat(manager.history()).allSatisfy((entry) -> assertThat(entry.duration()).isPositive());
	}

	@DatabaseTest
	void failedMigrationReportsTheDurationOfItsHistoryRow(TestDatabase database) {
		database.writeTable("r1", null);
		database.write("r2", "r1", "CREATE TABLE t_r2 (id INTEGER);\nINSERT INTO no_such_table VALUES (1);",
				"DROP TABLE t_r2;");
		DurationListener listener = new DurationListener();
		MigrationManager manager = database.manager((configuration) -> configuration.listeners(List.of(listener)));
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, manager::migrate);
		HistoryEntry failed = manager.history().get(0);
		assertThat(failed.success()).isFalse();
		assertThat(failed.revision()).isEqualTo("r2");
		assertThat(failure.getDuration()).isPositive().isEqualTo(failed.duration());
		assertThat(listener.failures).containsExactly(failed.duration());
	}

	// DuckDB refuses a history of an earlier layout instead (DuckDbHistoryLayoutTests).
	@DatabaseTest(Database.POSTGRESQL)
	void historyOfAnEarlierReleaseKeepsItsMillisecondsAndGainsMicroseconds(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		manager.migrate("r1");
		// The log as an earlier release created and wrote it: whole milliseconds only.
		database.execute("ALTER TABLE migration_history DROP COLUMN duration_us",
				"UPDATE migration_history SET duration_ms = 7");
		assertThat(manager.history()).singleElement()
			.satisfies((entry) -> assertThat(entry.duration()).isEqualTo(Duration.ofMillis(7)));
		assertThat(database.queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = "
				+ "'migration_history' AND column_name = 'duration_us' AND table_schema = '" + database.schema() + "'"))
			.as("reading alters nothing")
			.isEmpty();
		MigrationResult result = manager.migrate();
		List<HistoryEntry> history = manager.history();
		assertThat(history).hasSize(2);
		assertThat(history.get(0).duration()).isEqualTo(result.migrations().get(0).duration());
		assertThat(history.get(1).duration()).isEqualTo(Duration.ofMillis(7));
		// An earlier release, which names only its own columns, still writes to it.
		database.execute("INSERT INTO migration_history (revision, message, action, checksum, checksum_version, "
				+ "db_user, host, started_at, duration_ms, success, error) VALUES ('r2', 'Revision r2', 'stamp', "
				+ "NULL, NULL, 'old', 'old-host', CURRENT_TIMESTAMP, 3, true, NULL)");
		assertThat(manager.history().get(0).duration()).isEqualTo(Duration.ofMillis(3));
		// And the upgraded log goes on working for this one: a rollback records its row.
		manager.rollback("r1");
		HistoryEntry reverted = manager.history().get(0);
		assertThat(reverted.action()).isEqualTo(HistoryAction.DOWNGRADE);
		assertThat(reverted.duration()).isPositive();
	}

	@DatabaseTest
	void stampRecordsNoDuration(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		MigrationResult stamped = manager.stamp("r1");
		assertThat(stamped.migrations()).singleElement()
			.satisfies((migration) -> assertThat(migration.duration()).isZero());
		assertThat(manager.history().get(0).duration()).isZero();
		assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0 ms");
	}

	private void assertAgree(MigrationResult result, DurationListener listener, List<HistoryEntry> history,
			HistoryAction action) {
		Direction direction = (action == HistoryAction.UPGRADE) ? Direction.UPGRADE : Direction.DOWNGRADE;
		assertThat(result.migrations()).isNotEmpty();
		Duration sum = Duration.ZERO;
		for (AppliedMigration migration : result.migrations()) {
			Duration duration = migration.duration();
			sum = sum.plus(duration);
			assertThat(duration).as("measured to the microsecond").isPositive()
				.isEqualTo(duration.truncatedTo(DurationFormat.PRECISION));
			assertThat(listener.applied.get(migration.revision() + " " + direction)).as("listener")
				.isEqualTo(duration);
			assertThat(history).filteredOn((entry) -> entry.revision().equals(migration.revision())
					&& entry.action() == action)
				.as("history")
				.singleElement()
				.satisfies((entry) -> assertThat(entry.duration()).isEqualTo(duration));
			String verb = (direction == Direction.UPGRADE) ? "Applied " : "Reverted ";
			assertThat(this.log.lines()).as("log").contains(verb + migration.revision() + " "
					+ migration.message() + " (" + DurationFormat.format(duration) + ")");
		}
		assertThat(result.duration()).isGreaterThanOrEqualTo(sum);
	}

	/**
	 * The durations the listener callbacks receive.
	 */
	static final class DurationListener implements MigrationListener {

		final Map<String, Duration> applied = new LinkedHashMap<>();

		final List<Duration> failures = new CopyOnWriteArrayList<>();

		final List<Duration> runs = new CopyOnWriteArrayList<>();

		@Override
		public void afterMigration(MigrationInfo migration, AppliedMigration result) {
			this.applied.put(migration.revision() + " " + result.direction(), result.duration());
		}

		@Override
		public void onFailure(MigrationInfo migration, Direction direction, MigrationException failure) {
			this.failures.add(((MigrationFailedException) failure).getDuration());
		}

		@Override
		public void afterRun(MigrationResult result) {
			this.runs.add(result.duration());
		}

	}

	/**
	 * The engine's log lines, formatted as a handler of {@code java.util.logging} (where
	 * {@link System.Logger} writes by default) formats them.
	 */
	static final class LogLines extends Handler {

		private final SimpleFormatter formatter = new SimpleFormatter();

		private final List<String> lines = new CopyOnWriteArrayList<>();

		List<String> lines() {
			return this.lines;
		}

		@Override
		public void publish(LogRecord record) {
			this.lines.add(this.formatter.formatMessage(record));
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

}
