package dev.migration.autogenerate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.authoring.CreatedRevision;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.operation.Column;
import dev.migration.operation.EnumType;
import dev.migration.operation.Index;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.operation.Sequence;
import dev.migration.testing.Database;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autogenerate on real PostgreSQL and DuckDB for enum types, sequences, serial and
 * identity columns, comments, expression and partial indexes and defaults: each model
 * change is generated, applied, leaves no difference behind, and its downgrade restores
 * the schema before.
 */
class AutogeneratorTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Database.class)
	void enumTypeIsCreatedBeforeItsColumnsAndDroppedAfterThem(Database kind) throws IOException {
		String script = roundTrip(kind, "CREATE TABLE people (id integer PRIMARY KEY);", """
				CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
				CREATE TABLE people (id integer PRIMARY KEY, mood mood DEFAULT 'ok');
				CREATE TABLE diary (id integer PRIMARY KEY, mood mood NOT NULL);
				""", (after) -> {
			assertThat(after.enumTypes()).containsValue(new EnumType("mood", List.of("sad", "ok", "happy")));
			assertThat(after.require("diary").column("mood").orElseThrow().type())
				.isEqualTo((kind == Database.POSTGRESQL) ? "mood" : "ENUM('sad', 'ok', 'happy')");
		});
		assertThat(upgrade(script).indexOf("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"))
			.isNotNegative()
			.isLessThan(upgrade(script).indexOf("CREATE TABLE diary"));
		assertThat(downgrade(script).indexOf("DROP TYPE mood")).isGreaterThan(downgrade(script).indexOf("DROP TABLE diary"));
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void enumValuesAddedAreAddedInPlaceAndTheDowngradeRecreatesTheType(Database kind) throws IOException {
		String script = roundTrip(kind, """
				CREATE TYPE mood AS ENUM ('sad', 'ok');
				CREATE TABLE people (id integer PRIMARY KEY, mood mood DEFAULT 'ok');
				""", """
				CREATE TYPE mood AS ENUM ('meh', 'sad', 'so-so', 'ok', 'happy');
				CREATE TABLE people (id integer PRIMARY KEY, mood mood DEFAULT 'ok');
				""", (after) -> assertThat(after.enumTypes().get("mood").values()).containsExactly("meh", "sad",
						"so-so", "ok", "happy"));
		assertThat(script).contains("-- REVIEW: enum type mood gets value(s) [meh, so-so, happy]");
		if (kind == Database.POSTGRESQL) {
			assertThat(upgrade(script)).contains("ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad';",
					"ALTER TYPE mood ADD VALUE 'so-so' AFTER 'sad';", "ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';");
			assertThat(downgrade(script)).contains("ALTER TYPE mood RENAME TO mood__old;",
					"ALTER TABLE people ALTER COLUMN mood TYPE mood USING mood::text::mood;", "DROP TYPE mood__old;");
		}
	}

	@Test
	void enumValueRemovedRecreatesTheTypeWithAReviewNoteOnPostgresql() throws IOException {
		String script = roundTrip(Database.POSTGRESQL, """
				CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
				CREATE TABLE people (id integer PRIMARY KEY, mood mood NOT NULL DEFAULT 'ok', moods mood[]);
				""", """
				CREATE TYPE mood AS ENUM ('sad', 'ok');
				CREATE TABLE people (id integer PRIMARY KEY, mood mood NOT NULL DEFAULT 'ok', moods mood[]);
				""", (after) -> assertThat(after.enumTypes().get("mood").values()).containsExactly("sad", "ok"));
		assertThat(script).contains("-- REVIEW: enum type mood loses or reorders value(s) [happy]");
		assertThat(upgrade(script)).contains("ALTER TABLE people ALTER COLUMN moods TYPE mood[] USING moods::text[]::mood[];");
		assertThat(downgrade(script)).contains("ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';");
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void sequenceIsCreatedBeforeTheTableThatDrawsFromItAndDroppedAfterIt(Database kind) throws IOException {
		String script = roundTrip(kind, "CREATE TABLE notes (id integer PRIMARY KEY);", """
				CREATE SEQUENCE order_numbers START WITH 100 INCREMENT BY 5;
				CREATE TABLE notes (id integer PRIMARY KEY);
				CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('order_numbers'), total integer);
				""", (after) -> {
			assertThat(after.sequences()).containsValue(new Sequence("order_numbers", 100, 5));
			assertThat(after.require("orders").column("id").orElseThrow().defaultExpression()).contains("nextval(");
		});
		assertThat(upgrade(script).indexOf("CREATE SEQUENCE order_numbers START WITH 100 INCREMENT BY 5"))
			.isNotNegative()
			.isLessThan(upgrade(script).indexOf("CREATE TABLE orders"));
		assertThat(downgrade(script).indexOf("DROP SEQUENCE order_numbers"))
			.isGreaterThan(downgrade(script).indexOf("DROP TABLE orders"));
	}

	@Test
	void serialAndIdentityColumnsAreNoFalseDifferenceOnPostgresql() throws IOException {
		String script = roundTrip(Database.POSTGRESQL, """
				CREATE TABLE notes (id serial PRIMARY KEY);
				""", """
				CREATE TABLE notes (id serial PRIMARY KEY, n integer GENERATED BY DEFAULT AS IDENTITY);
				CREATE TABLE orders (id bigserial PRIMARY KEY, number integer GENERATED ALWAYS AS IDENTITY,
					line smallserial, total integer);
				""", (after) -> {
			assertThat(after.require("orders").columns()).extracting(Column::type)
				.containsExactly("bigserial", "integer", "smallserial", "integer");
			assertThat(after.require("orders").column("number").orElseThrow().identity())
				.isEqualTo(Column.Identity.ALWAYS);
			assertThat(after.sequences()).isEmpty();
		});
		assertThat(upgrade(script)).contains("id bigserial NOT NULL", "number integer GENERATED ALWAYS AS IDENTITY NOT NULL",
				"ALTER TABLE notes ADD COLUMN n integer GENERATED BY DEFAULT AS IDENTITY NOT NULL");
		assertThat(upgrade(script)).doesNotContain("nextval");
	}

	@Test
	void identityChangesAreAlteredInPlaceOnPostgresql() throws IOException {
		String script = roundTrip(Database.POSTGRESQL, """
				CREATE TABLE notes (id integer PRIMARY KEY, a integer GENERATED BY DEFAULT AS IDENTITY, b integer NOT NULL);
				""", """
				CREATE TABLE notes (id integer PRIMARY KEY, a integer GENERATED ALWAYS AS IDENTITY,
					b integer GENERATED BY DEFAULT AS IDENTITY);
				""", (after) -> assertThat(after.require("notes").columns()).extracting(Column::identity)
					.containsExactly(null, Column.Identity.ALWAYS, Column.Identity.BY_DEFAULT));
		assertThat(upgrade(script)).contains("ALTER TABLE notes ALTER COLUMN a SET GENERATED ALWAYS;",
				"ALTER TABLE notes ALTER COLUMN b ADD GENERATED BY DEFAULT AS IDENTITY;");
		assertThat(downgrade(script)).contains("ALTER TABLE notes ALTER COLUMN b DROP IDENTITY;");
	}

	@Test
	void columnCommentsAreAddedChangedAndRemovedOnPostgresql() throws IOException {
		String script = roundTrip(Database.POSTGRESQL, """
				CREATE TABLE people (id integer PRIMARY KEY, name text, email text);
				COMMENT ON COLUMN people.email IS 'Old comment';
				""", """
				CREATE TABLE people (id integer PRIMARY KEY, name text, email text);
				COMMENT ON COLUMN people.name IS 'The person''s full name';
				CREATE TABLE pets (id integer PRIMARY KEY, owner text);
				COMMENT ON COLUMN pets.owner IS 'Who feeds it';
				""", (after) -> assertThat(after.require("people").columns()).extracting(Column::comment)
					.containsExactly(null, "The person's full name", null));
		assertThat(upgrade(script)).contains("COMMENT ON COLUMN people.name IS 'The person''s full name';",
				"COMMENT ON COLUMN people.email IS NULL;", "COMMENT ON COLUMN pets.owner IS 'Who feeds it';");
	}

	@Test
	void expressionAndPartialIndexesAreNoFalseDifferenceOnPostgresql() throws IOException {
		String script = roundTrip(Database.POSTGRESQL, """
				CREATE TABLE people (id integer PRIMARY KEY, email varchar(100), deleted_at timestamp);
				""", """
				CREATE TABLE people (id integer PRIMARY KEY, email varchar(100), deleted_at timestamp);
				CREATE INDEX ON people (lower(email));
				CREATE UNIQUE INDEX people_live_email ON people (email) WHERE deleted_at IS NULL;
				CREATE INDEX people_cast ON people ((email::text), (id + 1)) WHERE email LIKE '%@example.com';
				""", (after) -> {
			assertThat(after.require("people").indexes()).extracting(Index::name)
				.containsExactlyInAnyOrder("people_lower_idx", "people_live_email", "people_cast");
			assertThat(after.require("people").indexes()).filteredOn((index) -> index.name().equals("people_live_email"))
				.singleElement()
				.satisfies((index) -> assertThat(index.where()).isEqualTo("(deleted_at IS NULL)"));
		});
		// Indexes alone on an existing table: the online form, outside a transaction.
		assertThat(script).contains("-- transactional: false\n");
		assertThat(upgrade(script)).contains("CREATE INDEX CONCURRENTLY people_lower_idx ON people ((lower(email::text)));",
				"CREATE UNIQUE INDEX CONCURRENTLY people_live_email ON people (email) WHERE (deleted_at IS NULL);",
				"CREATE INDEX CONCURRENTLY people_cast ON people ((email::text), (id + 1)) "
						+ "WHERE ((email)::text ~~ '%@example.com'::text);");
	}

	@Test
	void severalChangesOfOneTableShareOneRebuildOnDuckDb() throws IOException {
		String script = roundTrip(Database.DUCKDB, """
				CREATE TABLE customers (id integer PRIMARY KEY, name VARCHAR);
				CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id),
					total integer, note VARCHAR, status VARCHAR);
				CREATE INDEX orders_status_idx ON orders (status);
				""", """
				CREATE TABLE customers (id integer PRIMARY KEY, name VARCHAR);
				CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers (id),
					total bigint NOT NULL DEFAULT 0 CHECK (total >= 0), status VARCHAR, UNIQUE (id, status));
				CREATE INDEX orders_status_idx ON orders (status);
				""", (after) -> assertThat(after.require("orders").checkConstraints()).hasSize(1));
		assertThat(upgrade(script).split("-- DuckDB has no ALTER for this: rebuild", -1)).hasSize(2);
	}

	@Test
	void defaultsInThePostgresqlRenderingAreNoFalseDifference() throws IOException {
		defaultsAreNoFalseDifference(Database.POSTGRESQL, "timestamptz DEFAULT now()",
				"timestamp DEFAULT current_timestamp", "boolean DEFAULT false", "text DEFAULT 'x'",
				"text DEFAULT 'x'::text", "varchar(10) DEFAULT 'it''s'", "numeric(8,2) DEFAULT 0",
				"numeric(8,2) DEFAULT '1.50'::numeric", "jsonb DEFAULT '{}'::jsonb", "date DEFAULT CURRENT_DATE",
				"integer DEFAULT (1 + 2)", "uuid DEFAULT gen_random_uuid()", "text[] DEFAULT '{}'",
				"bigint DEFAULT -1");
	}

	@Test
	void defaultsInTheDuckDbRenderingAreNoFalseDifference() throws IOException {
		defaultsAreNoFalseDifference(Database.DUCKDB, "TIMESTAMP DEFAULT now()", "TIMESTAMP DEFAULT current_timestamp",
				"BOOLEAN DEFAULT false", "VARCHAR DEFAULT 'x'", "VARCHAR DEFAULT 'x'::VARCHAR",
				"VARCHAR DEFAULT 'it''s'", "DECIMAL(8,2) DEFAULT 0", "INTEGER DEFAULT (1 + 2)", "BIGINT DEFAULT -1");
	}

	/**
	 * One column per default: the drift check after the upgrade names the column of a
	 * default that compares as a false difference.
	 */
	private void defaultsAreNoFalseDifference(Database kind, String... definitions) throws IOException {
		StringBuilder columns = new StringBuilder();
		for (int i = 0; i < definitions.length; i++) {
			columns.append(", c").append(i).append(' ').append(definitions[i]);
		}
		roundTrip(kind, "CREATE TABLE t (id integer PRIMARY KEY);",
				"CREATE TABLE t (id integer PRIMARY KEY" + columns + ");",
				(after) -> assertThat(after.require("t").columns()).hasSize(definitions.length + 1)
					.allSatisfy((column) -> assertThat(column.defaultExpression() != null || column.name().equals("id"))
						.as("default of %s", column.name())
						.isTrue()));
	}

	/**
	 * Migrates to the first model, then autogenerates the second and checks it: applied,
	 * no difference is left, and its downgrade restores the first schema.
	 * @return the script of the second revision
	 */
	private String roundTrip(Database kind, String firstModel, String secondModel,
			java.util.function.Consumer<SchemaSnapshot> checkAfter) throws IOException {
		try (TestDatabase database = TestDatabase.open(kind)) {
			author(database, firstModel).create("First", true).orElseThrow();
			manager(database).migrate("head");
			assertThat(author(database, firstModel).drift()).as("drift after the first model").isEmpty();
			SchemaSnapshot first = database.snapshot(excluded());
			MigrationAuthor author = author(database, secondModel);
			CreatedRevision second = author.create("Second", true).orElseThrow();
			String script = Files.readString(second.path());
			manager(database).migrate("head");
			assertThat(author.drift()).as("drift after the second model, script:%n%s", script).isEmpty();
			checkAfter.accept(database.snapshot(excluded()));
			manager(database).rollback("-1");
			assertThat(TestDatabase.normalized(database.snapshot(excluded())))
				.as("schema after the downgrade, script:%n%s", script)
				.isEqualTo(TestDatabase.normalized(first));
			manager(database).rollback("base");
			SchemaSnapshot base = database.snapshot(excluded());
			assertThat(base.tables()).isEmpty();
			assertThat(base.enumTypes()).isEmpty();
			assertThat(base.sequences()).isEmpty();
			return script;
		}
	}

	private static String upgrade(String script) {
		return script.substring(0, script.indexOf("-- downgrade"));
	}

	private static String downgrade(String script) {
		return script.substring(script.indexOf("-- downgrade"));
	}

	private MigrationAuthor author(TestDatabase database, String model) throws IOException {
		Path modelFile = Files.createDirectories(this.directory.resolve("model")).resolve("schema.sql");
		Files.writeString(modelFile, model);
		return MigrationAuthor.create(database.dataSource(), configuration(database), sources(),
				List.of("filesystem:" + modelFile));
	}

	private MigrationManager manager(TestDatabase database) {
		return MigrationManager.create(database.dataSource(), configuration(database));
	}

	private MigrationConfiguration configuration(TestDatabase database) {
		return MigrationConfiguration.builder().locations("filesystem:" + sources()).schema(database.schema()).build();
	}

	private static Set<String> excluded() {
		return TestDatabase.historyNames();
	}

	private Path sources() {
		return this.directory.resolve("src/main/resources/db/migration");
	}

}
