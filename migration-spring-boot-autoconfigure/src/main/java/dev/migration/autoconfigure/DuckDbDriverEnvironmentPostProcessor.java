package dev.migration.autoconfigure;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Supplies {@code spring.datasource.driver-class-name=org.duckdb.DuckDBDriver} when
 * {@code spring.datasource.url} is a {@code jdbc:duckdb:} URL and no driver class is set.
 * Spring Boot finds the driver of the databases it knows from the URL; DuckDB is not one
 * of them, and without this {@code spring.datasource.url=jdbc:duckdb:app.db} alone fails
 * with "Failed to determine a suitable driver class".
 * <p>
 * The property is added with the lowest precedence, so a driver class set anywhere
 * else wins, and runs after {@link DatabaseUrlEnvironmentPostProcessor}, whose
 * {@code DATABASE_URL} mapping sets the driver itself.
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

	static final String DRIVER_CLASS_NAME = "org.duckdb.DuckDBDriver";

	private static final String URL = "spring.datasource.url";

	private static final String DRIVER = "spring.datasource.driver-class-name";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		String url = binder.bind(URL, String.class).orElse(null);
		if (url == null || !url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:duckdb:")
				|| binder.bind(DRIVER, String.class).isBound()) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(DRIVER, DRIVER_CLASS_NAME)));
	}

}
