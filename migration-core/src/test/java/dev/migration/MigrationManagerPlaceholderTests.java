package dev.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for placeholders in SQL scripts, on the real databases: a project ported from
 * Flyway with its {@code ${name}} placeholders.
 */
class MigrationManagerPlaceholderTests {

	private static final Map<String, String> VALUES = Map.of("prefix", "acme_", "default_region", "eu");

	private static void writeFlywayStyleProject(TestDatabase database) {
		database.write("r1", null,
				"CREATE TABLE ${prefix}customers (id INTEGER PRIMARY KEY, region VARCHAR(10) DEFAULT '${default_region}');",
				"DROP TABLE ${prefix}customers;");
		database.write("r2", "r1",
				"CREATE TABLE ${prefix}audit (revision VARCHAR(20), note VARCHAR(50), logged_to VARCHAR(50));\n"
						+ "INSERT INTO ${migration:schema}.${prefix}audit VALUES ('${migration:revision}', "
						+ "'$${kept}', '${migration:table}');",
				"DROP TABLE ${prefix}audit;");
	}

	@DatabaseTest
	void placeholdersAreReplacedInUpgradesAndDowngrades(TestDatabase database) {
		writeFlywayStyleProject(database);
		MigrationManager manager = database.manager((builder) -> builder.placeholders(VALUES));
		manager.migrate();
		assertThat(database.tables()).containsExactly("acme_audit", "acme_customers");
		assertThat(database.queryForList("SELECT revision || ' ' || note || ' ' || logged_to FROM acme_audit"))
			.containsExactly("r2 ${kept} migration_history");
		database.execute("INSERT INTO acme_customers (id) VALUES (1)");
		assertThat(database.queryForList("SELECT region FROM acme_customers")).containsExactly("eu");
		manager.rollback("base", RollbackOptions.defaults().withAllowDataLoss());
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest
	void anUnknownPlaceholderStopsTheRunBeforeAnythingIsApplied(TestDatabase database) {
		writeFlywayStyleProject(database);
		Path third = database.write("r3", "r2", "CREATE TABLE ${prefix}orders (id INTEGER);\n"
				+ "GRANT SELECT ON ${prefix}orders TO ${reporting_role};", "DROP TABLE ${prefix}orders;");
		MigrationManager manager = database.manager((builder) -> builder.placeholders(VALUES));
		assertThatExceptionOfType(ScriptException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("filesystem:" + third + ":9: unknown placeholder '${reporting_role}'; configured: "
					+ "default_region, prefix");
		assertThat(database.tables()).isEmpty();
		assertThat(manager.currentRevisions()).isEmpty();
		assertThat(manager.verify().problems()).extracting(VerifyReport.Problem::detail)
			.anyMatch((message) -> message.contains("unknown placeholder '${reporting_role}'"));
	}

	@DatabaseTest
	void anotherValueInAnotherEnvironmentIsNotAnEdit(TestDatabase database) {
		writeFlywayStyleProject(database);
		database.manager((builder) -> builder.placeholders(VALUES)).migrate();
		MigrationManager staging = database
			.manager((builder) -> builder.placeholders(Map.of("prefix", "other_", "default_region", "us")));
		assertThat(staging.verify().problems()).isEmpty();
		assertThat(staging.migrate().migrations()).isEmpty();
	}

	@DatabaseTest
	void theStoredDowngradeIsTheReplacedTextAndRunsWithoutTheConfiguration(TestDatabase database) throws Exception {
		writeFlywayStyleProject(database);
		database.manager((builder) -> builder.placeholders(VALUES)).migrate();
		// A build without r2's file and without the placeholders rolls it back from what was stored.
		Files.delete(database.scriptDirectory().resolve("r2.sql"));
		MigrationManager older = database.manager();
		older.rollback("r1", RollbackOptions.defaults().withAllowDataLoss());
		assertThat(database.tables()).containsExactly("acme_customers");
	}

	@DatabaseTest
	void aStampStoresTheReplacedDowngrade(TestDatabase database) throws Exception {
		writeFlywayStyleProject(database);
		database.execute("CREATE TABLE acme_customers (id INTEGER PRIMARY KEY)");
		database.execute("CREATE TABLE acme_audit (revision VARCHAR(20))");
		database.manager((builder) -> builder.placeholders(VALUES)).stamp("head");
		// Rolled back by a build without the files or the placeholders: from what the stamp stored.
		Files.delete(database.scriptDirectory().resolve("r2.sql"));
		Files.delete(database.scriptDirectory().resolve("r1.sql"));
		database.manager().rollback("base", RollbackOptions.defaults().withAllowDataLoss());
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest
	void dryRunsAndOfflineSqlShowTheReplacedText(TestDatabase database) {
		writeFlywayStyleProject(database);
		MigrationManager manager = database.manager((builder) -> builder.placeholders(VALUES));
		MigrationResult dryRun = manager.migrate("head", true);
		assertThat(String.join("\n", dryRun.planned().get(0).statements())).contains("CREATE TABLE acme_customers")
			.doesNotContain("${");
		assertThat(manager.sql("base:head", database.dialect())).contains("CREATE TABLE acme_audit")
			.contains("INSERT INTO " + database.schema() + ".acme_audit VALUES ('r2', '${kept}', 'migration_history')")
			.doesNotContain("${prefix}");
		assertThat(database.tables()).isEmpty();
	}

	@DatabaseTest
	void aScriptFullOfDollarBracesOptsOut(TestDatabase database) {
		database.script("r1")
			.upgrade("CREATE TABLE templates (body VARCHAR(50));\nINSERT INTO templates VALUES ('Dear ${name}');")
			.downgrade("DROP TABLE templates;")
			.placeholders(false)
			.write();
		database.manager().migrate();
		assertThat(database.queryForList("SELECT body FROM templates")).containsExactly("Dear ${name}");
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aFunctionBodyMixesDollarQuotesAndPlaceholders(TestDatabase database) {
		database.write("r1", null, """
				CREATE FUNCTION ${migration:schema}.greet(name text) RETURNS text AS $body$
				BEGIN
				  RETURN '${greeting}, ' || name || ' as ${migration:user}; $${literal}';
				END;
				$body$ LANGUAGE plpgsql;""", "DROP FUNCTION ${migration:schema}.greet(text);");
		database.manager((builder) -> builder.placeholders(Map.of("greeting", "Hello"))).migrate();
		assertThat(database.queryForList("SELECT " + database.schema() + ".greet('Ann')"))
			.containsExactly("Hello, Ann as postgres; ${literal}");
	}

	@DatabaseTest(Database.DUCKDB)
	void theUserIsAnErrorOnADatabaseWithoutUsers(TestDatabase database) {
		Path script = database.write("r1", null, "CREATE TABLE t (owner VARCHAR(20) DEFAULT '${migration:user}');",
				"DROP TABLE t;");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(database.manager()::migrate)
			.withMessageStartingWith("filesystem:" + script + ":8: placeholder '${migration:user}' has no value");
		assertThat(database.tables()).isEmpty();
	}

}
