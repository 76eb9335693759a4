package dev.migration.sample;

import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample app on PostgreSQL with the {@code staging} profile, in a fresh schema,
 * over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("staging")
class SampleApplicationPostgresTests extends SampleApplicationContract {

	static final PostgresSchema schema = PostgresSchema.create();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", schema::url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("migration.schema", schema::name);
	}

	@AfterAll
	static void dropSchema() {
		schema.close();
	}

}
