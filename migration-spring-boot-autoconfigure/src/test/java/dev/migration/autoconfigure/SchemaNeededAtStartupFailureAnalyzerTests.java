package dev.migration.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchemaNeededAtStartupFailureAnalyzer}.
 */
class SchemaNeededAtStartupFailureAnalyzerTests {

	@Test
	void namesBothPropertiesAndTheFix() {
		SchemaNeededAtStartupException failure = new SchemaNeededAtStartupException(
				"spring.jpa.hibernate.ddl-auto=validate");
		FailureAnalysis analysis = new SchemaNeededAtStartupFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription()).isEqualTo("Migrations run once the application is ready "
				+ "(migration.run-at=ready), but Hibernate uses the schema while the application starts "
				+ "(spring.jpa.hibernate.ddl-auto=validate): it would see the schema before the migrations ran.");
		assertThat(analysis.getAction()).isEqualTo("Remove migration.run-at=ready (the default, auto, migrates "
				+ "during startup before the EntityManagerFactory is created) or set migration.run-at=startup; or "
				+ "set spring.jpa.hibernate.ddl-auto=none to keep migrating once the application is ready.");
	}

}
