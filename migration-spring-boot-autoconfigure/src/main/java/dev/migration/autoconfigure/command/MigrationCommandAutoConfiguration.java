package dev.migration.autoconfigure.command;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import dev.migration.JavaMigration;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationManager;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationDataSource;
import dev.migration.autoconfigure.MigrationProperties;
import dev.migration.autoconfigure.MigrationRunState;
import dev.migration.autogenerate.Autogenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of command mode ({@code java -jar app.jar migration <command>}),
 * active when {@link MigrationCommandEnvironmentPostProcessor} found the
 * {@code migration} argument: a runner that runs the command and exits with its code,
 * and a listener that prints the progress of migrations.
 */
@AutoConfiguration(after = MigrationAutoConfiguration.class)
@ConditionalOnClass(MigrationManager.class)
@ConditionalOnBooleanProperty(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY)
public final class MigrationCommandAutoConfiguration {

	/**
	 * Where {@code create} and {@code merge} write scripts, relative to the working
	 * directory.
	 */
	static final String SOURCE_DIRECTORY_PROPERTY = "migration.source-directory";

	@Bean
	@ConditionalOnMissingBean
	CommandProgress migrationCommandProgress() {
		return new CommandProgress();
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationCommandRunner migrationCommandRunner(ObjectProvider<MigrationManager> migrationManager,
			ObjectProvider<MigrationProperties> properties, ObjectProvider<MigrationRunState> runState,
			ObjectProvider<DataSource> dataSource, @MigrationDataSource ObjectProvider<DataSource> migrationDataSource,
			ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<JsonWriter> jsonWriter,
			CommandProgress progress, ResourceLoader resourceLoader, Environment environment,
			ConfigurableApplicationContext context) {
		MigrationProperties migrationProperties = properties.getIfAvailable(MigrationProperties::new);
		java.util.function.Supplier<MigrationManager> manager = () -> {
			MigrationManager available = migrationManager.getIfAvailable();
			if (available == null) {
				throw new MigrationException("No migration manager in this application: command mode needs a "
						+ "DataSource (spring.datasource.url or migration.url) and migration.enabled=true");
			}
			return available;
		};
		java.util.function.Supplier<MigrationAuthor> author = () -> MigrationAuthor.create(
				authorDataSource(migrationProperties, dataSource, migrationDataSource),
				MigrationConfiguration.builder()
					.locations(migrationProperties.getLocations())
					.schema(migrationProperties.getSchema())
					.table(migrationProperties.getTable())
					.javaMigrations(javaMigrations.orderedStream().toList())
					.classLoader(resourceLoader.getClassLoader())
					.build(),
				Path.of(environment.getProperty(SOURCE_DIRECTORY_PROPERTY, MigrationAuthor.DEFAULT_SOURCE_DIRECTORY))
					.toAbsolutePath());
		java.util.function.Supplier<JsonViews> jsonViews = () -> JsonViews.of(manager.get(),
				runState.getIfAvailable(MigrationRunState::new), resourceLoader.getClassLoader());
		JsonWriter json = jsonWriter.getIfAvailable(() -> (value) -> {
			throw new MigrationException("--json needs Jackson (tools.jackson.core:jackson-databind) on the class path");
		});
		String url = StringUtils.hasText(migrationProperties.getUrl()) ? migrationProperties.getUrl()
				: environment.getProperty("spring.datasource.url");
		boolean modelExists = resourceLoader.getResource(Autogenerator.DEFAULT_MODEL_LOCATION).exists();
		MigrationCommands commands = new MigrationCommands(manager, author, jsonViews, json, progress,
				new MigrationCommands.Settings(url, modelExists), System.out, System.err);
		IntConsumer exit = (code) -> System.exit(SpringApplication.exit(context, () -> code));
		return new MigrationCommandRunner(commands, exit);
	}

	private static DataSource authorDataSource(MigrationProperties properties, ObjectProvider<DataSource> dataSource,
			ObjectProvider<DataSource> migrationDataSource) {
		// The same choice as the auto-configured manager's.
		if (StringUtils.hasText(properties.getUrl())) {
			try {
				return new SimpleDriverDataSource(DriverManager.getDriver(properties.getUrl()), properties.getUrl(),
						properties.getUser(), properties.getPassword());
			}
			catch (SQLException ex) {
				throw new MigrationException("No JDBC driver accepts migration.url: add the database's driver to "
						+ "the class path", ex);
			}
		}
		DataSource qualified = migrationDataSource.getIfAvailable();
		return (qualified != null) ? qualified : dataSource.getIfUnique();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonWriterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JsonWriter migrationCommandJsonWriter(ObjectProvider<JsonMapper> jsonMapper) {
			JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
			return (value) -> mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
		}

	}

}
