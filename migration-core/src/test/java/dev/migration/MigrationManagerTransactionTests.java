package dev.migration;

import java.nio.file.Path;
import java.util.List;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for migrations declared {@code transactional: false} and for PostgreSQL
 * scripts that need its full syntax.
 */
class MigrationManagerTransactionTests {

	@DatabaseTest(Database.POSTGRESQL)
	void nonTransactionalMigrationCreatesAnIndexConcurrently(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER, email VARCHAR(100));", "DROP TABLE users;");
		database.script("r2")
			.parents("r1")
			.nonTransactional()
			.upgrade("CREATE INDEX CONCURRENTLY users_email ON users (email);")
			.downgrade("DROP INDEX CONCURRENTLY users_email;")
			.write();
		MigrationManager manager = database.manager();
		assertThat(manager.migrations().get(1).transactional()).isFalse();
		manager.migrate();
		assertThat(indexesOfUsers(database)).containsExactly("users_email");
		manager.rollback();
		assertThat(indexesOfUsers(database)).isEmpty();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void concurrentIndexInATransactionalScriptIsRefusedBeforeAnythingRuns(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER);", "DROP TABLE users;");
		Path second = database.write("r2", "r1", "CREATE INDEX CONCURRENTLY users_id ON users (id);", null);
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("filesystem:" + second + ":8: ")
			.withMessageContaining("transactional: false");
		assertThat(database.allTables()).isEmpty();
	}

	@DatabaseTest
	void failingNonTransactionalMigrationReportsWhatStayedCommitted(TestDatabase database) {
		database.writeTable("r1", null);
		Path second = database.script("r2")
			.parents("r1")
			.nonTransactional()
			.upgrade("""
					CREATE TABLE t_a (id INTEGER);
					CREATE TABLE t_b (id INTEGER);
					INSERT INTO no_such_table VALUES (1);""")
			.write();
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
			.withMessageStartingWith("Upgrade of revision r2 (filesystem:" + second
					+ ") failed at statement 3 (line 10: INSERT INTO no_such_table VALUES (1)): ")
			.withMessageEndingWith(". The migration is declared transactional: false, so statements 1 to 2 stay "
					+ "committed and the revision is NOT recorded as applied. A migrate will refuse to run it from "
					+ "statement 1 again: fix the cause, then resume it after statement 2 with resume(\"r2\", "
					+ "options), or complete it by hand and record it with a mark-applied repair");
		assertThat(database.tables()).containsExactly("t_a", "t_b", "t_r1");
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(manager.history().get(0).success()).isFalse();
	}

	@DatabaseTest(Database.POSTGRESQL)
	void plpgsqlFunctionAndTriggerAreCreatedAndFire(TestDatabase database) {
		database.write("r1", null, """
				CREATE TABLE accounts (
				    id INTEGER PRIMARY KEY,
				    name TEXT NOT NULL,
				    updated_at TIMESTAMPTZ
				);

				-- A function body with semicolons, quotes and a nested dollar quote.
				CREATE FUNCTION touch_updated_at() RETURNS trigger
				LANGUAGE plpgsql AS $fn$
				BEGIN
				    IF NEW.name = 'it''s; tricky' THEN
				        RAISE NOTICE 'semicolon; inside';
				    END IF;
				    NEW.updated_at := now();
				    NEW.name := NEW.name || $x$;touched$x$;
				    RETURN NEW;
				END;
				$fn$;

				CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON accounts
				FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
				""", """
				DROP TRIGGER accounts_touch ON accounts;
				DROP FUNCTION touch_updated_at();
				DROP TABLE accounts;
				""");
		MigrationManager manager = database.manager();
		manager.migrate();
		database.execute("INSERT INTO accounts (id, name) VALUES (1, 'it''s; tricky')");
		assertThat(database.queryForList("SELECT name FROM accounts")).containsExactly("it's; tricky;touched");
		assertThat(database.queryForLong("SELECT count(*) FROM accounts WHERE updated_at IS NOT NULL")).isOne();
		// The table holds a row now: dropping it is data loss, accepted here.
		manager.rollback("base", RollbackOptions.defaults().withAllowDataLoss());
		assertThat(database.tables()).isEmpty();
		assertThat(database.queryForLong("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
				+ " WHERE n.nspname = '" + database.schema() + "'")).isZero();
	}

	private static List<String> indexesOfUsers(TestDatabase database) {
		return database.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'users' AND schemaname = '"
				+ database.schema() + "'");
	}

}
