package dev.migration.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.migration.autoconfigure.MigrationProperties.RunAt;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * When the migrations of this application run, as {@code migration.run-at} and the
 * beans of the context decide it, and why. A function of the bean definitions and the
 * environment only: nothing is instantiated to decide.
 *
 * @param runAt {@link RunAt#STARTUP} or {@link RunAt#READY}, never {@link RunAt#AUTO}
 * @param reason why, for the log
 * @param conflict with {@link RunAt#READY}, the JPA setting that would fail before the
 * migrations run ({@code spring.jpa.hibernate.ddl-auto=validate}); otherwise
 * {@code null}
 */
record RunAtDecision(RunAt runAt, String reason, @Nullable String conflict) {

	private static final String COMMAND_PACKAGE = "dev.migration.autoconfigure.command.";

	private static final String ENTITY_MANAGER_FACTORY = "jakarta.persistence.EntityManagerFactory";

	/**
	 * The {@code ddl-auto} values with which Hibernate reads or changes the schema while
	 * it starts.
	 */
	private static final Set<String> SCHEMA_TOUCHING_DDL_AUTO = Set.of("validate", "update", "create",
			"create-drop");

	/**
	 * Decides when the migrations run.
	 * @param configured {@code migration.run-at}
	 * @param beanFactory the bean factory, with every bean definition registered
	 * @param environment the environment, for the JPA settings
	 * @return the decision
	 */
	static RunAtDecision decide(RunAt configured, ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		List<String> entityManagerFactories = entityManagerFactories(beanFactory);
		if (configured == RunAt.STARTUP) {
			return new RunAtDecision(RunAt.STARTUP, "migration.run-at=startup", null);
		}
		if (configured == RunAt.READY) {
			return new RunAtDecision(RunAt.READY, "migration.run-at=ready",
					conflict(entityManagerFactories, environment));
		}
		List<String> needs = new ArrayList<>();
		if (!entityManagerFactories.isEmpty()) {
			needs.add(beans("a JPA EntityManagerFactory", entityManagerFactories));
		}
		List<String> runners = runners(beanFactory);
		if (!runners.isEmpty()) {
			needs.add(beans("ApplicationRunner or CommandLineRunner beans", runners));
		}
		List<String> dependents = markedDependents(beanFactory);
		if (!dependents.isEmpty()) {
			needs.add(beans("beans marked @DependsOnDatabaseInitialization", dependents));
		}
		if (needs.isEmpty()) {
			return new RunAtDecision(RunAt.READY, "migration.run-at=auto, and no JPA EntityManagerFactory, "
					+ "ApplicationRunner, CommandLineRunner or @DependsOnDatabaseInitialization bean needs the "
					+ "schema while the application starts", null);
		}
		return new RunAtDecision(RunAt.STARTUP, "migration.run-at=auto, and these need the schema while the "
				+ "application starts: " + String.join("; ", needs), null);
	}

	/**
	 * The line logged at {@code INFO} about the decision.
	 * @return the line
	 */
	String describe() {
		String when = (this.runAt == RunAt.STARTUP)
				? "Migrations run during startup, before the beans that use the database"
				: "Migrations run once the application is ready, refusing traffic meanwhile";
		return when + " (" + this.reason + ")";
	}

	private static @Nullable String conflict(List<String> entityManagerFactories, Environment environment) {
		if (entityManagerFactories.isEmpty()) {
			return null;
		}
		for (String property : new String[] { "spring.jpa.hibernate.ddl-auto",
				"spring.jpa.properties.hibernate.hbm2ddl.auto" }) {
			String value = environment.getProperty(property);
			if (value != null && SCHEMA_TOUCHING_DDL_AUTO.contains(value.trim().toLowerCase(Locale.ROOT))) {
				return property + "=" + value.trim();
			}
		}
		return null;
	}

	private static List<String> entityManagerFactories(ConfigurableListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent(ENTITY_MANAGER_FACTORY, beanFactory.getBeanClassLoader())) {
			return List.of();
		}
		Class<?> type = ClassUtils.resolveClassName(ENTITY_MANAGER_FACTORY, beanFactory.getBeanClassLoader());
		return Arrays.asList(beanFactory.getBeanNamesForType(type, true, false));
	}

	private static List<String> runners(ConfigurableListableBeanFactory beanFactory) {
		List<String> runners = new ArrayList<>();
		for (Class<?> type : new Class<?>[] { ApplicationRunner.class, CommandLineRunner.class }) {
			for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
				// The command-line mode's own runner needs no schema: it is what migrates.
				if (!isOwn(beanFactory.getType(name, false)) && !runners.contains(name)) {
					runners.add(name);
				}
			}
		}
		return runners;
	}

	/**
	 * The beans the application marked: Spring's own that depend on database
	 * initialization (its {@code JdbcTemplate}, {@code JdbcClient}) are ordered after a
	 * startup run anyway, and do not by themselves call for one.
	 */
	private static List<String> markedDependents(ConfigurableListableBeanFactory beanFactory) {
		List<String> marked = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && !isFramework(type)
					&& beanFactory.findAnnotationOnBean(name, DependsOnDatabaseInitialization.class, false) != null) {
				marked.add(name);
			}
		}
		return marked;
	}

	private static boolean isOwn(@Nullable Class<?> type) {
		return type != null && type.getName().startsWith(COMMAND_PACKAGE);
	}

	private static boolean isFramework(Class<?> type) {
		return type.getName().startsWith("org.springframework.");
	}

	private static String beans(String kind, List<String> names) {
		StringBuilder quoted = new StringBuilder(kind).append(" (");
		for (String name : names) {
			quoted.append(name.equals(names.get(0)) ? "'" : ", '").append(name).append('\'');
		}
		return quoted.append(')').toString();
	}

}
