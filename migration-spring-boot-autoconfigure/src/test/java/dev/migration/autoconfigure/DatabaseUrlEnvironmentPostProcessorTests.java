package dev.migration.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DatabaseUrlEnvironmentPostProcessor}.
 */
class DatabaseUrlEnvironmentPostProcessorTests {

	private final DatabaseUrlEnvironmentPostProcessor postProcessor = new DatabaseUrlEnvironmentPostProcessor();

	private MockEnvironment process(String... keysAndValues) {
		MockEnvironment environment = new MockEnvironment();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			environment.setProperty(keysAndValues[i], keysAndValues[i + 1]);
		}
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void mapsRelativeDuckDbPath() {
		assertThat(process("DATABASE_URL", "duckdb:///dev.db").getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:duckdb:dev.db");
	}

	@Test
	void mapsAbsoluteDuckDbPath() {
		assertThat(process("DATABASE_URL", "duckdb:////var/data/app.db").getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:duckdb:/var/data/app.db");
	}

	@Test
	void mapsInMemoryDuckDbToAUrlTheDriverOpens() throws Exception {
		String url = process("DATABASE_URL", "duckdb:///:memory:").getProperty("spring.datasource.url");
		assertThat(url).isEqualTo("jdbc:duckdb:");
		try (Connection connection = DriverManager.getConnection(url)) {
			assertThat(connection.isValid(1)).isTrue();
		}
	}

	@Test
	void mapsPostgresqlUrlWithCredentials() {
		MockEnvironment environment = process("DATABASE_URL", "postgresql://app:s%40cret+1@db.example:5432/app");
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/app");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("s@cret+1");
	}

	@Test
	void mapsPostgresSchemeAndKeepsQuery() {
		MockEnvironment environment = process("DATABASE_URL", "postgres://app@db/app?sslmode=require");
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://db/app?sslmode=require");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app");
		assertThat(environment.containsProperty("spring.datasource.password")).isFalse();
	}

	@Test
	void takesJdbcUrlAsItIs() {
		assertThat(process("DATABASE_URL", "jdbc:duckdb:x.db").getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:duckdb:x.db");
	}

	@Test
	void ranksLikeAnEnvironmentVariableAboveApplicationConfigurationAndBelowTheCommandLine() {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("DATABASE_URL", "postgresql://app:pw@db:5432/app")));
		environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'class path resource [application.yml]'",
					Map.of("spring.datasource.url", "jdbc:duckdb:dev.db", "spring.datasource.driver-class-name",
							"org.duckdb.DuckDBDriver")));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("commandLineArgs", Map.of("spring.datasource.username", "operator")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/app");
		assertThat(environment.getProperty("spring.datasource.driver-class-name")).isEqualTo("org.postgresql.Driver");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("operator");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("pw");
	}

	@Test
	void mapsPoolSizeAndOverflow() {
		MockEnvironment environment = process("DB_POOL_SIZE", "5", "DB_MAX_OVERFLOW", "10");
		assertThat(environment.getProperty("spring.datasource.hikari.minimum-idle")).isEqualTo("5");
		assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size")).isEqualTo("15");
	}

	@Test
	void mapsPoolSizeWithoutOverflow() {
		MockEnvironment environment = process("DB_POOL_SIZE", "5");
		assertThat(environment.getProperty("spring.datasource.hikari.minimum-idle")).isEqualTo("5");
		assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size")).isEqualTo("5");
	}

	@Test
	void rejectsInvalidPoolSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> process("DB_POOL_SIZE", "many"))
			.withMessage("DB_POOL_SIZE 'many' is not a whole number of at least 1");
	}

	@Test
	void rejectsOverflowWithoutPoolSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> process("DB_MAX_OVERFLOW", "3"))
			.withMessage("DB_MAX_OVERFLOW '3' is set without DB_POOL_SIZE: set both or neither");
	}

	@Test
	void mapsEcho() {
		assertThat(process("DB_ECHO", "1").getProperty("migration.echo")).isEqualTo("true");
		assertThat(process("DB_ECHO", "false").getProperty("migration.echo")).isEqualTo("false");
	}

	@Test
	void rejectsUnsupportedSchemeWithoutShowingThePassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> process("DATABASE_URL", "mysql://app:secret@db/app"))
			.withMessageStartingWith("DATABASE_URL 'mysql://app:******@db/app' is not supported")
			.withMessageNotContaining("secret");
	}

	@Test
	void addsNothingWithoutVariables() {
		MockEnvironment environment = process();
		assertThat(environment.getPropertySources().contains(DatabaseUrlEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

}
