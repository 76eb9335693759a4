package dev.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the downgrade sections a rollback splits, on the real databases: every
 * downgrade of the plan is split and checked before the first runs, so a malformed one
 * stops the rollback with nothing reverted.
 */
class MigrationManagerRollbackScriptTests {

	@DatabaseTest
	void aMalformedDowngradeStopsTheRollbackBeforeAnyStepRunsNamingTheFileAndLine(TestDatabase database)
			throws IOException {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		database.manager().migrate();
		// Edited after it was applied: the downgrade now ends in an unterminated body.
		Path edited = database.write("r2", "r1", "CREATE TABLE t_r2 (id INTEGER);",
				"DROP TABLE t_r2;\nDO $fn$ BEGIN END;");
		MigrationManager manager = database.manager();
		int line = lineOf(edited, "DO $fn$");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> manager.rollback("base"))
			.withMessage("filesystem:" + edited + ":" + line + ": unterminated dollar-quoted string $fn$ starting here");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2", "t_r3");
		assertThat(manager.currentRevisions()).containsExactly("r3");
	}

	@DatabaseTest
	void aDowngradeNamingAnUnconfiguredPlaceholderStopsTheRollbackBeforeAnyStepRuns(TestDatabase database)
			throws IOException {
		database.writeTable("r1", null);
		Path second = database.write("r2", "r1", "CREATE TABLE ${prefix}t_r2 (id INTEGER);",
				"DROP TABLE ${prefix}t_r2;");
		database.writeTable("r3", "r2");
		database.manager((builder) -> builder.placeholders(Map.of("prefix", "acme_"))).migrate();
		MigrationManager unconfigured = database.manager();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> unconfigured.rollback("base"))
			.withMessageStartingWith("filesystem:" + second + ":" + lineOf(second, "DROP TABLE")
					+ ": unknown placeholder '${prefix}'");
		assertThat(database.tables()).containsExactly("acme_t_r2", "t_r1", "t_r3");
		assertThat(unconfigured.currentRevisions()).containsExactly("r3");
	}

	@DatabaseTest
	void aRollbackRunsEachDowngradeWithThePlaceholdersOfItsRun(TestDatabase database) {
		database.write("r1", null, "CREATE TABLE ${prefix}t_r1 (id INTEGER);", "DROP TABLE ${prefix}t_r1;");
		database.write("r2", "r1", "CREATE TABLE ${prefix}t_r2 (id INTEGER);", "DROP TABLE ${prefix}t_r2;");
		MigrationManager acme = database.manager((builder) -> builder.placeholders(Map.of("prefix", "acme_")));
		acme.migrate();
		MigrationResult dryRun = acme.rollback("base", RollbackOptions.defaults().asDryRun());
		assertThat(dryRun.planned()).extracting((planned) -> planned.statements().get(0))
			.containsExactly("DROP TABLE acme_t_r2", "DROP TABLE acme_t_r1");
		assertThat(acme.rollback("base").migrations()).extracting(AppliedMigration::revision)
			.containsExactly("r2", "r1");
		assertThat(database.tables()).isEmpty();
	}

	private static int lineOf(Path script, String start) throws IOException {
		List<String> lines = Files.readAllLines(script);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(start)) {
				return i + 1;
			}
		}
		throw new IllegalStateException("No line starting with '" + start + "' in " + script);
	}

}
