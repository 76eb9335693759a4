package dev.migration.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that the {@link MigrationRunner} initializes the database, so that
 * its {@code DatabaseInitializationDependencyConfigurer} creates the beans that depend on
 * database initialization (the JPA {@code EntityManagerFactory}, and with it Spring Data
 * repositories; {@code JdbcTemplate}, {@code JdbcClient}; beans marked
 * {@code @DependsOnDatabaseInitialization}) after it. With {@code migration.run-at}
 * {@code startup} the runner migrates as it is created; with {@code ready} it only
 * checks, before Hibernate starts, that nothing needs the schema earlier.
 */
class MigrationDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	/**
	 * Where Spring Boot orders Flyway's initializer: before its own script
	 * initialization ({@code data.sql}), which may fill the tables the migrations create.
	 */
	static final int ORDER = 1;

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(MigrationRunner.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
