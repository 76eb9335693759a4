package dev.migration.autoconfigure.command;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.migration.BackupVerifier;
import dev.migration.JavaMigration;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.MigrationException;
import dev.migration.MigrationListener;
import dev.migration.MigrationManager;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationDataSource;
import dev.migration.autoconfigure.MigrationManagerCustomizer;
import dev.migration.autoconfigure.MigrationProperties;
import dev.migration.autoconfigure.MigrationRunState;
import dev.migration.autogenerate.Autogenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
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
 * {@code migration} argument: the commands, a runner that runs the given one and exits
 * with its code, and a listener that prints the progress of migrations.
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
	MigrationCommands migrationCommands(ObjectProvider<MigrationManager> migrationManager,
			ObjectProvider<MigrationProperties> properties, ObjectProvider<MigrationRunState> runState,
			ObjectProvider<DataSource> dataSource, @MigrationDataSource ObjectProvider<DataSource> migrationDataSource,
			ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners,
			ObjectProvider<BackupVerifier> backupVerifiers, ObjectProvider<MigrationManagerCustomizer> customizers,
			ObjectProvider<JsonWriter> jsonWriter, ObjectProvider<ApplicationArguments> applicationArguments,
			CommandProgress progress, ResourceLoader resourceLoader, Environment environment) {
		MigrationProperties migrationProperties = properties.getIfAvailable(MigrationProperties::new);
		DuckDbFileCheck fileCheck = new DuckDbFileCheck(
				() -> authorDataSource(migrationProperties, dataSource, migrationDataSource),
				applicationArguments.getIfAvailable(() -> new DefaultApplicationArguments()).getSourceArgs());
		Supplier<MigrationManager> manager = () -> {
			MigrationManager available = migrationManager.getIfAvailable();
			if (available == null) {
				throw new MigrationException("No migration manager in this application: command mode needs a "
						+ "DataSource (spring.datasource.url or migration.url) and migration.enabled=true");
			}
			fileCheck.refuseIfHeld();
			return available;
		};
		// Configured as the manager is, so that create and verify --drift see its scripts.
		Supplier<MigrationAuthor> author = () -> MigrationAuthor.create(
				authorDataSource(migrationProperties, dataSource, migrationDataSource),
				MigrationAutoConfiguration
					.configuration(migrationProperties, environment, resourceLoader, javaMigrations, listeners,
							backupVerifiers, customizers)
					.build(),
				Path.of(environment.getProperty(SOURCE_DIRECTORY_PROPERTY, MigrationAuthor.DEFAULT_SOURCE_DIRECTORY))
					.toAbsolutePath());
		Supplier<JsonViews> jsonViews = () -> JsonViews.of(manager.get(),
				runState.getIfAvailable(MigrationRunState::new), resourceLoader.getClassLoader());
		JsonWriter json = jsonWriter.getIfAvailable(() -> (value) -> {
			throw new MigrationException("--json needs Jackson (tools.jackson.core:jackson-databind) on the class path");
		});
		String url = StringUtils.hasText(migrationProperties.getUrl()) ? migrationProperties.getUrl()
				: environment.getProperty("spring.datasource.url");
		boolean modelExists = resourceLoader.getResource(Autogenerator.DEFAULT_MODEL_LOCATION).exists();
		return new MigrationCommands(manager, author, jsonViews, json, progress,
				new MigrationCommands.Settings(url, modelExists), System.out, System.err);
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationCommandRunner migrationCommandRunner(MigrationCommands commands, ConfigurableApplicationContext context) {
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
