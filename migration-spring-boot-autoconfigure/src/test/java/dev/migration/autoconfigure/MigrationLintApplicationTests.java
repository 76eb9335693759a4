package dev.migration.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import dev.migration.LintRefusedException;
import dev.migration.MigrationManager;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the lint in an application, on PostgreSQL and DuckDB: the endpoint's
 * {@code verify} lists the findings of the pending scripts (for one database and for
 * an instance of several), and {@code migration.lint.fail-on=warning} stops the run on
 * start before anything is applied. Revision {@code r0} creates and fills a table of
 * 20,000 rows, over the default small-table threshold; {@code r1} indexes it.
 */
class MigrationLintApplicationTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "duckdb" })
	void theEndpointsVerifyListsTheFindingsOfThePendingScripts(String kind) throws IOException {
		onDatabase(kind, (url) -> contextRunner(url).withPropertyValues("migration.target=r0").run((context) -> {
			assertThat(context).hasNotFailed();
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			MigrationsEndpoint.VerifyDescriptor verify = (MigrationsEndpoint.VerifyDescriptor) endpoint.part("verify",
					null, null, null);
			assertThat(verify.problems()).isEmpty();
			assertThat(verify.ok()).isFalse();
			MigrationsEndpoint.LintDescriptor lint = verify.lint();
			assertThat(lint.database()).startsWith(kind.equals("postgresql") ? "PostgreSQL" : "DuckDB");
			// On PostgreSQL, the downgrade's DROP INDEX is a warning too.
			assertThat(lint.warnings()).isEqualTo(kind.equals("postgresql") ? 2 : 1);
			assertThat(lint.findings()).first().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("index-without-concurrently");
				assertThat(finding.severity()).isEqualTo("WARNING");
				assertThat(finding.revision()).isEqualTo("r1");
				assertThat(finding.file()).endsWith("r1.sql");
				assertThat(finding.line()).isEqualTo(7);
				assertThat(finding.table()).isEqualTo("big");
			});
			assertThat(lint.ignored()).first().satisfies((ignored) -> {
				assertThat(ignored.finding().rule()).isEqualTo("drop-column");
				assertThat(ignored.reason()).isEqualTo("nothing reads code since 3.0");
				assertThat(ignored.headerLine()).isEqualTo(4);
			});
			context.getBean(MigrationManager.class).migrate();
			MigrationsEndpoint.VerifyDescriptor applied = endpoint.verify();
			assertThat(applied.ok()).isTrue();
			assertThat(applied.lint().findings()).isEmpty();
		}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "duckdb" })
	void anInstancesVerifyListsItsFindings(String kind) throws IOException {
		onDatabase(kind, (url) -> new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
					MigrationEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migration.instances.main.url=" + url,
					"migration.instances.main.locations=filesystem:" + this.directory.resolve("scripts"),
					"migration.instances.main.run-at=startup", "migration.instances.main.target=r0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebEndpointResponse<Object> verify = context.getBean(MigrationInstancesEndpoint.class)
					.part("main", "verify", null, null, null);
				MigrationsEndpoint.VerifyDescriptor descriptor = (MigrationsEndpoint.VerifyDescriptor) verify.getBody();
				assertThat(descriptor.lint().findings()).extracting(MigrationsEndpoint.LintFindingDescriptor::rule)
					.startsWith("index-without-concurrently");
			}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "duckdb" })
	void failOnWarningStopsTheRunOnStartWithNothingApplied(String kind) throws IOException {
		onDatabase(kind, (url) -> {
			contextRunner(url).withPropertyValues("migration.target=r0")
				.run((context) -> assertThat(context).hasNotFailed());
			contextRunner(url).withPropertyValues("migration.lint.fail-on=warning").run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(LintRefusedException.class)
					.hasMessageContaining("r1.sql:7: WARNING [index-without-concurrently]");
			});
			contextRunner(url).withPropertyValues("migration.auto-migrate=false").run((context) -> {
				MigrationManager manager = context.getBean(MigrationManager.class);
				assertThat(manager.currentRevisions()).containsExactly("r0");
				assertThat(manager.history()).extracting(dev.migration.HistoryEntry::revision).containsExactly("r0");
			});
		});
	}

	private ApplicationContextRunner contextRunner(String url) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationEndpointAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.driver-class-name="
					+ (url.startsWith("jdbc:duckdb:") ? "org.duckdb.DuckDBDriver" : "org.postgresql.Driver"),
					"management.endpoints.web.exposure.include=migrations", "migration.run-at=startup",
					"migration.locations=filesystem:" + this.directory.resolve("scripts"));
	}

	/**
	 * Writes the scripts and hands a database of the kind to the test: a PostgreSQL
	 * database dropped afterwards, or a DuckDB file in the test's directory.
	 */
	private void onDatabase(String kind, Consumer<String> test) throws IOException {
		Path scripts = Files.createDirectories(this.directory.resolve("scripts"));
		Files.writeString(scripts.resolve("r0.sql"), """
				-- Big table
				-- revision: r0
				-- down_revision: none
				-- upgrade
				CREATE TABLE big (id INTEGER NOT NULL, name VARCHAR(100), code VARCHAR(10));
				INSERT INTO big SELECT g, 'name ' || g, 'c' FROM generate_series(1, 20000) g;
				-- downgrade
				DROP TABLE big;
				""");
		Files.writeString(scripts.resolve("r1.sql"), """
				-- Index big
				-- revision: r1
				-- down_revision: r0
				-- lint: ignore drop-column nothing reads code since 3.0
				-- upgrade
				ALTER TABLE big DROP COLUMN code;
				CREATE INDEX big_name ON big (name);
				-- downgrade
				DROP INDEX big_name;
				ALTER TABLE big ADD COLUMN code VARCHAR(10);
				""");
		if (kind.equals("duckdb")) {
			test.accept(TestDatabase.url(this.directory, "app"));
			return;
		}
		try (PostgresDatabase postgres = PostgresDatabase.create()) {
			test.accept(postgres.url());
		}
	}

}
