package dev.migration.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says how to order the migrations and Hibernate when
 * {@link SchemaNeededAtStartupException} stopped the application.
 */
class SchemaNeededAtStartupFailureAnalyzer extends AbstractFailureAnalyzer<SchemaNeededAtStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SchemaNeededAtStartupException cause) {
		String property = cause.getJpaSetting().substring(0, cause.getJpaSetting().indexOf('='));
		return new FailureAnalysis(cause.getMessage() + ".",
				"Remove migration.run-at=ready (the default, auto, migrates during startup before the "
						+ "EntityManagerFactory is created) or set migration.run-at=startup; or set " + property
						+ "=none to keep migrating once the application is ready.",
				cause);
	}

}
