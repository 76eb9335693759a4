package dev.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.migration.lint.LintFinding;
import dev.migration.lint.LintOptions;
import dev.migration.lint.LintReport;
import dev.migration.lint.LintRule;
import dev.migration.lint.LintSeverity;
import dev.migration.revision.Direction;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link MigrationManager#lint()} and its siblings on a real database: each
 * rule flags its hazard at the right line and leaves the safe rewrite alone, a small
 * table makes a note and a big one a warning, and a header silences a rule with a
 * reason.
 */
class MigrationManagerLintTests {

	// Scripts linted from text start their SQL on this line (see script()).
	private static final int FIRST_LINE = 6;

	private static final LintOptions SMALL_IS_100_ROWS = LintOptions.defaults().withSmallTable(100, 10L * 1024 * 1024);

	@DatabaseTest(Database.POSTGRESQL)
	void indexWithoutConcurrentlyIsAWarningOnABigTableAndANoteOnASmallOne(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		LintReport big = lint(manager, "-- an index for the name search\nCREATE INDEX big_name ON big (name);");
		assertThat(big.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("index-without-concurrently");
			assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING);
			assertThat(finding.line()).isEqualTo(FIRST_LINE + 1);
			assertThat(finding.statement()).isEqualTo("CREATE INDEX big_name ON big (name)");
			assertThat(finding.section()).isEqualTo(Direction.UPGRADE);
			assertThat(finding.revision()).isEqualTo("r1");
			assertThat(finding.file()).isEqualTo("r1.sql");
			assertThat(finding.table()).isEqualTo("big");
			assertThat(finding.reason()).contains("SHARE lock");
			assertThat(finding.rewrite()).contains("CREATE INDEX CONCURRENTLY", "transactional: false");
			assertThat(finding.detail())
				.matches("index big_name; table big: more than 100 rows \\(counted\\), \\d+ kB, over the "
						+ "small-table threshold of 100 rows / 10.0 MB");
		});
		assertThat(big.hasWarnings()).isTrue();
		LintReport small = lint(manager, "CREATE INDEX small_name ON small (name);");
		assertThat(small.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.severity()).isEqualTo(LintSeverity.NOTE);
			assertThat(finding.detail()).startsWith("index small_name; table small: 20 rows (counted)")
				.endsWith(", under the small-table threshold of 100 rows / 10.0 MB");
		});
		assertThat(small.hasWarnings()).isFalse();
		assertThat(small.notes()).hasSize(1);
		assertThat(lintNonTransactional(manager, "CREATE INDEX CONCURRENTLY big_name ON big (name);").findings())
			.isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aTableTheCatalogEstimatesIsMeasuredByItsEstimate(TestDatabase database) {
		tables(database);
		database.execute("ANALYZE big");
		LintReport report = lint(manager(database), "CREATE UNIQUE INDEX big_name ON big (name);");
		assertThat(report.findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.detail()).contains("table big: about 150 rows"));
	}

	@DatabaseTest(Database.POSTGRESQL)
	void theDefaultThresholdMakesAHundredAndFiftyRowsSmall(TestDatabase database) {
		tables(database);
		LintReport report = lint(database.manager(), "CREATE INDEX big_name ON big (name);");
		assertThat(report.findings()).extracting(LintFinding::severity).containsExactly(LintSeverity.NOTE);
		assertThat(report.findings().get(0).detail()).contains("150 rows (counted)",
				"under the small-table threshold of 10,000 rows / 10.0 MB");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void dropIndexWithoutConcurrentlyIsFlaggedOnTheIndexTable(TestDatabase database) {
		tables(database);
		database.execute("CREATE INDEX big_name_idx ON big (name)");
		MigrationManager manager = manager(database);
		assertThat(lint(manager, "DROP INDEX IF EXISTS big_name_idx;").findings()).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("drop-index-without-concurrently");
				assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING);
				assertThat(finding.table()).isEqualTo("big");
				assertThat(finding.detail()).startsWith("index big_name_idx; table big:");
			});
		assertThat(lintNonTransactional(manager, "DROP INDEX CONCURRENTLY IF EXISTS big_name_idx;").findings())
			.isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void uniqueConstraintBuildingItsIndexIsFlaggedAndUsingAnIndexIsNot(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		assertThat(lint(manager, "ALTER TABLE big ADD CONSTRAINT big_name_key UNIQUE (name);").findings())
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("unique-constraint-without-index");
				assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING);
				assertThat(finding.detail()).startsWith("UNIQUE (name); table big:");
			});
		database.execute("CREATE UNIQUE INDEX big_name_idx ON big (name)");
		assertThat(lint(manager, "ALTER TABLE big ADD CONSTRAINT big_name_key UNIQUE (name);").findings())
			.singleElement()
			.satisfies((finding) -> assertThat(finding.detail()).contains("unique index big_name_idx already covers "
					+ "these columns: ADD CONSTRAINT big_name_key UNIQUE USING INDEX big_name_idx builds nothing"));
		assertThat(lint(manager, "ALTER TABLE big ADD CONSTRAINT big_name_key UNIQUE USING INDEX big_name_idx;")
			.findings()).isEmpty();
		assertThat(lint(manager, "ALTER TABLE small ADD PRIMARY KEY (id);").findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(LintSeverity.NOTE));
	}

	@DatabaseTest(Database.POSTGRESQL)
	void foreignKeyAndCheckWithoutNotValidAreFlaggedAndTheTwoStepFormIsNot(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		LintReport hazards = lint(manager, """
				ALTER TABLE big
				    ADD CONSTRAINT big_small_fk FOREIGN KEY (small_id) REFERENCES small (id),
				    ADD CONSTRAINT big_id_positive CHECK (id > 0);""");
		assertThat(hazards.findings()).extracting(LintFinding::rule, LintFinding::line, LintFinding::severity)
			.containsExactly(tuple("foreign-key-without-not-valid", FIRST_LINE + 1, LintSeverity.WARNING),
					tuple("check-constraint-without-not-valid", FIRST_LINE + 2, LintSeverity.WARNING));
		assertThat(hazards.findings().get(0).detail()).startsWith("references small; table big:");
		LintReport safe = lint(manager, """
				ALTER TABLE big ADD CONSTRAINT big_small_fk FOREIGN KEY (small_id) REFERENCES small (id) NOT VALID;
				ALTER TABLE big ADD CONSTRAINT big_id_positive CHECK (id > 0) NOT VALID;""");
		assertThat(safe.findings()).isEmpty();
		assertThat(lint(manager, "ALTER TABLE big VALIDATE CONSTRAINT big_small_fk;").findings()).isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void setNotNullIsFlaggedUnlessAValidatedCheckProvesIt(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		assertThat(lint(manager, "ALTER TABLE big ALTER COLUMN name SET NOT NULL;").findings()).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("set-not-null");
				assertThat(finding.detail())
					.startsWith("column name: no validated CHECK (name IS NOT NULL) proves it; table big:");
				assertThat(finding.rewrite()).contains("CHECK (column IS NOT NULL) NOT VALID", "VALIDATE CONSTRAINT");
			});
		// The check route within the scripts linted: a NOT VALID check, validated later.
		database.script("r1").upgrade("ALTER TABLE big ADD CONSTRAINT big_name_nn CHECK (name IS NOT NULL) NOT VALID;")
			.write();
		database.script("r2").parents("r1").upgrade("""
				ALTER TABLE big VALIDATE CONSTRAINT big_name_nn;
				ALTER TABLE big ALTER COLUMN name SET NOT NULL;
				ALTER TABLE big DROP CONSTRAINT big_name_nn;""").write();
		assertThat(manager.lint().findings()).isEmpty();
		// The check route across releases: the validated check is in the database already.
		database.execute("ALTER TABLE big ADD CONSTRAINT big_name_nn CHECK (name IS NOT NULL)");
		assertThat(lint(manager, "ALTER TABLE big ALTER COLUMN name SET NOT NULL;").findings()).isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void typeChangesThatRewriteAreFlaggedAndBinaryCompatibleOnesAreNot(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		assertThat(lint(manager, "ALTER TABLE big ALTER COLUMN small_id TYPE bigint;").findings()).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("column-type-rewrite");
				assertThat(finding.detail()).startsWith("column small_id from integer to bigint; table big:");
			});
		assertThat(lint(manager, "ALTER TABLE big ALTER COLUMN code SET DATA TYPE varchar(64);").findings()).isEmpty();
		assertThat(lint(manager, "ALTER TABLE big ALTER COLUMN code TYPE text;").findings()).isEmpty();
		assertThat(lint(manager, "ALTER TABLE big ALTER COLUMN code TYPE varchar(8);").findings()).hasSize(1);
		assertThat(lint(manager, "ALTER TABLE big ALTER COLUMN code TYPE text USING upper(code);").findings())
			.singleElement()
			.satisfies((finding) -> assertThat(finding.detail()).contains("with USING, which converts every row"));
	}

	@DatabaseTest(Database.POSTGRESQL)
	void addColumnWithAVolatileDefaultIsFlaggedAndAConstantDefaultIsNotOnPostgres11AndLater(TestDatabase database) {
		tables(database);
		database.execute(
				"CREATE FUNCTION next_token() RETURNS text VOLATILE LANGUAGE sql AS $$ SELECT md5(random()::text) $$");
		MigrationManager manager = manager(database);
		LintReport report = lint(manager, """
				ALTER TABLE big ADD COLUMN token uuid DEFAULT gen_random_uuid();
				ALTER TABLE big ADD COLUMN seq bigserial;
				ALTER TABLE big ADD COLUMN secret text DEFAULT next_token();""");
		assertThat(report.findings()).extracting(LintFinding::rule, LintFinding::line)
			.containsExactly(tuple("add-column-volatile-default", FIRST_LINE),
					tuple("add-column-volatile-default", FIRST_LINE + 1),
					tuple("add-column-volatile-default", FIRST_LINE + 2));
		assertThat(report.findings()).extracting(LintFinding::detail)
			.anySatisfy((detail) -> assertThat(detail).startsWith("column token defaults to gen_random_uuid()"))
			.anySatisfy((detail) -> assertThat(detail).startsWith("column seq defaults to a bigserial column"))
			.anySatisfy((detail) -> assertThat(detail)
				.startsWith("column secret defaults to next_token(), volatile in the database"));
		assertThat(lint(manager, """
				ALTER TABLE big ADD COLUMN status text NOT NULL DEFAULT 'new';
				ALTER TABLE big ADD COLUMN created_at timestamptz DEFAULT now();
				ALTER TABLE big ADD COLUMN note text;""").findings()).isEmpty();
		assertThat(LintRule.ADD_COLUMN_DEFAULT_BEFORE_PG11.appliesTo(database.dialect(), 10)).isTrue();
		assertThat(LintRule.ADD_COLUMN_DEFAULT_BEFORE_PG11.appliesTo(database.dialect(), 15)).isFalse();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void renamesAndDropsOfTablesInUseAreWarningsWhateverTheSize(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		LintReport report = lint(manager, """
				ALTER TABLE small RENAME COLUMN name TO title;
				ALTER TABLE small RENAME TO tiny;
				ALTER TABLE big DROP COLUMN code;
				DROP TABLE IF EXISTS old_small, small CASCADE;""");
		assertThat(report.findings()).extracting(LintFinding::rule, LintFinding::line, LintFinding::severity)
			.containsExactly(tuple("rename-column", FIRST_LINE, LintSeverity.WARNING),
					tuple("rename-table", FIRST_LINE + 1, LintSeverity.WARNING),
					tuple("drop-column", FIRST_LINE + 2, LintSeverity.WARNING),
					tuple("drop-table", FIRST_LINE + 3, LintSeverity.WARNING),
					tuple("drop-table", FIRST_LINE + 3, LintSeverity.WARNING));
		assertThat(report.findings().get(3).detail()).isEqualTo("table old_small is not in the database: size unknown");
		assertThat(report.findings().get(4).detail()).matches("table small exists \\(20 rows \\(counted\\), \\d+ kB\\)");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aDowngradeUndoingItsOwnUpgradeIsNotFlagged(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		String script = """
				-- Add a profile table and a column
				-- revision: r1
				-- down_revision: none

				-- upgrade
				CREATE TABLE profile (id BIGINT PRIMARY KEY, bio TEXT);
				ALTER TABLE big ADD COLUMN nickname TEXT;

				-- downgrade
				ALTER TABLE big DROP COLUMN nickname;
				DROP TABLE profile;
				ALTER TABLE big DROP COLUMN name;
				""";
		assertThat(manager.lintScript("r1.sql", script).findings())
			.extracting(LintFinding::rule, LintFinding::line, LintFinding::section)
			.containsExactly(tuple("drop-column", 12, Direction.DOWNGRADE));
	}

	@DatabaseTest(Database.POSTGRESQL)
	void vacuumFullClusterAndReindexAreFlagged(TestDatabase database) {
		tables(database);
		database.execute("CREATE INDEX big_name_idx ON big (name)");
		MigrationManager manager = manager(database);
		LintReport report = lintNonTransactional(manager, """
				SET lock_timeout = '2s';
				VACUUM (FULL, ANALYZE) big;
				CLUSTER big USING big_name_idx;
				REINDEX INDEX big_name_idx;
				REINDEX TABLE CONCURRENTLY big;
				VACUUM ANALYZE big;""");
		assertThat(report.findings()).extracting(LintFinding::rule, LintFinding::line)
			.containsExactly(tuple("vacuum-full", FIRST_LINE + 1), tuple("cluster", FIRST_LINE + 2),
					tuple("reindex-without-concurrently", FIRST_LINE + 3));
		assertThat(report.findings().get(2).table()).isEqualTo("big");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aNonTransactionalRevisionNeedsALockTimeoutWhenTheEngineSetsNone(TestDatabase database) {
		tables(database);
		MigrationManager withoutTimeout = database
			.manager((builder) -> builder.lintOptions(SMALL_IS_100_ROWS).statementLockTimeout(null));
		String build = "CREATE INDEX CONCURRENTLY big_name ON big (name);";
		assertThat(lintNonTransactional(withoutTimeout, build).findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("non-transactional-without-lock-timeout");
			assertThat(finding.line()).isEqualTo(FIRST_LINE);
			assertThat(finding.table()).isNull();
		});
		assertThat(lintNonTransactional(withoutTimeout, "SET lock_timeout = '3s';\n" + build).findings()).isEmpty();
		assertThat(lintNonTransactional(withoutTimeout, "SELECT set_config('lock_timeout', '3s', false);\n" + build)
			.findings()).isEmpty();
		assertThat(lintNonTransactional(manager(database), build).findings()).isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aTableCreatedInTheSameScriptIsNewAndOneCreatedEarlierInTheSetIsANote(TestDatabase database) {
		MigrationManager manager = manager(database);
		database.script("r1").upgrade("""
				CREATE TABLE account (id BIGINT PRIMARY KEY, email TEXT);
				CREATE INDEX account_email ON account (email);""").downgrade("DROP TABLE account;").write();
		database.script("r2").parents("r1").upgrade("CREATE INDEX account_id_email ON account (id, email);").write();
		LintReport report = manager.lint();
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.revision()).isEqualTo("r2");
			assertThat(finding.severity()).isEqualTo(LintSeverity.NOTE);
			assertThat(finding.detail()).isEqualTo("index account_id_email; table account is created by revision r1 "
					+ "earlier in the scripts linted: new and empty when they run together");
		});
		// Once r1 ran and the table filled, the catalog tells its size.
		manager.migrate("r1");
		database.execute("INSERT INTO account SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 500) g");
		assertThat(manager.lintPending().findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING));
		assertThat(manager.lint(List.of("r2")).findings()).extracting(LintFinding::severity)
			.containsExactly(LintSeverity.WARNING);
	}

	@DatabaseTest(Database.POSTGRESQL)
	void theParserSeesThroughCommentsStringsQuotesAndSchemas(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		String schema = database.schema();
		LintReport report = lint(manager, """
				-- CREATE INDEX not_this ON big (name);
				/* CREATE INDEX nor_this ON big (name); */
				INSERT INTO small (id, name) VALUES (100, 'CREATE INDEX in a string; ALTER TABLE big DROP COLUMN code');
				create /* CONCURRENTLY */ index "Big_Name" on only "%s".big using btree (lower(name));""".formatted(schema));
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("index-without-concurrently");
			assertThat(finding.line()).isEqualTo(FIRST_LINE + 3);
			assertThat(finding.table()).isEqualTo("\"" + schema + "\".big");
			assertThat(finding.detail()).startsWith("index Big_Name; table \"" + schema + "\".big: more than 100 rows");
		});
	}

	@DatabaseTest(Database.POSTGRESQL)
	void anIgnoreHeaderSilencesOneRuleAndTheReportKeepsTheReason(TestDatabase database) {
		tables(database);
		String script = """
				-- Drop the legacy code column
				-- revision: r1
				-- down_revision: none
				-- lint: ignore drop-column the code stopped reading it in release 4.2

				-- upgrade
				ALTER TABLE big DROP COLUMN code;
				CREATE INDEX big_name ON big (name);
				""";
		LintReport report = manager(database).lintScript("r1.sql", script);
		assertThat(report.findings()).extracting(LintFinding::rule).containsExactly("index-without-concurrently");
		assertThat(report.ignored()).singleElement().satisfies((ignored) -> {
			assertThat(ignored.finding().rule()).isEqualTo("drop-column");
			assertThat(ignored.finding().line()).isEqualTo(7);
			assertThat(ignored.reason()).isEqualTo("the code stopped reading it in release 4.2");
			assertThat(ignored.headerLine()).isEqualTo(4);
			assertThat(ignored.describe()).isEqualTo(
					"r1.sql:7: ignored [drop-column] (r1.sql:4 says: the code stopped reading it in release 4.2)");
		});
	}

	@DatabaseTest(Database.POSTGRESQL)
	void anUnknownRuleInAnIgnoreHeaderIsAnErrorNamingFileAndLine(TestDatabase database) {
		Path file = database.script("r1").upgrade("CREATE TABLE t (id INT);").write();
		String text = readString(file).replace("-- transactional: true",
				"-- transactional: true\n-- lint: ignore index-without-concurently typo");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> database.manager().lintScript(file.toString(), text))
			.withMessageStartingWith(file + ":6: unknown lint rule 'index-without-concurently' in 'lint: ignore'; "
					+ "expected one of index-without-concurrently, ");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void withoutADatabaseTheLintSaysSizesAreUnknown(TestDatabase database) {
		PGSimpleDataSource unreachable = new PGSimpleDataSource();
		unreachable.setServerNames(new String[] { "127.0.0.1" });
		unreachable.setPortNumbers(new int[] { 1 });
		unreachable.setUser("postgres");
		MigrationManager manager = MigrationManager.create(unreachable, database.configuration().build());
		LintReport report = lint(manager, "CREATE INDEX big_name ON big (name);\nALTER TABLE big RENAME TO large;");
		assertThat(report.database()).isNull();
		assertThat(report.databaseRead()).isFalse();
		assertThat(report.findings()).extracting(LintFinding::rule, LintFinding::severity, LintFinding::detail)
			.containsExactly(
					tuple("index-without-concurrently", LintSeverity.WARNING,
							"index big_name; size of table big unknown: linted without a database"),
					tuple("rename-table", LintSeverity.WARNING,
							"renamed to large; size of table big unknown: linted without a database"));
		MigrationManager lenient = MigrationManager.create(unreachable, database.configuration()
			.lintOptions(LintOptions.defaults().withUnknownSize(LintSeverity.NOTE))
			.build());
		assertThat(lint(lenient, "CREATE INDEX big_name ON big (name);").findings()).extracting(LintFinding::severity)
			.containsExactly(LintSeverity.NOTE);
	}

	@DatabaseTest(Database.POSTGRESQL)
	void javaMigrationsAreNotLintedAndFilesAreReadFromDisk(TestDatabase database) {
		tables(database);
		Path file = database.script("r1").upgrade("CREATE INDEX big_name ON big (name);").write();
		MigrationManager manager = database.manager((builder) -> builder.lintOptions(SMALL_IS_100_ROWS)
			.javaMigrations(List.of(new IndexInJava())));
		assertThat(manager.migrations()).extracting(MigrationInfo::revision).containsExactly("r1", "j2");
		LintReport report = manager.lint();
		assertThat(report.database()).startsWith("PostgreSQL ");
		assertThat(report.findings()).extracting(LintFinding::revision, LintFinding::file, LintFinding::line)
			.containsExactly(tuple("r1", "filesystem:" + file, 8));
		assertThat(manager.lintScript(file).findings()).extracting(LintFinding::file, LintFinding::line)
			.containsExactly(tuple(file.toString(), 8));
	}

	@DatabaseTest(Database.DUCKDB)
	void onDuckDbTheIndexRuleSaysThereIsNoConcurrentBuildAndLockRulesDoNotApply(TestDatabase database) {
		tables(database);
		MigrationManager manager = manager(database);
		LintReport report = lint(manager, """
				CREATE INDEX big_name ON big (name);
				CREATE INDEX small_name ON small (name);
				ALTER TABLE big ALTER COLUMN name SET NOT NULL;
				ALTER TABLE big ADD COLUMN token UUID DEFAULT gen_random_uuid();
				ALTER TABLE big RENAME COLUMN code TO label;""");
		assertThat(report.database()).startsWith("DuckDB");
		assertThat(report.findings()).extracting(LintFinding::rule, LintFinding::severity, LintFinding::line)
			.containsExactly(tuple("index-without-concurrently", LintSeverity.WARNING, FIRST_LINE),
					tuple("index-without-concurrently", LintSeverity.NOTE, FIRST_LINE + 1),
					tuple("rename-column", LintSeverity.WARNING, FIRST_LINE + 4));
		LintFinding index = report.findings().get(0);
		assertThat(index.rewrite()).startsWith("DuckDB has no CREATE INDEX CONCURRENTLY").doesNotContain("transactional");
		assertThat(index.detail()).isEqualTo("index big_name; table big: about 150 rows, over the small-table "
				+ "threshold of 100 rows / 10.0 MB");
	}

	/**
	 * A Java migration building an index: its SQL is not known before it runs.
	 */
	static class IndexInJava implements JavaMigration {

		@Override
		public String revision() {
			return "j2";
		}

		@Override
		public List<String> downRevisions() {
			return List.of("r1");
		}

		@Override
		public String message() {
			return "Index the codes";
		}

		@Override
		public void upgrade(MigrationContext context) throws Exception {
			context.execute("CREATE INDEX big_code ON big (code)");
		}

	}

	/**
	 * A table of 20 rows and one of 150, over the tests' threshold of 100.
	 */
	private static void tables(TestDatabase database) {
		database.execute("CREATE TABLE small (id INTEGER NOT NULL, name VARCHAR(100))",
				"INSERT INTO small SELECT g, 'name ' || g FROM generate_series(1, 20) g",
				"CREATE TABLE big (id INTEGER NOT NULL, name VARCHAR(100), small_id INTEGER, code VARCHAR(16))",
				"INSERT INTO big SELECT g, 'name ' || g, 1 + g % 20, 'c' || g FROM generate_series(1, 150) g");
	}

	private static MigrationManager manager(TestDatabase database) {
		return database.manager((builder) -> builder.lintOptions(SMALL_IS_100_ROWS));
	}

	private static LintReport lint(MigrationManager manager, String upgrade) {
		return manager.lintScript("r1.sql", script(upgrade, true));
	}

	private static LintReport lintNonTransactional(MigrationManager manager, String upgrade) {
		return manager.lintScript("r1.sql", script(upgrade, false));
	}

	/**
	 * A script whose upgrade SQL starts on line {@link #FIRST_LINE}.
	 */
	private static String script(String upgrade, boolean transactional) {
		return "-- Lint me\n-- revision: r1\n-- down_revision: none\n-- transactional: " + transactional
				+ "\n-- upgrade\n" + upgrade + "\n";
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
