package dev.migration.autoconfigure;

import dev.migration.HistoryEntry;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationStatus;
import dev.migration.VerifyReport;
import dev.migration.lint.LintReport;
import dev.migration.autogenerate.Autogenerator;
import dev.migration.script.ScriptIndex;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * {@link RuntimeHintsRegistrar} for what the starter and the engine load reflectively or
 * as class-path resources: the scripts of the default location, the script indexes, the
 * autogenerate model, the properties, the types the endpoint and the commands write as
 * JSON, and the DuckDB driver that {@link DuckDbPreloader} creates by name. The scripts
 * and Java migrations of the configured locations are registered by
 * {@link ScriptIndexAotProcessor}, which lists them.
 */
final class MigrationRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The scripts of the default location, subdirectories included.
	 */
	static final String DEFAULT_SCRIPTS = classpathPath(MigrationConfiguration.DEFAULT_LOCATION) + "/**/*.sql";

	/**
	 * Every script index.
	 */
	static final String INDEXES = ScriptIndex.DIRECTORY + "**/*" + ScriptIndex.SUFFIX;

	private static final String ACTUATOR_RESPONSE = "org.springframework.boot.actuate.endpoint.OperationResponseBody";

	private final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources()
			.registerPattern(DEFAULT_SCRIPTS)
			.registerPattern(INDEXES)
			.registerPattern(classpathPath(Autogenerator.DEFAULT_MODEL_LOCATION));
		BindableRuntimeHintsRegistrar.forTypes(MigrationProperties.class).registerHints(hints, classLoader);
		// The commands' --json without Actuator.
		this.bindingHints.registerReflectionHints(hints.reflection(), MigrationStatus.class, HistoryEntry.class,
				VerifyReport.class, LintReport.class);
		if (ClassUtils.isPresent(ACTUATOR_RESPONSE, classLoader)) {
			// The endpoint's part() answers an OperationResponseBody, and that of several
			// databases a WebEndpointResponse, which tell Spring's own hints for the
			// operations nothing of the records behind them.
			this.bindingHints.registerReflectionHints(hints.reflection(), MigrationsEndpoint.MigrationsDescriptor.class,
					MigrationsEndpoint.HistoryDescriptor.class, MigrationsEndpoint.VerifyDescriptor.class,
					MigrationsEndpointWebExtension.RunDescriptor.class,
					MigrationInstancesEndpoint.InstancesDescriptor.class);
		}
		hints.reflection()
			.registerTypeIfPresent(classLoader, DuckDbPreloader.DRIVER_CLASS, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
	}

	private static String classpathPath(String location) {
		return location.substring("classpath:".length());
	}

}
