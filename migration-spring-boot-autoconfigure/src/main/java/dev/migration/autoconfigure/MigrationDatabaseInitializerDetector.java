package dev.migration.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.migration.autoconfigure.MigrationProperties.RunAt;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.env.Environment;

/**
 * Tells Spring Boot that the {@link MigrationRunner} initializes the database, so that
 * its {@code DatabaseInitializationDependencyConfigurer} creates the beans that depend on
 * database initialization (the JPA {@code EntityManagerFactory}, and with it Spring Data
 * repositories; {@code JdbcTemplate}, {@code JdbcClient}; beans marked
 * {@code @DependsOnDatabaseInitialization}) after it, when it migrates as it is created
 * ({@link RunAtDecision}: {@code startup}, or {@code auto} choosing it). With
 * {@code ready} it is one only when the runner must stop the start before Hibernate or
 * the SQL scripts use the schema; otherwise nothing waits for it, so a Java migration
 * bean may use a {@code JdbcTemplate} as it always could. With {@code migration.instances},
 * each instance's runner is one as its own {@code run-at} decides.
 */
final class MigrationDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	/**
	 * Where Spring Boot orders Flyway's initializer: before its own script
	 * initialization ({@code data.sql}), which may fill the tables the migrations create.
	 */
	static final int ORDER = 1;

	@Override
	public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
		Environment environment = beanFactory.getBean(Environment.class);
		if (!RunAtDecision.migratesOnStart(environment)) {
			return Set.of();
		}
		Map<String, MigrationProperties> instances = MigrationInstances.configured(environment);
		if (instances.isEmpty()) {
			return initializes(RunAtDecision.decide(beanFactory, environment)) ? super.detect(beanFactory) : Set.of();
		}
		// Each instance's runner as its own run-at decides.
		Set<String> runners = super.detect(beanFactory);
		Set<String> initializers = new LinkedHashSet<>();
		instances.forEach((name, properties) -> {
			String runner = MigrationInstancesRegistrar.runnerBeanName(name);
			if (runners.contains(runner)
					&& initializes(RunAtDecision.decide(properties.getRunAt(), beanFactory, environment))) {
				initializers.add(runner);
			}
		});
		return initializers;
	}

	private static boolean initializes(RunAtDecision decision) {
		return decision.runAt() == RunAt.STARTUP || decision.conflict() != null;
	}

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(MigrationRunner.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
