package dev.migration;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MigrationConfiguration}: the checks it makes of the names it is
 * given, and its value semantics.
 */
class MigrationConfigurationTests {

	// 57 characters, the longest accepted.
	private static final String LONGEST = "abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ_012";

	@ParameterizedTest
	@ValueSource(strings = { "a", "_", "app", "App_2", "_private", "x9_Y", LONGEST })
	void acceptsPlainIdentifiers(String name) {
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.locations("classpath:db/migration")
			.schema(name)
			.table(name)
			.build();
		assertThat(configuration.schema()).isEqualTo(name);
		assertThat(configuration.table()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "9lives", "my-schema", "a b", "app.schema", "naïve", "x;DROP", "\"quoted\"",
			LONGEST + "a" })
	void rejectsOtherSchemaNamesNamingTheValue(String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationConfiguration.builder().locations("classpath:db/migration").schema(name).build())
			.withMessageContaining("Invalid schema name '" + name + "'")
			.withMessageContaining("at most 57 characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1st", "history-table", "t$", "Ω" })
	void rejectsOtherTableNamesNamingTheValue(String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationConfiguration.builder().locations("classpath:db/migration").table(name).build())
			.withMessageContaining("Invalid table name '" + name + "'");
	}

	@Test
	void configurationsBuiltWithTheSameSettingsAreEqual() {
		MigrationConfiguration first = MigrationConfiguration.builder().schema("app").lockRetries(2).build();
		MigrationConfiguration second = MigrationConfiguration.builder().schema("app").lockRetries(2).build();
		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first).isNotEqualTo(MigrationConfiguration.builder().schema("app").lockRetries(3).build());
	}

	@Test
	void toBuilderKeepsEverySettingAndChangesOnlyWhatIsSet() {
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.locations("filesystem:/scripts")
			.schema("app")
			.table("history")
			.lockTimeout(Duration.ofSeconds(3))
			.validateOnMigrate(false)
			.baselineOnMigrate("1a2b")
			.aheadPolicy(AheadPolicy.FAIL)
			.echo(true)
			.production(true)
			.statementLockTimeout(null)
			.lockRetries(1)
			.lockRetryBackoff(Duration.ofMillis(10))
			.connectRetries(0)
			.connectRetryBackoff(Duration.ofMillis(20))
			.build();
		assertThat(configuration.toBuilder().build()).isEqualTo(configuration);
		MigrationConfiguration changed = configuration.toBuilder().echo(false).build();
		assertThat(changed.echo()).isFalse();
		assertThat(changed.toBuilder().echo(true).build()).isEqualTo(configuration);
	}

	@Test
	void toStringNamesEverySetting() {
		assertThat(MigrationConfiguration.builder().schema("app").build().toString())
			.startsWith("MigrationConfiguration[locations=[classpath:db/migration], schema=app, table=migration_history")
			.contains("lockTimeout=PT1M", "statementLockTimeout=PT5S", "connectRetryBackoff=PT1S");
	}

	@Test
	void rejectsANegativeLockRetryCountNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationConfiguration.builder().lockRetries(-1).build())
			.withMessage("lockRetries must not be negative: -1");
	}

}
