package dev.migration;

import java.util.ArrayList;
import java.util.List;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JavaMigration}s given to the configuration, run on real databases
 * beside SQL scripts.
 */
class JavaMigrationTests {

	@DatabaseTest
	void javaMigrationRunsBetweenSqlScripts(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
		database.write("r3", "j2", "INSERT INTO users (id, email) VALUES (1, 'ada@example.com');",
				"DELETE FROM users;");
		AddEmailColumn addEmail = new AddEmailColumn();
		MigrationManager manager = database.manager((configuration) -> configuration.javaMigrations(List.of(addEmail)));
		assertThat(manager.migrations()).extracting(MigrationInfo::kind)
			.containsExactly(MigrationKind.SQL, MigrationKind.JAVA, MigrationKind.SQL);
		assertThat(manager.migrate().migrations()).extracting(AppliedMigration::revision)
			.containsExactly("r1", "j2", "r3");
		assertThat(addEmail.steps).containsExactly("added email");
		assertThat(database.queryForList("SELECT email FROM users")).containsExactly("ada@example.com");
		HistoryEntry entry = manager.history().get(1);
		assertThat(entry.revision()).isEqualTo("j2");
		assertThat(entry.checksum()).isEqualTo("java-1");
	}

	@DatabaseTest
	void javaMigrationUsesTheInspectorForAConditionalStep(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100));",
				"DROP TABLE users;");
		AddEmailColumn addEmail = new AddEmailColumn();
		MigrationManager manager = database.manager((configuration) -> configuration.javaMigrations(List.of(addEmail)));
		manager.migrate();
		assertThat(addEmail.steps).containsExactly("email exists");
		assertThat(addEmail.tables).containsExactly("users");
		assertThat(manager.currentRevisions()).containsExactly("j2");
	}

	@DatabaseTest
	void javaMigrationIsRolledBackWithItsDowngrade(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
		MigrationManager manager = database
			.manager((configuration) -> configuration.javaMigrations(List.of(new AddEmailColumn())));
		manager.migrate();
		assertThat(manager.rollback().migrations()).extracting(AppliedMigration::revision).containsExactly("j2");
		assertThat(database.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
				+ database.schema() + "' AND table_name = 'users'")).containsExactly("id");
	}

	@DatabaseTest
	void javaMigrationWithoutDowngradeIsIrreversible(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
		MigrationManager manager = database
			.manager((configuration) -> configuration.javaMigrations(List.of(new SeedUsers())));
		assertThat(manager.migrations().get(1).reversible()).isFalse();
		manager.migrate();
		assertThat(manager.verify().problems(VerifyReport.Kind.IRREVERSIBLE)).singleElement()
			.satisfies((problem) -> assertThat(problem.detail()).isEqualTo("Revision seed (" + SeedUsers.class.getName()
					+ ") has no downgrade: it cannot be rolled back"));
		assertThatExceptionOfType(RollbackRefusedException.class).isThrownBy(manager::rollback)
			.withMessage("Rollback to '-1' refused by 1 safety check(s); nothing was run:\n  - Irreversible "
					+ "migration: revision seed (" + SeedUsers.class.getName() + ") has no downgrade, so it cannot be "
					+ "rolled back");
		assertThat(database.queryForLong("SELECT count(*) FROM users")).isEqualTo(2);
		assertThat(manager.currentRevisions()).containsExactly("seed");
	}

	@DatabaseTest
	void failingJavaMigrationIsRolledBack(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
		MigrationManager manager = database
			.manager((configuration) -> configuration.javaMigrations(List.of(new FailingSeed())));
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(manager::migrate)
			.withMessage("Upgrade of revision broken (" + FailingSeed.class.getName() + ") failed: no more seeds. "
					+ "The migration was rolled back; earlier revisions stay applied");
		assertThat(database.queryForLong("SELECT count(*) FROM users")).isZero();
		assertThat(manager.currentRevisions()).containsExactly("r1");
	}

	static class AddEmailColumn implements JavaMigration {

		final List<String> steps = new ArrayList<>();

		final List<String> tables = new ArrayList<>();

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
			return "Add an email column unless it exists";
		}

		@Override
		public String checksum() {
			return "java-1";
		}

		@Override
		public void upgrade(MigrationContext context) throws Exception {
			this.tables.addAll(context.inspector().tables());
			if (context.inspector().columnExists("users", "email")) {
				this.steps.add("email exists");
				return;
			}
			context.execute("ALTER TABLE users ADD COLUMN email VARCHAR(100)");
			this.steps.add("added email");
		}

		@Override
		public void downgrade(MigrationContext context) throws Exception {
			context.execute("ALTER TABLE users DROP COLUMN email");
		}

	}

	static class SeedUsers implements JavaMigration {

		@Override
		public String revision() {
			return "seed";
		}

		@Override
		public List<String> downRevisions() {
			return List.of("r1");
		}

		@Override
		public String message() {
			return "Seed users";
		}

		@Override
		public void upgrade(MigrationContext context) throws Exception {
			context.execute("INSERT INTO users (id) VALUES (1)");
			context.execute("INSERT INTO users (id) VALUES (2)");
		}

	}

	static class FailingSeed extends SeedUsers {

		@Override
		public String revision() {
			return "broken";
		}

		@Override
		public void upgrade(MigrationContext context) throws Exception {
			super.upgrade(context);
			throw new IllegalStateException("no more seeds");
		}

	}

}
