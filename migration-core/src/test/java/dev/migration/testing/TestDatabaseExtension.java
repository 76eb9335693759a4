package dev.migration.testing;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Provides the invocations of a {@link DatabaseTest}: one per database, each resolving
 * a {@link TestDatabase} parameter that is closed after the test.
 */
final class TestDatabaseExtension implements TestTemplateInvocationContextProvider {

	/**
	 * The engine logs every migration at INFO: too much for a test run. Held here so the
	 * level sticks (loggers are weakly referenced).
	 */
	private static final Logger ENGINE_LOGGER = quiet(Logger.getLogger("dev.migration"));

	private static Logger quiet(Logger logger) {
		logger.setLevel(Level.WARNING);
		return logger;
	}

	@Override
	public boolean supportsTestTemplate(ExtensionContext context) {
		return AnnotationSupport.isAnnotated(context.getTestMethod(), DatabaseTest.class);
	}

	@Override
	public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
		DatabaseTest annotation = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), DatabaseTest.class)
			.orElseThrow();
		return Arrays.stream(annotation.value()).map(Invocation::new);
	}

	private static final class Invocation implements TestTemplateInvocationContext {

		private final Database database;

		Invocation(Database database) {
			this.database = database;
		}

		@Override
		public String getDisplayName(int invocationIndex) {
			return this.database.name().toLowerCase(java.util.Locale.ROOT);
		}

		@Override
		public List<Extension> getAdditionalExtensions() {
			return List.of(new Resolver(this.database));
		}

	}

	private static final class Resolver implements ParameterResolver, AfterEachCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
			.create(TestDatabaseExtension.class);

		private final Database database;

		Resolver(Database database) {
			this.database = database;
		}

		@Override
		public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
			return parameterContext.getParameter().getType() == TestDatabase.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
			return extensionContext.getStore(NAMESPACE)
				.getOrComputeIfAbsent(TestDatabase.class, (key) -> TestDatabase.open(this.database),
						TestDatabase.class);
		}

		@Override
		public void afterEach(ExtensionContext context) {
			TestDatabase database = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
			if (database != null) {
				database.close();
			}
		}

	}

}
