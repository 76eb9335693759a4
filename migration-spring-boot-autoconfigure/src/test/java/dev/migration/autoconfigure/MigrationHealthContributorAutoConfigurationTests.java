package dev.migration.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.migration.MigrationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationHealthContributorAutoConfiguration} and
 * {@link MigrationHealthIndicator}.
 */
class MigrationHealthContributorAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver");
	}

	private static Health health(org.springframework.context.ApplicationContext context) {
		return context.getBean("migrationHealthIndicator", MigrationHealthIndicator.class).health();
	}

	@Test
	void registersTheIndicatorUnderItsName() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(MigrationHealthIndicator.class)
			.hasBean("migrationHealthIndicator"));
	}

	@Test
	void noIndicatorWhenDisabled() {
		contextRunner().withPropertyValues("management.health.migration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationHealthIndicator.class));
	}

	@Test
	void upAtHead() {
		contextRunner().run((context) -> {
			context.getBean(MigrationManager.class).migrate();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("current", java.util.List.of("a2"))
				.containsEntry("heads", java.util.List.of("a2"))
				.containsEntry("pending", 0);
		});
	}

	@Test
	void outOfServiceWithPendingMigrations() {
		contextRunner().run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("pending", 2);
		});
	}

	@Test
	void outOfServiceWhileMigrating() {
		contextRunner().run((context) -> {
			context.getBean(MigrationRunState.class).started("migrate to head");
			assertThat(health(context).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void downWhenTheRunFailed() {
		contextRunner().withPropertyValues("migration.locations=classpath:db/failing", "migration.on-failure=keep-running")
			.run((context) -> {
				MigrationAutoConfigurationTests.ready(context);
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("error")).contains("b2_broken.sql");
			});
	}

	@Test
	void downWhenAnAppliedScriptWasEdited() throws IOException {
		Path scripts = Files.createDirectories(this.directory.resolve("scripts"));
		copy("db/migration/a1_create_users.sql", scripts);
		copy("db/migration/a2_add_email.sql", scripts);
		contextRunner().withPropertyValues("migration.locations=filesystem:" + scripts).run((context) -> {
			context.getBean(MigrationManager.class).migrate();
			Path script = scripts.resolve("a1_create_users.sql");
			Files.writeString(script, Files.readString(script).replace("name VARCHAR", "name TEXT"));
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("problems").toString()).contains("CHECKSUM_MISMATCH");
		});
	}

	@Test
	void downWhenAnAppliedScriptIsMissing() throws IOException {
		Path scripts = Files.createDirectories(this.directory.resolve("scripts"));
		copy("db/migration/a1_create_users.sql", scripts);
		copy("db/migration/a2_add_email.sql", scripts);
		contextRunner().withPropertyValues("migration.locations=filesystem:" + scripts).run((context) -> {
			context.getBean(MigrationManager.class).migrate();
		});
		Files.delete(scripts.resolve("a2_add_email.sql"));
		contextRunner().withPropertyValues("migration.locations=filesystem:" + scripts).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("problems").toString()).contains("MISSING_SCRIPT");
		});
	}

	private static void copy(String resource, Path directory) throws IOException {
		try (InputStream input = MigrationHealthContributorAutoConfigurationTests.class.getClassLoader()
			.getResourceAsStream(resource)) {
			Files.copy(input, directory.resolve(Path.of(resource).getFileName()));
		}
	}

}
