package dev.migration.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.migration.autoconfigure.MigrationProperties.RunAt;
import dev.migration.autoconfigure.command.MigrationCommandEnvironmentPostProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * When the migrations of this application run, as {@code migration.run-at} and the
 * beans of the context decide it, and why. A function of the bean definitions and the
 * environment only: nothing is instantiated to decide, so the
 * {@link MigrationDatabaseInitializerDetector} and the {@link MigrationRunner} reach the
 * same decision.
 *
 * @param runAt {@link RunAt#STARTUP} or {@link RunAt#READY}, never {@link RunAt#AUTO}
 * @param reason why, for the log
 * @param conflict with {@link RunAt#READY}, what would use the schema before the
 * migrations ran; otherwise {@code null}
 * @param warning with {@link RunAt#STARTUP}, what would change the migrated schema
 * after the migrations ran; otherwise {@code null}
 */
record RunAtDecision(RunAt runAt, String reason, @Nullable SchemaUse conflict, @Nullable SchemaUse warning) {

	private static final String ENTITY_MANAGER_FACTORY = "jakarta.persistence.EntityManagerFactory";

	private static final String SCRIPT_INITIALIZER = "org.springframework.boot.sql.init.AbstractScriptDatabaseInitializer";

	private static final String HIBERNATE = "Hibernate";

	private static final String SQL_SCRIPTS = "Spring Boot's SQL scripts (schema.sql, data.sql)";

	/**
	 * The schema actions with which Hibernate reads or changes the schema as it starts.
	 */
	private static final Set<String> SCHEMA_ACTIONS = Set.of("validate", "update", "create", "create-drop",
			"drop-and-create", "create-only", "drop");

	/**
	 * The schema actions that replace tables the migrations created.
	 */
	private static final Set<String> RECREATING_ACTIONS = Set.of("create", "create-drop", "drop-and-create", "drop");

	/**
	 * Whether the migrations run as the application starts at all: not in command mode,
	 * where the command does the work, nor with {@code migration.auto-migrate=false}.
	 * @param environment the environment
	 * @return {@code true} if they run on start
	 */
	static boolean migratesOnStart(Environment environment) {
		Binder binder = Binder.get(environment);
		return !binder.bind(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY, Boolean.class).orElse(false)
				&& binder.bind("migration.auto-migrate", Boolean.class).orElse(true);
	}

	/**
	 * Decides when the migrations run, reading {@code migration.run-at} from the
	 * environment.
	 * @param beanFactory the bean factory, with every bean definition registered
	 * @param environment the environment
	 * @return the decision
	 */
	static RunAtDecision decide(ConfigurableListableBeanFactory beanFactory, Environment environment) {
		return decide(Binder.get(environment).bind("migration.run-at", RunAt.class).orElse(RunAt.AUTO), beanFactory,
				environment);
	}

	/**
	 * Decides when the migrations run.
	 * @param configured {@code migration.run-at}
	 * @param beanFactory the bean factory, with every bean definition registered
	 * @param environment the environment, for the JPA and SQL initialization settings
	 * @return the decision
	 */
	static RunAtDecision decide(RunAt configured, ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		List<String> entityManagerFactories = beansOfType(beanFactory, ENTITY_MANAGER_FACTORY);
		SchemaUse hibernate = entityManagerFactories.isEmpty() ? null : hibernateSchemaUse(environment);
		SchemaUse scripts = scriptsSchemaUse(beanFactory, environment);
		if (configured == RunAt.STARTUP) {
			return startup("migration.run-at=startup", hibernate);
		}
		if (configured == RunAt.READY) {
			return new RunAtDecision(RunAt.READY, "migration.run-at=ready", (hibernate != null) ? hibernate : scripts,
					null);
		}
		List<String> needs = new ArrayList<>();
		if (!entityManagerFactories.isEmpty()) {
			needs.add(beans("a JPA EntityManagerFactory", entityManagerFactories));
		}
		List<String> runners = runners(beanFactory);
		if (!runners.isEmpty()) {
			needs.add(beans("ApplicationRunner or CommandLineRunner beans", runners));
		}
		if (scripts != null) {
			needs.add(SQL_SCRIPTS + " (" + scripts.setting() + ")");
		}
		// The one look at every bean definition, run at every start (by the detector and
		// the runner alike): only when nothing cheaper decided already.
		List<String> dependents = needs.isEmpty() ? markedDependents(beanFactory) : List.of();
		if (!dependents.isEmpty()) {
			needs.add(beans("beans marked @DependsOnDatabaseInitialization", dependents));
		}
		if (needs.isEmpty()) {
			return new RunAtDecision(RunAt.READY, "migration.run-at=auto, and no JPA EntityManagerFactory, "
					+ "ApplicationRunner, CommandLineRunner or @DependsOnDatabaseInitialization bean needs the "
					+ "schema while the application starts", null, null);
		}
		return startup("migration.run-at=auto, and these need the schema while the application starts: "
				+ String.join("; ", needs), hibernate);
	}

	private static RunAtDecision startup(String reason, @Nullable SchemaUse hibernate) {
		boolean recreates = hibernate != null && RECREATING_ACTIONS.contains(hibernate.value().toLowerCase(Locale.ROOT));
		return new RunAtDecision(RunAt.STARTUP, reason, null, recreates ? hibernate : null);
	}

	/**
	 * The decision for a runner outside an application context, where nothing can need
	 * the schema while it starts: {@code migration.run-at} alone.
	 * @param configured {@code migration.run-at}
	 * @return the decision
	 */
	static RunAtDecision withoutContext(RunAt configured) {
		return (configured == RunAt.STARTUP) ? new RunAtDecision(RunAt.STARTUP, "migration.run-at=startup", null, null)
				: new RunAtDecision(RunAt.READY, "migration.run-at=" + configured.name().toLowerCase(Locale.ROOT), null,
						null);
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

	/**
	 * Hibernate's schema action as Spring Boot gives it to Hibernate: its own
	 * {@code hibernate.hbm2ddl.auto} wins over {@code ddl-auto}, which wins over
	 * {@code generate-ddl}; the JPA schema generation is a setting of its own.
	 */
	static @Nullable SchemaUse hibernateSchemaUse(Environment environment) {
		String generation = environment.getProperty(
				"spring.jpa.properties.jakarta.persistence.schema-generation.database.action");
		if (generation != null && SCHEMA_ACTIONS.contains(generation.trim().toLowerCase(Locale.ROOT))) {
			return new SchemaUse(HIBERNATE, "spring.jpa.properties.jakarta.persistence.schema-generation.database.action",
					generation.trim(), "none");
		}
		for (String property : new String[] { "spring.jpa.properties.hibernate.hbm2ddl.auto",
				"spring.jpa.hibernate.ddl-auto" }) {
			String value = environment.getProperty(property);
			if (value != null) {
				return SCHEMA_ACTIONS.contains(value.trim().toLowerCase(Locale.ROOT))
						? new SchemaUse(HIBERNATE, property, value.trim(), "none") : null;
			}
		}
		if ("true".equalsIgnoreCase(environment.getProperty("spring.jpa.generate-ddl", "").trim())) {
			return new SchemaUse(HIBERNATE, "spring.jpa.generate-ddl", "true", "false");
		}
		return null;
	}

	/**
	 * Spring Boot's script initialization, when it runs its scripts on this database:
	 * only with {@code spring.sql.init.mode=always}, as DuckDB and PostgreSQL are not
	 * embedded databases to it.
	 */
	private static @Nullable SchemaUse scriptsSchemaUse(ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		String mode = environment.getProperty("spring.sql.init.mode");
		if (mode == null || !mode.trim().equalsIgnoreCase("always")
				|| beansOfType(beanFactory, SCRIPT_INITIALIZER).isEmpty()) {
			return null;
		}
		return new SchemaUse(SQL_SCRIPTS, "spring.sql.init.mode", mode.trim(), "never");
	}

	private static List<String> beansOfType(ConfigurableListableBeanFactory beanFactory, String className) {
		if (!ClassUtils.isPresent(className, beanFactory.getBeanClassLoader())) {
			return List.of();
		}
		Class<?> type = ClassUtils.resolveClassName(className, beanFactory.getBeanClassLoader());
		return Arrays.asList(beanFactory.getBeanNamesForType(type, true, false));
	}

	private static List<String> runners(ConfigurableListableBeanFactory beanFactory) {
		List<String> runners = new ArrayList<>();
		for (Class<?> type : new Class<?>[] { ApplicationRunner.class, CommandLineRunner.class }) {
			for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
				// The command-line mode's own runner needs no schema: it is what migrates.
				if (!isCommandMode(beanFactory.getType(name, false)) && !runners.contains(name)) {
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
			if (type != null && !type.getName().startsWith("org.springframework.")
					&& beanFactory.findAnnotationOnBean(name, DependsOnDatabaseInitialization.class, false) != null) {
				marked.add(name);
			}
		}
		return marked;
	}

	private static boolean isCommandMode(@Nullable Class<?> type) {
		return type != null && type.getPackageName().equals(MigrationCommandEnvironmentPostProcessor.class.getPackageName());
	}

	private static String beans(String kind, List<String> names) {
		return names.stream().collect(Collectors.joining("', '", kind + " ('", "')"));
	}

	/**
	 * Something that uses the schema while the application starts, by a setting.
	 *
	 * @param user what uses it, such as {@code Hibernate}
	 * @param property the property that makes it do so
	 * @param value the property's value
	 * @param off the value of the property with which it does not
	 */
	record SchemaUse(String user, String property, String value, String off) {

		String setting() {
			return this.property + "=" + this.value;
		}

	}

}
