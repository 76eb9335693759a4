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
		SchemaNeededAtStartupException failure = new SchemaNeededAtStartupException("Hibernate",
				"spring.jpa.hibernate.ddl-auto", "validate", "none");
		FailureAnalysis analysis = new SchemaNeededAtStartupFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription()).isEqualTo("Migrations run once the application is ready "
				+ "(migration.run-at=ready), but Hibernate would use the schema while the application starts "
				+ "(spring.jpa.hibernate.ddl-auto=validate), before the migrations ran.");
		assertThat(analysis.getAction()).isEqualTo("Remove migration.run-at=ready (the default, auto, migrates "
				+ "during startup before the beans that use the database are created) or set "
				+ "migration.run-at=startup; or set spring.jpa.hibernate.ddl-auto=none to keep migrating once the "
				+ "application is ready.");
	}

}
