package dev.migration.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.migration.BackupVerifier;
import dev.migration.JavaMigration;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationListener;
import dev.migration.MigrationManager;
import dev.migration.TenantFleet;
import dev.migration.TenantProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Builds the {@link MigrationInstances} from {@code migration.instances}: for each, its
 * DataSource (a bean by name, or a small pool for a URL), then its manager, configured
 * as the single manager is, and its tenants when it has any. Java migrations,
 * listeners, backup verifiers, customizers and tenant providers apply to every instance,
 * unless a {@code @Qualifier} names one instance: then to that one only.
 */
final class MigrationInstanceFactory {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			MigrationInstanceFactory.class.getClassLoader());

	private final ConfigurableListableBeanFactory beanFactory;

	private final Environment environment;

	private final ResourceLoader resourceLoader;

	private final ObjectProvider<InstanceListeners> instanceListeners;

	MigrationInstanceFactory(ConfigurableListableBeanFactory beanFactory, Environment environment,
			ResourceLoader resourceLoader, ObjectProvider<InstanceListeners> instanceListeners) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.resourceLoader = resourceLoader;
		this.instanceListeners = instanceListeners;
	}

	/**
	 * Builds every instance, failing on the first one whose database is not set right,
	 * with nothing left open.
	 * @param configured the settings by instance name
	 * @return the instances
	 */
	MigrationInstances create(Map<String, MigrationProperties> configured) {
		Map<String, MigrationInstance> instances = new LinkedHashMap<>();
		List<AutoCloseable> pools = new ArrayList<>();
		try {
			for (Map.Entry<String, MigrationProperties> entry : configured.entrySet()) {
				instances.put(entry.getKey(), create(entry.getKey(), entry.getValue(), configured.keySet(), pools));
			}
		}
		catch (RuntimeException ex) {
			closeAll(pools, ex);
			throw ex;
		}
		return new MigrationInstances(instances, pools);
	}

	private MigrationInstance create(String name, MigrationProperties properties, Set<String> names,
			List<AutoCloseable> pools) {
		DataSource dataSource = dataSource(name, properties, pools);
		EmbeddedTestDatabaseCheck.check(dataSource);
		MigrationConfiguration.Builder builder = properties.applyTo(MigrationConfiguration.builder())
			.production(properties.isProduction(this.environment))
			.javaMigrations(beans(JavaMigration.class, name, names))
			.listeners(listeners(name, names))
			.backupVerifiers(beans(BackupVerifier.class, name, names))
			.classLoader(this.resourceLoader.getClassLoader());
		beans(MigrationManagerCustomizer.class, name, names).forEach((customizer) -> customizer.customize(builder));
		MigrationConfiguration configuration = builder.build();
		List<TenantProvider> tenantProviders = beans(TenantProvider.class, name, names);
		TenantFleet fleet = (properties.getTenants().isConfigured() || !tenantProviders.isEmpty())
				? TenantFleetFactory.create(dataSource, configuration, properties.getTenants(), tenantProviders,
						MigrationInstances.PROPERTY + "." + name + ".tenants")
				: null;
		return new MigrationInstance(name, properties, dataSource, configuration,
				MigrationManager.create(dataSource, configuration), new MigrationRunState(), fleet);
	}

	private List<MigrationListener> listeners(String name, Set<String> names) {
		List<MigrationListener> listeners = new ArrayList<>(beans(MigrationListener.class, name, names));
		this.instanceListeners.orderedStream().forEach((source) -> listeners.add(source.listener(name)));
		return listeners;
	}

	/**
	 * The beans of a type for one instance: those without a qualifier naming an
	 * instance, and those whose qualifier names this one; in their order.
	 */
	private <T> List<T> beans(Class<T> type, String name, Set<String> names) {
		List<T> beans = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(type)) {
			boolean forAnother = names.stream()
				.anyMatch((other) -> !other.equals(name)
						&& BeanFactoryAnnotationUtils.isQualifierMatch(other::equals, beanName, this.beanFactory));
			if (!forAnother) {
				beans.add(this.beanFactory.getBean(beanName, type));
			}
		}
		AnnotationAwareOrderComparator.sort(beans);
		return beans;
	}

	private DataSource dataSource(String name, MigrationProperties properties, List<AutoCloseable> pools) {
		String prefix = MigrationInstances.PROPERTY + "." + name + ".";
		String beanName = properties.getDataSource();
		String url = properties.getUrl();
		if (StringUtils.hasText(beanName) && StringUtils.hasText(url)) {
			throw new InvalidConfigurationPropertyValueException(prefix + "url", url, "Migration instance '" + name
					+ "' sets both " + prefix + "data-source and " + prefix + "url: set one of them");
		}
		if (StringUtils.hasText(beanName)) {
			if (!this.beanFactory.containsBean(beanName)
					|| !this.beanFactory.isTypeMatch(beanName, DataSource.class)) {
				throw new InvalidConfigurationPropertyValueException(prefix + "data-source", beanName,
						"Migration instance '" + name + "' names no DataSource bean: " + prefix + "data-source is '"
								+ beanName + "', and the DataSource beans are "
								+ describe(this.beanFactory.getBeanNamesForType(DataSource.class)));
			}
			return this.beanFactory.getBean(beanName, DataSource.class);
		}
		if (!StringUtils.hasText(url)) {
			// No value to quote: a plain message rather than an invalid property value.
			throw new IllegalStateException("Migration instance '" + name + "' has no database: set " + prefix
					+ "data-source to the name of a DataSource bean, or " + prefix + "url (with user and password)");
		}
		if (HIKARI_PRESENT) {
			return Pool.create(name, url, properties, pools);
		}
		// Not pooled without HikariCP, as the single manager's migration.url.
		return new SimpleDriverDataSource(MigrationAutoConfiguration.driver(url), url, properties.getUser(),
				properties.getPassword());
	}

	private static String describe(String[] names) {
		return (names.length != 0) ? "'" + String.join("', '", Arrays.asList(names)) + "'" : "none";
	}

	private static void closeAll(List<AutoCloseable> pools, RuntimeException failure) {
		for (AutoCloseable pool : pools) {
			try {
				pool.close();
			}
			catch (Exception ex) {
				failure.addSuppressed(ex);
			}
		}
	}

	/**
	 * A small pool for an instance given by a URL: the engine borrows a connection or two
	 * per operation, and none is kept open while idle. Apart so that HikariCP stays
	 * optional.
	 */
	private static final class Pool {

		static DataSource create(String name, String url, MigrationProperties properties,
				List<AutoCloseable> pools) {
			HikariDataSource pool = new HikariDataSource();
			pool.setPoolName("migration-" + name);
			pool.setJdbcUrl(url);
			pool.setUsername(properties.getUser());
			pool.setPassword(properties.getPassword());
			pool.setMaximumPoolSize(2);
			pool.setMinimumIdle(0);
			pools.add(pool);
			return pool;
		}

	}

}
