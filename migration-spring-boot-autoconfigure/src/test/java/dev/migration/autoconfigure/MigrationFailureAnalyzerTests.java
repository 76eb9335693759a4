package dev.migration.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.migration.LintRefusedException;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationLockException;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStateException.Reason;
import dev.migration.ScriptException;
import dev.migration.lint.LintFailOn;
import dev.migration.lint.LintFinding;
import dev.migration.lint.LintSeverity;
import dev.migration.revision.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationFailureAnalyzer}.
 */
class MigrationFailureAnalyzerTests {

	private final MigrationFailureAnalyzer analyzer = new MigrationFailureAnalyzer();

	@TempDir
	Path directory;

	private ApplicationContextRunner startup() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver", "migration.warm-up=false",
					"migration.run-at=startup", "migration.locations=filesystem:" + this.directory.resolve("scripts"));
	}

	private void script(String revision, String parent) throws IOException {
		Path scripts = Files.createDirectories(this.directory.resolve("scripts"));
		Files.writeString(scripts.resolve(revision + ".sql"), "-- Revision " + revision + "\n--\n-- revision: "
				+ revision + "\n" + ((parent != null) ? "-- down_revision: " + parent + "\n" : "") + "\n-- upgrade\n"
				+ "CREATE TABLE t_" + revision + " (id INTEGER);\n\n-- downgrade\nDROP TABLE t_" + revision + ";\n");
	}

	@Test
	void analyzesFailedMigrationInsideAnotherException() {
		MigrationFailedException failure = new MigrationFailedException("b2",
				"b2_broken.sql: statement 1 failed: password=hunter2", null);
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("runner", "failed", failure));
		assertThat(analysis.getDescription()).contains("b2_broken.sql").doesNotContain("hunter2");
		assertThat(analysis.getAction()).startsWith("Fix revision 'b2'").contains("migration.on-failure=keep-running");
	}

	@Test
	void analyzesALintRefusalWithEachFindingAndTheWaysOut() {
		LintFinding finding = new LintFinding("index-without-concurrently", LintSeverity.WARNING, "r4", "r4_index.sql",
				7, "CREATE INDEX users_name ON users (name)", Direction.UPGRADE, "CREATE INDEX holds a SHARE lock",
				"CREATE INDEX CONCURRENTLY", "users", "table users: about 2,000,000 rows");
		FailureAnalysis analysis = this.analyzer
			.analyze(new LintRefusedException(LintFailOn.WARNING, List.of(finding)));
		assertThat(analysis.getDescription()).contains("r4_index.sql:7: WARNING [index-without-concurrently]");
		assertThat(analysis.getAction()).contains("'-- lint: ignore <rule-id> <reason>'",
				"migration.lint.fail-on=never", "Nothing was applied");
	}

	@Test
	void analyzesLockTimeout() {
		FailureAnalysis analysis = this.analyzer.analyze(new MigrationLockException("held by 12@host"));
		assertThat(analysis.getAction()).contains("migration.lock-timeout");
	}

	@Test
	void analyzesScriptErrorWithItsLine() {
		FailureAnalysis analysis = this.analyzer.analyze(new ScriptException("a1_users.sql", 7, "bad header"));
		assertThat(analysis.getDescription()).contains("a1_users.sql:7: bad header");
		assertThat(analysis.getAction()).startsWith("Correct the script a1_users.sql at line 7");
	}

	@Test
	void twoHeadsAtStartupNameTheMergeCommandAndNeverTheFailedTarget() throws IOException {
		script("a1", null);
		script("b1", "a1");
		script("c1", "a1");
		startup().run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo(
					"Database migration failed: The scripts have 2 heads, b1 and c1, and the target 'head' needs "
							+ "exactly one");
			assertThat(analysis.getAction()).contains("    migration merge \"Merge heads\" b1 c1\n")
				.contains("    migration create \"...\" --head b1\n")
				.doesNotContain("migration.target=head")
				.doesNotContain("merge(")
				.doesNotContain("MigrationAuthor");
		});
	}

	@Test
	void anEditedScriptAtStartupOffersTheRevertFirstAndTheRepairSecond() throws IOException {
		script("a1", null);
		startup().run((context) -> assertThat(context).hasNotFailed());
		Files.writeString(this.directory.resolve("scripts/a1.sql"),
				Files.readString(this.directory.resolve("scripts/a1.sql")).replace("INTEGER", "BIGINT"));
		startup().run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.startsWith("Database migration failed: Refusing to migrate: applied scripts were edited")
				.contains("Revision a1 (filesystem:");
			String action = analysis.getAction();
			assertThat(action).startsWith("Revert the edit");
			assertThat(action.indexOf("    migration repair accept-checksum a1 --reason \"...\""))
				.isGreaterThan(action.indexOf("Revert the edit"))
				.isLessThan(action.indexOf("migration.validate-on-migrate=false"));
			assertThat(action).doesNotContain("baseline").doesNotContain("ahead-policy").doesNotContain("repair(");
		});
	}

	@Test
	void aDatabaseAheadIsAnsweredWithTheAheadPolicyOnly() {
		FailureAnalysis analysis = this.analyzer.analyze(new MigrationStateException(Reason.AHEAD, List.of("r3"),
				"The database is ahead of the scripts: applied revision(s) r3 are unknown to this build",
				"... set the ahead policy to WARN", null));
		assertThat(analysis.getDescription()).isEqualTo("Database migration failed: The database is ahead of the "
				+ "scripts: applied revision(s) r3 are unknown to this build");
		assertThat(analysis.getAction()).contains("migration.ahead-policy=warn").doesNotContain("baseline");
	}

	@Test
	void aSchemaWithoutHistoryIsAnsweredWithTheStampAndTheBaselineOnly() {
		FailureAnalysis analysis = this.analyzer.analyze(new MigrationStateException(Reason.NO_HISTORY, List.of(),
				"Schema 'app' has 1 table(s) (legacy) but no migration history; migrations were not run",
				"... stamp(revision) ...", null));
		assertThat(analysis.getAction()).contains("migration stamp REVISION", "migration.baseline-on-migrate")
			.doesNotContain("ahead-policy")
			.doesNotContain("stamp(");
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("no"))).isNull();
	}

}
