package dev.migration.autoconfigure.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Switches an application into command mode when its first non-option argument is
 * {@code migration} ({@code java -jar app.jar migration status}): no web server, no
 * migration on startup, no schema validation or generation by Hibernate, no banner,
 * quieter logging, and
 * {@value #ACTIVE_PROPERTY}{@code =true}, which activates
 * {@link MigrationCommandAutoConfiguration}. These properties take precedence over
 * every other source; normal starts are left untouched.
 * <p>
 * An application processed ahead of time has its beans chosen when it was built, for a
 * normal start: there, command mode is refused, rather than let the command's arguments
 * start the application (and migrate it to head) instead.
 */
public class MigrationCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * The name of the property source added in command mode.
	 */
	public static final String PROPERTY_SOURCE_NAME = "migrationCommand";

	/**
	 * The property set to {@code true} in command mode.
	 */
	public static final String ACTIVE_PROPERTY = "migration.command.active";

	/**
	 * Runs after the config data (application properties) was loaded.
	 */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 20;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		if (commandLine == null || !isCommandMode(commandLine)) {
			return;
		}
		if (AotDetector.useGeneratedArtifacts()) {
			throw new IllegalStateException("The migration command line cannot run in an application processed "
					+ "ahead of time (spring.aot.enabled=true), whose beans were chosen when it was built: run the "
					+ "command without -Dspring.aot.enabled=true");
		}
		boolean verbose = commandLine.containsProperty("verbose");
		boolean json = commandLine.containsProperty("json");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(ACTIVE_PROPERTY, "true");
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", String.valueOf(verbose));
		properties.put("migration.auto-migrate", "false");
		// The command is what brings the schema up to date: Hibernate must neither
		// validate a schema not migrated yet nor change it before the command runs.
		properties.put("spring.jpa.hibernate.ddl-auto", "none");
		properties.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
		properties.put("spring.jpa.generate-ddl", "false");
		properties.put("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "none");
		if (!verbose) {
			// Logs share stdout with the output: keep them to what needs attention, and
			// out of the way of --json.
			String level = json ? "ERROR" : "WARN";
			properties.put("logging.level.root", level);
			properties.put("logging.level.dev.migration", level);
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	private static boolean isCommandMode(PropertySource<?> commandLine) {
		Object nonOptionArgs = commandLine.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
		if (!(nonOptionArgs instanceof String joined) || joined.isEmpty()) {
			return false;
		}
		int comma = joined.indexOf(',');
		String first = (comma != -1) ? joined.substring(0, comma) : joined;
		return first.equals(CommandLineParser.COMMAND_MODE_ARGUMENT);
	}

}
