package dev.migration.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.migration.AheadPolicy;
import dev.migration.MigrationConfiguration;
import dev.migration.lint.LintFailOn;
import dev.migration.lint.LintOptions;
import dev.migration.lint.LintSeverity;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationProperties}.
 */
class MigrationPropertiesTests {

	@Test
	void defaultsOfTheIntegration() {
		MigrationProperties properties = new MigrationProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.isAutoMigrate()).isTrue();
		assertThat(properties.isWarmUp()).isTrue();
		assertThat(properties.getRunAt()).isEqualTo(MigrationProperties.RunAt.AUTO);
		assertThat(properties.getTarget()).isEqualTo("head");
		assertThat(properties.getOnFailure()).isEqualTo(MigrationProperties.OnFailure.FAIL);
		assertThat(properties.getProductionProfiles()).containsExactly("prod", "production");
		assertThat(properties.getEndpoint().isWriteEnabled()).isFalse();
		assertThat(properties.getUrl()).isNull();
	}

	@Test
	void defaultsAreTheDocumentedValues() {
		MigrationConfiguration configuration = new MigrationProperties().applyTo(MigrationConfiguration.builder())
			.build();
		assertThat(configuration.locations()).containsExactly("classpath:db/migration");
		assertThat(configuration.schema()).isNull();
		assertThat(configuration.table()).isEqualTo("migration_history");
		assertThat(configuration.lockTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(configuration.validateOnMigrate()).isTrue();
		assertThat(configuration.baselineOnMigrate()).isNull();
		assertThat(configuration.aheadPolicy()).isEqualTo(AheadPolicy.WARN);
		assertThat(configuration.echo()).isFalse();
		assertThat(configuration.connectRetries()).isEqualTo(5);
		assertThat(configuration.connectRetryBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(configuration.statementLockTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(configuration.lockRetries()).isEqualTo(5);
		assertThat(configuration.lockRetryBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(configuration.lintOptions()).isEqualTo(LintOptions.defaults());
		assertThat(configuration.lintOptions().failOn()).isEqualTo(LintFailOn.NEVER);
	}

	@Test
	void everyBoundPropertyArrivesInItsOwnSetting() {
		// Distinct values, none a default: two settings swapped on the way would show.
		Map<String, String> values = Map.ofEntries(Map.entry("migration.locations", "classpath:one,filesystem:/two"),
				Map.entry("migration.schema", "app"), Map.entry("migration.table", "history_log"),
				Map.entry("migration.lock-timeout", "11s"), Map.entry("migration.validate-on-migrate", "false"),
				Map.entry("migration.baseline-on-migrate", "b1"), Map.entry("migration.ahead-policy", "fail"),
				Map.entry("migration.echo", "true"), Map.entry("migration.connect-retries", "2"),
				Map.entry("migration.connect-retry-backoff", "3s"), Map.entry("migration.postgresql.lock-timeout", "4s"),
				Map.entry("migration.postgresql.lock-retries", "7"),
				Map.entry("migration.postgresql.lock-retry-backoff", "8s"),
				Map.entry("migration.placeholders.table_prefix", "acme_"),
				Map.entry("migration.lint.fail-on", "warning"), Map.entry("migration.lint.small-table-rows", "500"),
				Map.entry("migration.lint.small-table-size", "2MB"), Map.entry("migration.lint.unknown-size", "note"),
				Map.entry("migration.placeholders.app.region", "eu-west"));
		MigrationProperties properties = new Binder(new MapConfigurationPropertySource(values))
			.bind("migration", MigrationProperties.class)
			.get();
		MigrationConfiguration configuration = properties.applyTo(MigrationConfiguration.builder()).build();
		assertThat(configuration.locations()).containsExactly("classpath:one", "filesystem:/two");
		assertThat(configuration.schema()).isEqualTo("app");
		assertThat(configuration.table()).isEqualTo("history_log");
		assertThat(configuration.lockTimeout()).isEqualTo(Duration.ofSeconds(11));
		assertThat(configuration.validateOnMigrate()).isFalse();
		assertThat(configuration.baselineOnMigrate()).isEqualTo("b1");
		assertThat(configuration.aheadPolicy()).isEqualTo(AheadPolicy.FAIL);
		assertThat(configuration.echo()).isTrue();
		assertThat(configuration.connectRetries()).isEqualTo(2);
		assertThat(configuration.connectRetryBackoff()).isEqualTo(Duration.ofSeconds(3));
		assertThat(configuration.statementLockTimeout()).isEqualTo(Duration.ofSeconds(4));
		assertThat(configuration.lockRetries()).isEqualTo(7);
		assertThat(configuration.lockRetryBackoff()).isEqualTo(Duration.ofSeconds(8));
		assertThat(configuration.lintOptions())
			.isEqualTo(new LintOptions(500, 2L * 1024 * 1024, LintSeverity.NOTE, LintFailOn.WARNING));
		assertThat(configuration.placeholders()).containsExactly(Map.entry("app.region", "eu-west"),
				Map.entry("table_prefix", "acme_"));
	}

	@Test
	void bindsTheSettingsOfTheIntegration() {
		Map<String, String> values = Map.of("migration.run-at", "startup", "migration.on-failure", "keep-running",
				"migration.target", "heads", "migration.auto-migrate", "false", "migration.warm-up", "false",
				"migration.endpoint.write-enabled", "true", "migration.production-profiles", "live,eu-live");
		MigrationProperties properties = new Binder(new MapConfigurationPropertySource(values))
			.bind("migration", MigrationProperties.class)
			.get();
		assertThat(properties.getRunAt()).isEqualTo(MigrationProperties.RunAt.STARTUP);
		assertThat(properties.getOnFailure()).isEqualTo(MigrationProperties.OnFailure.KEEP_RUNNING);
		assertThat(properties.getTarget()).isEqualTo("heads");
		assertThat(properties.isAutoMigrate()).isFalse();
		assertThat(properties.isWarmUp()).isFalse();
		assertThat(properties.getEndpoint().isWriteEnabled()).isTrue();
		assertThat(properties.getProductionProfiles()).containsExactly("live", "eu-live");
	}

	@Test
	void anInstanceHasLintSettingsOfItsOwn() {
		Map<String, String> values = Map.of("migration.instances.reporting.lint.fail-on", "note",
				"migration.instances.reporting.lint.small-table-rows", "7");
		MigrationProperties properties = new Binder(new MapConfigurationPropertySource(values))
			.bind("migration", MigrationProperties.class)
			.get();
		LintOptions reporting = properties.getInstances()
			.get("reporting")
			.applyTo(MigrationConfiguration.builder())
			.build()
			.lintOptions();
		assertThat(reporting.failOn()).isEqualTo(LintFailOn.NOTE);
		assertThat(reporting.smallTableRows()).isEqualTo(7);
		assertThat(properties.getLint().getFailOn()).isEqualTo(LintFailOn.NEVER);
	}

	@Test
	void appliedPropertiesAreTheConfiguration() {
		MigrationProperties properties = new MigrationProperties();
		assertThat(properties.applyTo(MigrationConfiguration.builder()).build())
			.isEqualTo(MigrationConfiguration.builder().build());
	}

	@Test
	void productionByActiveProfile() {
		MigrationProperties properties = new MigrationProperties();
		MockEnvironment environment = new MockEnvironment();
		assertThat(properties.isProduction(environment)).isFalse();
		environment.setActiveProfiles("cloud", "prod");
		assertThat(properties.isProduction(environment)).isTrue();
	}

	@Test
	void productionByEnvironmentName() {
		MigrationProperties properties = new MigrationProperties();
		properties.setProductionProfiles(java.util.List.of("live"));
		properties.setEnvironment("live");
		assertThat(properties.isProduction(new MockEnvironment())).isTrue();
		properties.setEnvironment("staging");
		assertThat(properties.isProduction(new MockEnvironment())).isFalse();
	}

}
