package dev.migration.autoconfigure;

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
 * bean may use a {@code JdbcTemplate} as it always could.
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
		RunAtDecision decision = RunAtDecision.decide(beanFactory, environment);
		return (decision.runAt() == RunAt.STARTUP || decision.conflict() != null) ? super.detect(beanFactory)
				: Set.of();
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
