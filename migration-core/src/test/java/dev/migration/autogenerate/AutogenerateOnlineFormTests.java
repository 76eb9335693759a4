package dev.migration.autogenerate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.authoring.CreatedRevision;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.lint.LintFinding;
import dev.migration.lint.LintReport;
import dev.migration.testing.Database;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that autogenerate writes the online form of the changes that have one on
 * PostgreSQL, in a {@code transactional: false} revision that the lint passes and that
 * migrates and rolls back: an index on an existing table built {@code CONCURRENTLY}, a
 * foreign key and a check added {@code NOT VALID} and validated by the next statement.
 * A revision that mixes them with other changes, and DuckDB, keep the plain form, which
 * the lint flags.
 */
class AutogenerateOnlineFormTests {

	private static final String TABLES = """
			CREATE TABLE customers (id integer PRIMARY KEY, name text);
			CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, status text, total integer);
			""";

	private static final String INDEX_KEY_AND_CHECK = TABLES + """
			CREATE INDEX orders_status_idx ON orders (status);
			ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
			ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
			""";

	@TempDir
	Path directory;

	@Test
	void onPostgresqlAnIndexAKeyAndACheckOnAnExistingTableAreWrittenOnline() throws IOException {
		try (TestDatabase database = TestDatabase.open(Database.POSTGRESQL)) {
			filledTables(database, UnaryOperator.identity());
			CreatedRevision created = author(database, INDEX_KEY_AND_CHECK, UnaryOperator.identity())
				.create("Online", true)
				.orElseThrow();
			String script = Files.readString(created.path());
			assertThat(script).contains("-- transactional: false\n")
				.doesNotContain("lock_timeout")
				.contains("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n")
				.contains("ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) "
						+ "REFERENCES customers (id) NOT VALID;\n"
						+ "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fkey;\n")
				.contains("ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK ((total >= 0)) NOT VALID;\n"
						+ "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n")
				.contains("-- downgrade\nALTER TABLE orders DROP CONSTRAINT orders_customer_fkey;\n"
						+ "DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;\n");
			MigrationManager manager = manager(database, UnaryOperator.identity());
			LintReport lint = manager.lintScript(created.path());
			assertThat(lint.findings()).as(describe(lint)).isEmpty();
			manager.migrate();
			assertThat(author(database, INDEX_KEY_AND_CHECK, UnaryOperator.identity()).drift()).isEmpty();
			manager.rollback("-1");
			assertThat(author(database, TABLES, UnaryOperator.identity()).drift()).isEmpty();
		}
	}

	@Test
	void withoutTheEnginesLockTimeoutTheOnlineRevisionSetsItsOwn() throws IOException {
		try (TestDatabase database = TestDatabase.open(Database.POSTGRESQL)) {
			UnaryOperator<MigrationConfiguration.Builder> noTimeout = (builder) -> builder.statementLockTimeout(null);
			filledTables(database, noTimeout);
			CreatedRevision created = author(database, TABLES + "CREATE INDEX orders_status_idx ON orders (status);",
					noTimeout)
				.create("Index", true)
				.orElseThrow();
			String script = Files.readString(created.path());
			assertThat(script).contains("-- upgrade\nSET lock_timeout = '5000ms';\nCREATE INDEX CONCURRENTLY")
				.contains("-- downgrade\nSET lock_timeout = '5000ms';\nDROP INDEX CONCURRENTLY");
			MigrationManager manager = manager(database, noTimeout);
			assertThat(manager.lintScript(created.path()).findings()).isEmpty();
			assertThat(manager.migrate().migrations()).hasSize(1);
		}
	}

	@Test
	void onPostgresqlARevisionMixingOtherChangesKeepsItsTransactionAndTheLintFlagsTheIndex() throws IOException {
		try (TestDatabase database = TestDatabase.open(Database.POSTGRESQL)) {
			filledTables(database, UnaryOperator.identity());
			CreatedRevision created = author(database,
					TABLES + "CREATE INDEX orders_status_idx ON orders (status);\nCREATE TABLE notes (id integer);",
					UnaryOperator.identity())
				.create("Mixed", true)
				.orElseThrow();
			String script = Files.readString(created.path());
			assertThat(script).doesNotContain("transactional: false", "CONCURRENTLY");
			// The downgrade's DROP INDEX too.
			assertThat(manager(database, UnaryOperator.identity()).lintScript(created.path()).warnings())
				.extracting(LintFinding::rule)
				.containsExactly("index-without-concurrently", "drop-index-without-concurrently");
		}
	}

	@Test
	void onDuckDbAnIndexKeepsThePlainForm() throws IOException {
		try (TestDatabase database = TestDatabase.open(Database.DUCKDB)) {
			filledTables(database, UnaryOperator.identity());
			CreatedRevision created = author(database, TABLES + "CREATE INDEX orders_status_idx ON orders (status);",
					UnaryOperator.identity())
				.create("Index", true)
				.orElseThrow();
			String script = Files.readString(created.path());
			assertThat(script).doesNotContain("transactional: false", "CONCURRENTLY")
				.contains("CREATE INDEX orders_status_idx ON orders (status)");
			assertThat(manager(database, UnaryOperator.identity()).lintScript(created.path()).warnings())
				.extracting(LintFinding::rule)
				.containsExactly("index-without-concurrently");
		}
	}

	/**
	 * Autogenerates and applies the tables, then fills orders with 20,000 rows: over the
	 * default small-table threshold.
	 */
	private void filledTables(TestDatabase database, UnaryOperator<MigrationConfiguration.Builder> customizer)
			throws IOException {
		author(database, TABLES, customizer).create("Tables", true).orElseThrow();
		manager(database, customizer).migrate();
		database.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 10) g",
				"INSERT INTO orders SELECT g, 1 + g % 10, 'new', g FROM generate_series(1, 20000) g");
	}

	private MigrationAuthor author(TestDatabase database, String model,
			UnaryOperator<MigrationConfiguration.Builder> customizer) throws IOException {
		Path modelFile = Files.createDirectories(this.directory.resolve("model")).resolve("schema.sql");
		Files.writeString(modelFile, model);
		return MigrationAuthor.create(database.dataSource(), configuration(database, customizer), sources(),
				List.of("filesystem:" + modelFile));
	}

	private MigrationManager manager(TestDatabase database, UnaryOperator<MigrationConfiguration.Builder> customizer) {
		return MigrationManager.create(database.dataSource(), configuration(database, customizer));
	}

	private MigrationConfiguration configuration(TestDatabase database,
			UnaryOperator<MigrationConfiguration.Builder> customizer) {
		return customizer
			.apply(MigrationConfiguration.builder().locations("filesystem:" + sources()).schema(database.schema()))
			.build();
	}

	private Path sources() {
		return this.directory.resolve("scripts");
	}

	private static String describe(LintReport lint) {
		return lint.findings().stream().map(LintFinding::describe).toList().toString();
	}

}
