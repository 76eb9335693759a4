package dev.migration.autoconfigure;

import dev.migration.MigrationConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationProperties}.
 */
class MigrationPropertiesTests {

	@Test
	void defaultsMatchTheCoreConfiguration() {
		MigrationProperties properties = new MigrationProperties();
		MigrationConfiguration defaults = MigrationConfiguration.builder().build();
		assertThat(properties.getLocations()).isEqualTo(defaults.locations());
		assertThat(properties.getSchema()).isEqualTo(defaults.schema());
		assertThat(properties.getTable()).isEqualTo(defaults.table());
		assertThat(properties.getLockTimeout()).isEqualTo(defaults.lockTimeout());
		assertThat(properties.isValidateOnMigrate()).isEqualTo(defaults.validateOnMigrate());
		assertThat(properties.getBaselineOnMigrate()).isEqualTo(defaults.baselineOnMigrate());
		assertThat(properties.getAheadPolicy()).isEqualTo(defaults.aheadPolicy());
		assertThat(properties.isEcho()).isEqualTo(defaults.echo());
		assertThat(properties.getConnectRetries()).isEqualTo(defaults.connectRetries());
		assertThat(properties.getConnectRetryBackoff()).isEqualTo(defaults.connectRetryBackoff());
		assertThat(properties.getPostgresql().getLockTimeout()).isEqualTo(defaults.statementLockTimeout());
		assertThat(properties.getPostgresql().getLockRetries()).isEqualTo(defaults.lockRetries());
		assertThat(properties.getPostgresql().getLockRetryBackoff()).isEqualTo(defaults.lockRetryBackoff());
	}

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
