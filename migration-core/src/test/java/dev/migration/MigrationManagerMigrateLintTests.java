package dev.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.migration.lint.LintFailOn;
import dev.migration.lint.LintFinding;
import dev.migration.lint.LintOptions;
import dev.migration.lint.LintSeverity;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests that {@code migrate} lints the scripts it is about to apply: it logs each
 * finding (warnings at WARN, notes and ignored findings with their reason at INFO), logs
 * nothing when nothing is pending, and with {@link LintFailOn#WARNING} refuses before
 * applying anything, naming file, line and rule.
 */
class MigrationManagerMigrateLintTests {

	private static final LintOptions SMALL_IS_100_ROWS = LintOptions.defaults().withSmallTable(100, 10L * 1024 * 1024);

	// Held: java.util.logging keeps its loggers only weakly.
	private final Logger logger = Logger.getLogger("dev.migration");

	private final MigrationDurationTests.LogLines log = new MigrationDurationTests.LogLines();

	private final List<Level> levels = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final java.util.logging.Handler levelsHandler = new java.util.logging.Handler() {

		@Override
		public void publish(java.util.logging.LogRecord record) {
			if (record.getMessage().startsWith("Lint")) {
				MigrationManagerMigrateLintTests.this.levels.add(record.getLevel());
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private Level level;

	@BeforeEach
	void captureLog() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.logger.setUseParentHandlers(false);
		this.logger.addHandler(this.log);
		this.logger.addHandler(this.levelsHandler);
	}

	@AfterEach
	void releaseLog() {
		this.logger.removeHandler(this.log);
		this.logger.removeHandler(this.levelsHandler);
		this.logger.setUseParentHandlers(true);
		this.logger.setLevel(this.level);
	}

	@DatabaseTest
	void migrateLogsTheFindingsOfThePendingScriptsAndTheReasonOfAnIgnoredOne(TestDatabase database) {
		tables(database);
		Path index = write(database, "r1", "r0", "", "CREATE INDEX big_name ON big (name);");
		Path ignored = write(database, "r2", "r1", "-- lint: ignore rename-column the only reader was retired in 4.2\n",
				"ALTER TABLE small RENAME COLUMN name TO label;");
		MigrationResult result = manager(database, LintFailOn.NEVER).migrate();
		assertThat(result.migrations()).hasSize(2);
		List<String> lines = lines("Lint");
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).isEqualTo("Lint of the 2 script(s) to apply: 1 warning(s), 0 note(s), 1 ignored");
		assertThat(lines.get(1))
			.startsWith("Lint: " + location(index) + ":6: WARNING [index-without-concurrently] "
					+ (database.isPostgres() ? "CREATE INDEX holds a SHARE lock" : "DuckDB builds the index"))
			.contains("(index big_name; table big: ", "\n  rewrite: ");
		assertThat(lines.get(2)).isEqualTo("Lint: " + location(ignored) + ":7: ignored [rename-column] (" + location(ignored)
				+ ":5 says: the only reader was retired in 4.2)");
		assertThat(this.levels).containsExactly(Level.INFO, Level.WARNING, Level.INFO);
	}

	@DatabaseTest
	void nothingPendingLintsNothingAndLogsNothing(TestDatabase database) {
		tables(database);
		write(database, "r1", "r0", "", "CREATE INDEX big_name ON big (name);");
		MigrationManager manager = manager(database, LintFailOn.NEVER);
		manager.migrate();
		this.log.lines().clear();
		assertThat(manager.migrate().migrations()).isEmpty();
		assertThat(lines("Lint")).isEmpty();
	}

	@DatabaseTest
	void aFirstMigrateIntoANewSchemaFindsNothingThereAndRunsItsScriptsInThatSchema(TestDatabase database) {
		String schema = database.schema() + "_lint";
		write(database, "r1", null, "", "CREATE TABLE fresh (id INTEGER, name VARCHAR(10));\n"
				+ "CREATE INDEX fresh_name ON fresh (name);");
		try {
			MigrationManager manager = database.manager((builder) -> builder.schema(schema)
				.lintOptions(SMALL_IS_100_ROWS.withFailOn(LintFailOn.WARNING)));
			assertThat(manager.migrate().migrations()).hasSize(1);
			assertThat(database.queryForList("SELECT table_schema FROM information_schema.tables "
					+ "WHERE table_name = 'fresh'")).containsExactly(schema);
		}
		finally {
			database.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

	@DatabaseTest(Database.POSTGRESQL)
	void theLintReadsTheCatalogOnlyWhenSomethingIsPending(TestDatabase database) {
		tables(database);
		write(database, "r1", "r0", "", "CREATE INDEX big_name ON big (name);");
		List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
		MigrationManager manager = MigrationManager.create(recording(database.dataSource(), sent),
				database.configuration().lintOptions(SMALL_IS_100_ROWS).build());
		manager.migrate();
		assertThat(sent).anyMatch((sql) -> sql.contains("pg_total_relation_size"));
		sent.clear();
		assertThat(manager.migrate().migrations()).isEmpty();
		// Nothing to do: the reads of the state table, and nothing of the lint.
		assertThat(sent).isNotEmpty().allMatch((sql) -> sql.contains("migration_history_state"));
	}

	@DatabaseTest
	void failOnWarningRefusesBeforeApplyingAnythingNamingFileLineAndRule(TestDatabase database) {
		tables(database);
		write(database, "r1", "r0", "", "CREATE TABLE fresh (id INTEGER);");
		Path index = write(database, "r2", "r1", "", "CREATE INDEX big_name ON big (name);");
		MigrationManager manager = manager(database, LintFailOn.WARNING);
		LintRefusedException refused = catchThrowableOfType(LintRefusedException.class, manager::migrate);
		assertThat(refused.getFailOn()).isEqualTo(LintFailOn.WARNING);
		assertThat(refused.getFindings()).extracting(LintFinding::file, LintFinding::line, LintFinding::rule)
			.containsExactly(tuple(location(index), 6, "index-without-concurrently"));
		assertThat(refused).hasMessageStartingWith("Refusing to migrate: the lint found 1 finding(s) in the scripts "
				+ "to apply and fail-on is WARNING; nothing was applied:\n" + location(index)
				+ ":6: WARNING [index-without-concurrently]")
			.hasMessageEndingWith("'-- lint: ignore <rule-id> <reason>'");
		// Not even the revision before the hazardous one.
		assertThat(database.tables()).containsExactly("big", "small");
		assertThat(manager.currentRevisions()).containsExactly("r0");
		assertThat(manager.history()).extracting(HistoryEntry::revision).containsExactly("r0");
	}

	@DatabaseTest
	void failOnWarningLetsNotesAndIgnoredFindingsThrough(TestDatabase database) {
		tables(database);
		write(database, "r1", "r0", "", "CREATE INDEX small_name ON small (name);");
		write(database, "r2", "r1", "-- lint: ignore index-without-concurrently built in the maintenance window\n",
				"CREATE INDEX big_name ON big (name);");
		MigrationResult result = manager(database, LintFailOn.WARNING).migrate();
		assertThat(result.migrations()).extracting(AppliedMigration::revision).containsExactly("r1", "r2");
		assertThat(lines("Lint")).anySatisfy((line) -> assertThat(line).contains("NOTE [index-without-concurrently]"))
			.anySatisfy((line) -> assertThat(line).contains("says: built in the maintenance window"));
	}

	@DatabaseTest
	void failOnNoteRefusesANote(TestDatabase database) {
		tables(database);
		write(database, "r1", "r0", "", "CREATE INDEX small_name ON small (name);");
		MigrationManager manager = manager(database, LintFailOn.NOTE);
		LintRefusedException refused = catchThrowableOfType(LintRefusedException.class, manager::migrate);
		assertThat(refused.getFindings()).extracting(LintFinding::rule, LintFinding::severity)
			.containsExactly(tuple("index-without-concurrently", LintSeverity.NOTE));
		assertThat(manager.currentRevisions()).containsExactly("r0");
		assertThat(manager(database, LintFailOn.WARNING).migrate().migrations()).hasSize(1);
	}

	/**
	 * The data source, recording the SQL of every statement its connections create.
	 */
	private static javax.sql.DataSource recording(javax.sql.DataSource dataSource, List<String> sent) {
		return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
				MigrationManagerMigrateLintTests.class.getClassLoader(), new Class<?>[] { javax.sql.DataSource.class },
				(proxy, method, args) -> {
					Object result = invoke(dataSource, method, args);
					return (result instanceof java.sql.Connection connection) ? recording(connection, sent) : result;
				});
	}

	private static java.sql.Connection recording(java.sql.Connection connection, List<String> sent) {
		return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
				MigrationManagerMigrateLintTests.class.getClassLoader(), new Class<?>[] { java.sql.Connection.class },
				(proxy, method, args) -> {
					if (args != null && args.length > 0 && args[0] instanceof String sql
							&& method.getName().startsWith("prepare")) {
						sent.add(sql);
					}
					Object result = invoke(connection, method, args);
					if (result instanceof java.sql.Statement statement && !(result instanceof java.sql.PreparedStatement)) {
						return recording(statement, sent);
					}
					return result;
				});
	}

	private static java.sql.Statement recording(java.sql.Statement statement, List<String> sent) {
		return (java.sql.Statement) java.lang.reflect.Proxy.newProxyInstance(
				MigrationManagerMigrateLintTests.class.getClassLoader(), new Class<?>[] { java.sql.Statement.class },
				(proxy, method, args) -> {
					if (args != null && args.length > 0 && args[0] instanceof String sql) {
						sent.add(sql);
					}
					return invoke(statement, method, args);
				});
	}

	private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (java.lang.reflect.InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private MigrationManager manager(TestDatabase database, LintFailOn failOn) {
		return database.manager((builder) -> builder.lintOptions(SMALL_IS_100_ROWS.withFailOn(failOn)));
	}

	private List<String> lines(String prefix) {
		return this.log.lines().stream().filter((line) -> line.startsWith(prefix)).toList();
	}

	/**
	 * Applies revision r0: a table of 150 rows, over the tests' threshold of 100, and one
	 * of 20 rows, under it.
	 */
	private void tables(TestDatabase database) {
		write(database, "r0", null, "", """
				CREATE TABLE big (id INTEGER NOT NULL, name VARCHAR(100), code VARCHAR(16));
				INSERT INTO big SELECT g, 'name ' || g, 'c' || g FROM generate_series(1, 150) g;
				CREATE TABLE small (id INTEGER NOT NULL, name VARCHAR(100));
				INSERT INTO small SELECT g, 'name ' || g FROM generate_series(1, 20) g;""");
		database.manager().migrate();
		this.log.lines().clear();
		this.levels.clear();
	}

	private static String location(Path file) {
		return "filesystem:" + file;
	}

	/**
	 * A script whose upgrade SQL starts on line 6, or 7 after an extra header line.
	 */
	private static Path write(TestDatabase database, String revision, String parent, String extraHeader,
			String upgrade) {
		Path file = database.scriptDirectory().resolve(revision + ".sql");
		String text = "-- " + revision + "\n-- revision: " + revision + "\n-- down_revision: "
				+ ((parent != null) ? parent : "none") + "\n-- transactional: true\n" + extraHeader + "-- upgrade\n"
				+ upgrade + "\n";
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

}
