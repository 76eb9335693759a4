package dev.migration.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says how to order the migrations and what uses the schema when
 * {@link SchemaNeededAtStartupException} stopped the application.
 */
final class SchemaNeededAtStartupFailureAnalyzer extends AbstractFailureAnalyzer<SchemaNeededAtStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SchemaNeededAtStartupException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Remove " + cause.getRunAtProperty() + "=ready (the default, auto, migrates during startup before "
						+ "the beans that use the database are created) or set " + cause.getRunAtProperty()
						+ "=startup; or set " + cause.getProperty()
						+ "=" + cause.getOff() + " to keep migrating once the application is ready.",
				cause);
	}

}
