package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.MigrationException;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationManager;
import dev.migration.autoconfigure.MigrationProperties.RunAt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@code migration.run-at}: when the {@link MigrationRunner} migrates, and which
 * beans Spring Boot creates after it.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationRunAtTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationAutoConfiguration.class));

	private ApplicationContextRunner withDatabase(String... properties) {
		return this.contextRunner
			.withPropertyValues("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver",
					"spring.datasource.hikari.maximum-pool-size=2", "migration.warm-up=false")
			.withPropertyValues(properties);
	}

	@Test
	void autoWithoutBeansNeedingTheSchemaMigratesWhenReady(CapturedOutput output) {
		withDatabase().run((context) -> {
			assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.READY);
			assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "users")).isFalse();
			MigrationAutoConfigurationTests.ready(context);
			assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "users")).isTrue();
		});
		assertThat(output).contains("Migrations run once the application is ready, refusing traffic meanwhile "
				+ "(migration.run-at=auto, and no JPA EntityManagerFactory, ApplicationRunner, CommandLineRunner or "
				+ "@DependsOnDatabaseInitialization bean needs the schema while the application starts)");
	}

	@Test
	void autoWithJdbcTemplateAloneMigratesWhenReady() {
		withDatabase().withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcTemplate.class);
				assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.READY);
				// Nothing waits for a runner that migrates only once the application is ready.
				assertThat(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getDependsOn()).isNull();
			});
	}

	@Test
	void autoWithARunnerMigratesDuringStartup(CapturedOutput output) {
		withDatabase().withUserConfiguration(RunnersConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.STARTUP);
			assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "users")).isTrue();
			assertThat(context.getBean(MigrationRunState.class).getLastRun().applied()).containsExactly("a1", "a2");
			// The ready event does not run them a second time.
			MigrationAutoConfigurationTests.ready(context);
			assertThat(context.getBean(MigrationRunState.class).getLastRun().applied()).containsExactly("a1", "a2");
		});
		assertThat(output).contains("Migrations run during startup, before the beans that use the database "
				+ "(migration.run-at=auto, and these need the schema while the application starts: "
				+ "ApplicationRunner or CommandLineRunner beans ('applicationRunner', 'commandLineRunner'))");
	}

	@Test
	void autoWithAMarkedBeanMigratesBeforeItIsCreated() {
		withDatabase().withUserConfiguration(UsersCounter.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.STARTUP);
			assertThat(context.getBean(UsersCounter.class).countAtCreation).isZero();
		});
	}

	@Test
	void startupMigratesBeforeTheJdbcTemplateIsCreated() {
		withDatabase("migration.run-at=startup")
			.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withUserConfiguration(TemplateUserConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.STARTUP);
				assertThat(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getDependsOn())
					.contains("migrationRunner");
				assertThat(context.getBean("usersAtCreation")).isEqualTo(0);
			});
	}

	@Test
	void readyWaitsForTheReadyEventEvenWithRunners() {
		withDatabase("migration.run-at=ready").withUserConfiguration(RunnersConfiguration.class).run((context) -> {
			assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.READY);
			assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "users")).isFalse();
		});
	}

	@Test
	void withoutAutoMigrateNothingMigratesDuringRefresh() {
		withDatabase("migration.auto-migrate=false").withUserConfiguration(RunnersConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MigrationRunner.class);
				assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "users")).isFalse();
			});
	}

	@Test
	void aFailedStartupRunStopsTheRefresh() {
		withDatabase("migration.run-at=startup", "migration.locations=classpath:db/failing").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof MigrationFailedException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(MigrationFailedException.class).hasMessageContaining("b2_broken.sql");
		});
	}

	@Test
	void aFailedReadyRunSaysTheApplicationNeverServed(CapturedOutput output) {
		withDatabase("migration.run-at=ready", "migration.locations=classpath:db/failing").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatExceptionOfType(MigrationFailedException.class)
				.isThrownBy(() -> MigrationAutoConfigurationTests.ready(context));
		});
		assertThat(output).contains("Migrating to 'head' now that the application is ready; readiness is "
				+ "REFUSING_TRAFFIC until the migrations finish")
			.contains("Migrating to 'head' failed; stopping the application (migration.on-failure=fail). It never "
					+ "served traffic: the migrations run once the application is ready (migration.run-at), after "
					+ "Spring Boot's 'Started' line, and readiness refused traffic meanwhile: ")
			.contains("b2_broken.sql");
	}

	@Test
	void aFailedStartupRunSaysNothingOfReadiness(CapturedOutput output) {
		withDatabase("migration.run-at=startup", "migration.locations=classpath:db/failing")
			.run((context) -> assertThat(context).hasFailed());
		assertThat(output).contains("Migrating to 'head' failed; stopping the application (migration.on-failure=fail): ")
			.doesNotContain("It never served traffic");
	}

	@Test
	void aFailedStartupRunKeepsRunningWhenAskedTo() {
		withDatabase("migration.run-at=startup", "migration.locations=classpath:db/failing",
				"migration.on-failure=keep-running")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationRunState.class).getState())
					.isEqualTo(MigrationRunState.State.FAILED);
			});
	}

	@Test
	void anEmbeddedH2DatabaseIsRefusedWithTheTestSliceWayOut() {
		this.contextRunner
			.withBean(DataSource.class,
					() -> new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build())
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof MigrationException)) {
					failure = failure.getCause();
				}
				assertThat(failure).hasMessage("The DataSource to migrate is an embedded H2 database, which the "
						+ "migrations do not support (they run on PostgreSQL and DuckDB). Test slices such as "
						+ "@DataJpaTest, @JdbcTest and @DataJdbcTest replace the application's DataSource with an "
						+ "embedded database: annotate the test with @AutoConfigureTestDatabase(replace = "
						+ "AutoConfigureTestDatabase.Replace.NONE) and give it a PostgreSQL or DuckDB "
						+ "spring.datasource.url");
			});
	}

	@Test
	void autoWithSqlScriptsAlwaysMigratesBeforeThem() {
		withDatabase("spring.sql.init.mode=always", "spring.sql.init.data-locations=classpath:db/init/data.sql")
			.withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.STARTUP);
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT name FROM users", String.class)).isEqualTo("from data.sql");
			});
	}

	@Test
	void readyWithSqlScriptsAlwaysFailsBeforeTheyRun() {
		withDatabase("migration.run-at=ready", "spring.sql.init.mode=always",
				"spring.sql.init.data-locations=classpath:db/init/data.sql")
			.withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(SchemaNeededAtStartupException.class)
					.hasMessage("Migrations run once the application is ready (migration.run-at=ready), but Spring "
							+ "Boot's SQL scripts (schema.sql, data.sql) would use the schema while the application "
							+ "starts (spring.sql.init.mode=always), before the migrations ran");
			});
	}

	@Test
	void readyLetsAJavaMigrationBeanUseTheJdbcTemplate() {
		withDatabase().withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withUserConfiguration(TemplateMigrationConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getDependsOn()).isNull();
				MigrationAutoConfigurationTests.ready(context);
				assertThat(context.getBean(MigrationRunState.class).getLastRun().applied()).containsExactly("a1", "a2",
						"t3");
			});
	}

	@Test
	void inCommandModeEvenAnApplicationsOwnRunnerDoesNothing() {
		withDatabase("migration.command.active=true", "migration.run-at=startup")
			.withUserConfiguration(UserRunnerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationRunner.class).getRunAt()).isNull();
				MigrationAutoConfigurationTests.ready(context);
				assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "users")).isFalse();
			});
	}

	@Test
	void hibernatesSchemaActionIsReadAsSpringBootPassesIt() {
		assertThat(RunAtDecision.hibernateSchemaUse(new MockEnvironment())).isNull();
		assertThat(RunAtDecision.hibernateSchemaUse(
				new MockEnvironment().withProperty("spring.jpa.hibernate.ddl-auto", "validate")))
			.extracting(RunAtDecision.SchemaUse::setting)
			.isEqualTo("spring.jpa.hibernate.ddl-auto=validate");
		// Hibernate's own property wins over ddl-auto, as Spring Boot passes it.
		assertThat(RunAtDecision.hibernateSchemaUse(new MockEnvironment()
			.withProperty("spring.jpa.hibernate.ddl-auto", "validate")
			.withProperty("spring.jpa.properties.hibernate.hbm2ddl.auto", "none"))).isNull();
		assertThat(RunAtDecision.hibernateSchemaUse(
				new MockEnvironment().withProperty("spring.jpa.generate-ddl", "true")))
			.extracting(RunAtDecision.SchemaUse::setting)
			.isEqualTo("spring.jpa.generate-ddl=true");
		assertThat(RunAtDecision.hibernateSchemaUse(new MockEnvironment()
			.withProperty("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "create")))
			.extracting(RunAtDecision.SchemaUse::off)
			.isEqualTo("none");
	}

	@Configuration(proxyBeanMethods = false)
	static class TemplateMigrationConfiguration {

		@Bean
		JavaMigration templateMigration(JdbcTemplate jdbcTemplate) {
			return new JavaMigration() {

				@Override
				public String revision() {
					return "t3";
				}

				@Override
				public List<String> downRevisions() {
					return List.of("a2");
				}

				@Override
				public String message() {
					return "Uses the JdbcTemplate";
				}

				@Override
				public void upgrade(MigrationContext context) throws Exception {
					// The injected template works once the migrations run.
					jdbcTemplate.execute("SELECT 1");
					context.execute("CREATE TABLE t3 (id INTEGER)");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRunnerConfiguration {

		@Bean
		MigrationRunner migrationRunner(MigrationManager manager) {
			return new MigrationRunner(manager, new MigrationProperties(), new MigrationRunState());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RunnersConfiguration {

		@Bean
		ApplicationRunner applicationRunner() {
			return (arguments) -> {
			};
		}

		@Bean
		CommandLineRunner commandLineRunner() {
			return (arguments) -> {
			};
		}

	}

	@Component
	@DependsOnDatabaseInitialization
	static class UsersCounter {

		final int countAtCreation;

		UsersCounter(DataSource dataSource) {
			this.countAtCreation = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM users",
					Integer.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TemplateUserConfiguration {

		@Bean
		Integer usersAtCreation(JdbcTemplate jdbcTemplate) {
			return jdbcTemplate.queryForObject("SELECT count(*) FROM users", Integer.class);
		}

	}

}
