package dev.migration.autoconfigure;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.migration.BackupVerifier;
import dev.migration.JavaMigration;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationListener;
import dev.migration.MigrationManager;
import dev.migration.TenantFleet;
import dev.migration.TenantProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link MigrationManager}, and of the {@link MigrationRunner}
 * that migrates when the application starts ({@code migration.run-at}). Also takes part
 * in the test slices that set up a database ({@code @DataJpaTest}, {@code @JdbcTest},
 * {@code @DataJdbcTest}).
 * <p>
 * With {@code migration.instances}, one manager and one runner per instance instead, made
 * by the {@link MigrationInstances} bean.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(MigrationManager.class)
@Conditional(MigrationAutoConfiguration.MigrationDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "migration.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrationProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class MigrationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(InstancesCondition.Absent.class)
	static class MigrationManagerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationManager migrationManager(MigrationProperties properties, ResourceLoader resourceLoader,
				Environment environment, ObjectProvider<DataSource> dataSource,
				@MigrationDataSource ObjectProvider<DataSource> migrationDataSource,
				ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners,
				ObjectProvider<BackupVerifier> backupVerifiers, ObjectProvider<MigrationManagerCustomizer> customizers) {
			MigrationConfiguration configuration = configuration(properties, environment, resourceLoader,
					javaMigrations, listeners, backupVerifiers, customizers)
				.build();
			DataSource migrated = migrationDataSource(properties, dataSource, migrationDataSource);
			EmbeddedTestDatabaseCheck.check(migrated);
			return MigrationManager.create(migrated, configuration);
		}

		/**
		 * With {@code migration.tenants} or a {@link TenantProvider} bean: the tenants,
		 * with the manager's configuration and DataSource, each in its own schema or
		 * database.
		 */
		@Bean
		@ConditionalOnMissingBean
		@Conditional(TenantsCondition.Configured.class)
		TenantFleet migrationTenantFleet(MigrationProperties properties, ResourceLoader resourceLoader,
				Environment environment, ObjectProvider<DataSource> dataSource,
				@MigrationDataSource ObjectProvider<DataSource> migrationDataSource,
				ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners,
				ObjectProvider<BackupVerifier> backupVerifiers, ObjectProvider<MigrationManagerCustomizer> customizers,
				ObjectProvider<TenantProvider> tenantProviders) {
			MigrationConfiguration configuration = configuration(properties, environment, resourceLoader,
					javaMigrations, listeners, backupVerifiers, customizers)
				.build();
			DataSource migrated = migrationDataSource(properties, dataSource, migrationDataSource);
			return TenantFleetFactory.create(migrated, configuration, properties.getTenants(),
					tenantProviders.orderedStream().toList(), "migration.tenants");
		}

		@Bean
		@ConditionalOnMissingBean
		MigrationRunState migrationRunState() {
			return new MigrationRunState();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(InstancesCondition.Present.class)
	@Import(MigrationInstancesRegistrar.class)
	static class MigrationInstancesConfiguration {

		@Bean(name = MigrationInstancesRegistrar.INSTANCES_BEAN)
		@ConditionalOnMissingBean
		MigrationInstances migrationInstances(ConfigurableListableBeanFactory beanFactory, Environment environment,
				ResourceLoader resourceLoader, ObjectProvider<InstanceListeners> instanceListeners) {
			return new MigrationInstanceFactory(beanFactory, environment, resourceLoader, instanceListeners)
				.create(MigrationInstances.configured(environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(InstancesCondition.Absent.class)
	@ConditionalOnBooleanProperty(name = "migration.auto-migrate", matchIfMissing = true)
	static class MigrationRunnerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationRunner migrationRunner(MigrationManager migrationManager, MigrationProperties properties,
				MigrationRunState runState, ObjectProvider<DataSource> dataSource,
				@MigrationDataSource ObjectProvider<DataSource> migrationDataSource,
				ObjectProvider<TenantFleet> tenantFleet) {
			TenantFleet fleet = tenantFleet.getIfAvailable();
			MigrationRunner runner;
			if (!properties.isWarmUp()) {
				runner = new MigrationRunner(migrationManager, properties, runState);
			}
			else {
				// Started once the runner knows it runs when the application is ready.
				runner = new MigrationRunner(migrationManager, properties, runState,
						() -> MigrationWarmUp.start(migrationManager,
								warmUpDataSource(properties, dataSource, migrationDataSource), fleet == null));
			}
			runner.setTenantFleet(fleet);
			return runner;
		}

		/**
		 * The DataSource the manager migrates, chosen as for the auto-configured one; for
		 * a manager of the application's own, there may be none to pick.
		 */
		private static @Nullable DataSource warmUpDataSource(MigrationProperties properties,
				ObjectProvider<DataSource> dataSource, ObjectProvider<DataSource> migrationDataSource) {
			try {
				return migrationDataSource(properties, dataSource, migrationDataSource);
			}
			catch (IllegalStateException | BeansException ex) {
				return null;
			}
		}

	}

	/**
	 * The configuration of the auto-configured manager, not built yet: the properties,
	 * the Java migrations, listeners and backup verifiers, then the customizers. Command
	 * mode builds the configuration of its {@code create} and {@code verify --drift}
	 * here too, so that they see the scripts and settings the manager sees; public for
	 * that package only.
	 * @param properties the properties
	 * @param environment the environment, for the production profiles
	 * @param resourceLoader the resource loader, for its class loader
	 * @param javaMigrations the Java migration beans
	 * @param listeners the listener beans
	 * @param backupVerifiers the backup verifier beans
	 * @param customizers the customizers, applied last
	 * @return the builder
	 */
	public static MigrationConfiguration.Builder configuration(MigrationProperties properties,
			Environment environment, ResourceLoader resourceLoader, ObjectProvider<JavaMigration> javaMigrations,
			ObjectProvider<MigrationListener> listeners, ObjectProvider<BackupVerifier> backupVerifiers,
			ObjectProvider<MigrationManagerCustomizer> customizers) {
		MigrationConfiguration.Builder builder = properties.applyTo(MigrationConfiguration.builder())
			.production(properties.isProduction(environment))
			.javaMigrations(javaMigrations.orderedStream().toList())
			.listeners(listeners.orderedStream().toList())
			.backupVerifiers(backupVerifiers.orderedStream().toList())
			.classLoader(resourceLoader.getClassLoader());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * The DataSource to migrate: {@code migration.url}, else the one marked
	 * {@link MigrationDataSource @MigrationDataSource}, else the unique one.
	 */
	static DataSource migrationDataSource(MigrationProperties properties, ObjectProvider<DataSource> dataSource,
			ObjectProvider<DataSource> migrationDataSource) {
		if (StringUtils.hasText(properties.getUrl())) {
			// Not pooled: the engine borrows a connection or two per operation, and
			// nothing is left open to close once the migrations ran.
			return new SimpleDriverDataSource(driver(properties.getUrl()), properties.getUrl(), properties.getUser(),
					properties.getPassword());
		}
		DataSource qualified = migrationDataSource.getIfAvailable();
		if (qualified != null) {
			return qualified;
		}
		DataSource unique = dataSource.getIfUnique();
		if (unique == null) {
			throw new IllegalStateException("No unique DataSource to migrate: mark one with @MigrationDataSource, "
					+ "mark one @Primary or set migration.url");
		}
		return unique;
	}

	static Driver driver(String url) {
		try {
			return DriverManager.getDriver(url);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No JDBC driver accepts migration.url '"
					+ MigrationRunState.describe(url) + "': add the database's driver to the class path", ex);
		}
	}

	/**
	 * Matches when there is a DataSource to migrate: a single candidate, one marked
	 * {@link MigrationDataSource @MigrationDataSource}, or {@code migration.url}.
	 */
	static final class MigrationDataSourceCondition extends AnyNestedCondition {

		MigrationDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnSingleCandidate(DataSource.class)
		static class SingleDataSource {

		}

		@ConditionalOnBean(value = DataSource.class, annotation = MigrationDataSource.class)
		static class QualifiedDataSource {

		}

		@ConditionalOnProperty("migration.url")
		static class MigrationUrl {

		}

		@Conditional(InstancesCondition.Present.class)
		static class Instances {

		}

	}

}
