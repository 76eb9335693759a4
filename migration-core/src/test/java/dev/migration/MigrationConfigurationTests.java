package dev.migration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the checks {@link MigrationConfiguration} makes of the names it is given.
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

}
