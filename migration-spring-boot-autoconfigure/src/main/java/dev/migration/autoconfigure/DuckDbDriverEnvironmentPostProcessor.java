package dev.migration.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Supplies {@code spring.datasource.driver-class-name=org.duckdb.DuckDBDriver} when
 * {@code spring.datasource.url} is a {@code jdbc:duckdb:} URL and no driver class is set.
 * Spring Boot finds the driver of the databases it knows from the URL; DuckDB is not one
 * of them, and without this {@code spring.datasource.url=jdbc:duckdb:app.db} alone fails
 * with "Failed to determine a suitable driver class".
 * <p>
 * The property source has the lowest precedence, so a driver class set anywhere else
 * wins, and it looks at the URL each time the driver class is asked for, so a URL that
 * a test sets later ({@code @DynamicPropertySource}) is the one that counts: a
 * PostgreSQL URL over an {@code application.yml}'s DuckDB one gets Spring Boot's own
 * choice of driver.
 */
public class DuckDbDriverEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * The name of the property source holding the driver class.
	 */
	public static final String PROPERTY_SOURCE_NAME = "migrationDuckDbDriver";

	/**
	 * Runs after the config data and {@link DatabaseUrlEnvironmentPostProcessor}.
	 */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 15;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addLast(new DuckDbDriverPropertySource(environment));
		}
	}

	/**
	 * Answers the driver class from the URL the environment has when it is asked.
	 */
	static final class DuckDbDriverPropertySource extends PropertySource<Object> {

		private static final String URL = "spring.datasource.url";

		private static final String DRIVER = "spring.datasource.driver-class-name";

		// Not the source: Spring Boot walks into a source that is an environment, and
		// this one would lead back to itself.
		private final ConfigurableEnvironment environment;

		DuckDbDriverPropertySource(ConfigurableEnvironment environment) {
			super(PROPERTY_SOURCE_NAME, new Object());
			this.environment = environment;
		}

		@Override
		public @Nullable Object getProperty(String name) {
			if (!DRIVER.equals(name)) {
				return null;
			}
			// Asked last: the environment's other sources had no driver class. Asking the
			// environment for the URL comes back here only for the URL, which this answers
			// with nothing.
			String url = this.environment.getProperty(URL);
			return (url != null && url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:duckdb:"))
					? DuckDbPreloader.DRIVER_CLASS : null;
		}

	}

}
