package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.migration.BackupVerifier;
import dev.migration.FleetOptions;
import dev.migration.JavaMigration;
import dev.migration.MigrationConfiguration;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.MigrationException;
import dev.migration.MigrationListener;
import dev.migration.MigrationManager;
import dev.migration.TenantFleet;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationDataSource;
import dev.migration.autoconfigure.MigrationInstance;
import dev.migration.autoconfigure.MigrationInstances;
import dev.migration.autoconfigure.MigrationManagerCustomizer;
import dev.migration.autoconfigure.MigrationProperties;
import dev.migration.autoconfigure.MigrationRunState;
import dev.migration.autogenerate.Autogenerator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
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
	@ConditionalOnMissingBean({ MigrationCommands.class, MigrationInstances.class })
	MigrationCommands migrationCommands(ObjectProvider<MigrationManager> migrationManager,
			ObjectProvider<MigrationProperties> properties, ObjectProvider<MigrationRunState> runState,
			ObjectProvider<DataSource> dataSource, @MigrationDataSource ObjectProvider<DataSource> migrationDataSource,
			ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners,
			ObjectProvider<BackupVerifier> backupVerifiers, ObjectProvider<MigrationManagerCustomizer> customizers,
			ObjectProvider<JsonWriter> jsonWriter, ObjectProvider<ApplicationArguments> applicationArguments,
			ObjectProvider<TenantFleet> tenantFleet, CommandProgress progress, ResourceLoader resourceLoader,
			Environment environment) {
		MigrationProperties migrationProperties = properties.getIfAvailable(MigrationProperties::new);
		Supplier<MigrationManager> manager = () -> {
			MigrationManager available = migrationManager.getIfAvailable();
			if (available == null) {
				throw new MigrationException("No migration manager in this application: command mode needs a "
						+ "DataSource (spring.datasource.url or migration.url) and migration.enabled=true");
			}
			return available;
		};
		// Configured as the manager is, so that create and verify --drift see its scripts.
		Supplier<MigrationConfiguration> configuration = () -> MigrationAutoConfiguration
			.configuration(migrationProperties, environment, resourceLoader, javaMigrations, listeners, backupVerifiers,
					customizers)
			.build();
		String url = StringUtils.hasText(migrationProperties.getUrl()) ? migrationProperties.getUrl()
				: environment.getProperty("spring.datasource.url");
		Database database = new Database(manager,
				() -> authorDataSource(migrationProperties, dataSource, migrationDataSource), configuration,
				() -> runState.getIfAvailable(MigrationRunState::new),
				environment.getProperty(SOURCE_DIRECTORY_PROPERTY, MigrationAuthor.DEFAULT_SOURCE_DIRECTORY), url);
		// Without tenants, tenant add still works: a fleet of none that grows.
		Supplier<TenantFleet> tenants = () -> tenantFleet.getIfAvailable(() -> TenantFleet.create(
				database.dataSource().get(), configuration.get(), List.of(), FleetOptions.defaults()));
		// With tenants the fleet is a bean: migrate and rollback then work on the tenants.
		return commands(database, tenants, () -> tenantFleet.getIfAvailable() != null,
				migrationProperties.getTenants().isMigrateBase(), jsonWriter, applicationArguments, progress,
				resourceLoader, System.out);
	}

	/**
	 * With {@code migration.instances}: the commands of each instance, chosen with
	 * {@code --instance}.
	 */
	@Bean
	@ConditionalOnBean(MigrationInstances.class)
	@ConditionalOnMissingBean
	InstanceCommands migrationInstanceCommands(MigrationInstances instances, ObjectProvider<JsonWriter> jsonWriter,
			ObjectProvider<ApplicationArguments> applicationArguments, CommandProgress progress,
			ResourceLoader resourceLoader) {
		return new InstanceCommands(instances.names(), (name, out) -> {
			MigrationInstance instance = instances.instance(name);
			Database database = new Database(instance::manager, instance::dataSource, instance::configuration,
					instance::runState, instance.properties().getSourceDirectory(), instance.properties().getUrl());
			TenantFleet fleet = instance.tenantFleet();
			// As for a single database: without tenants, tenant add works on a fleet of none that grows.
			Supplier<TenantFleet> tenants = (fleet != null) ? () -> fleet : () -> TenantFleet
				.create(instance.dataSource(), instance.configuration(), List.of(), FleetOptions.defaults());
			return commands(database, tenants, () -> fleet != null,
					instance.properties().getTenants().isMigrateBase(), jsonWriter, applicationArguments, progress,
					resourceLoader, out);
		}, System.out, System.err);
	}

	private static MigrationCommands commands(Database database, Supplier<TenantFleet> tenants,
			BooleanSupplier tenantsConfigured, boolean migrateBase, ObjectProvider<JsonWriter> jsonWriter,
			ObjectProvider<ApplicationArguments> applicationArguments, CommandProgress progress,
			ResourceLoader resourceLoader, PrintStream out) {
		DuckDbFileCheck fileCheck = new DuckDbFileCheck(database.dataSource(),
				applicationArguments.getIfAvailable(() -> new DefaultApplicationArguments()).getSourceArgs());
		Supplier<MigrationManager> manager = () -> {
			MigrationManager available = database.manager().get();
			fileCheck.refuseIfHeld();
			return available;
		};
		Supplier<MigrationAuthor> author = () -> MigrationAuthor.create(database.dataSource().get(),
				database.configuration().get(), Path.of(database.sourceDirectory()).toAbsolutePath());
		Supplier<JsonViews> jsonViews = () -> JsonViews.of(manager.get(), database.runState().get(),
				resourceLoader.getClassLoader());
		JsonWriter json = jsonWriter.getIfAvailable(() -> (value) -> {
			throw new MigrationException("--json needs Jackson (tools.jackson.core:jackson-databind) on the class path");
		});
		boolean modelExists = resourceLoader.getResource(Autogenerator.DEFAULT_MODEL_LOCATION).exists();
		return new MigrationCommands(manager, author, jsonViews, json, progress,
				new MigrationCommands.Settings(database.url(), modelExists, database.dataSource()), tenants,
				tenantsConfigured, migrateBase, out, System.err);
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationCommandRunner migrationCommandRunner(ObjectProvider<MigrationCommands> commands,
			ObjectProvider<InstanceCommands> instanceCommands, ConfigurableApplicationContext context) {
		IntConsumer exit = (code) -> System.exit(SpringApplication.exit(context, () -> code));
		InstanceCommands instances = instanceCommands.getIfAvailable();
		return (instances != null) ? new MigrationCommandRunner(instances, exit)
				: new MigrationCommandRunner(commands.getObject(), exit);
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

	/**
	 * The database the commands work on, and how to reach it.
	 *
	 * @param manager its manager
	 * @param dataSource its DataSource, chosen as the manager's is
	 * @param configuration the configuration of its manager, for create and verify --drift
	 * @param runState the run state the JSON views report
	 * @param sourceDirectory where create and merge write scripts
	 * @param url its JDBC URL, for the offline dialect; may be {@code null}, for a
	 * DataSource bean: the dialect is then the DataSource's
	 */
	private record Database(Supplier<MigrationManager> manager, Supplier<@Nullable DataSource> dataSource,
			Supplier<MigrationConfiguration> configuration, Supplier<MigrationRunState> runState,
			String sourceDirectory, @Nullable String url) {

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
