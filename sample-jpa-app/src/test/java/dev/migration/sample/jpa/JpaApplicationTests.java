package dev.migration.sample.jpa;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.migration.autoconfigure.MigrationProperties.RunAt;
import dev.migration.autoconfigure.MigrationRunner;
import dev.migration.autoconfigure.SchemaNeededAtStartupException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The JPA application started as a user starts it, on a fresh PostgreSQL database and a
 * fresh DuckDB file: Hibernate validates the schema ({@code ddl-auto=validate}), a
 * repository and a {@code CommandLineRunner} read it, and the migrations must have run
 * before all three.
 */
@ExtendWith(OutputCaptureExtension.class)
class JpaApplicationTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Database.class)
	void startsOnAFreshDatabaseWithNoMigrationSetting(Database database, CapturedOutput output) {
		database.run(this.directory, List.of(), (context) -> {
			assertThat(context.getBean(CustomerReport.class).getCount()).isEqualTo(2);
			assertThat(context.getBean(CustomerRepository.class).findByEmail("ada@example.com")).isPresent();
			assertThat(context.getBean(MigrationRunner.class).getRunAt()).isEqualTo(RunAt.STARTUP);
		});
		assertThat(output).contains("Migrations run during startup, before the beans that use the database "
				+ "(migration.run-at=auto, and these need the schema while the application starts: a JPA "
				+ "EntityManagerFactory ('entityManagerFactory'); ApplicationRunner or CommandLineRunner beans "
				+ "('customerReport'))");
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void startsOnAFreshDatabaseWithRunAtStartup(Database database) {
		database.run(this.directory, List.of("migration.run-at=startup"), (context) -> {
			assertThat(context.getBean(CustomerReport.class).getCount()).isEqualTo(2);
			context.getBean(CustomerRepository.class).save(new Customer("Grace Hopper", "grace@example.com"));
			assertThat(context.getBean(CustomerRepository.class).count()).isEqualTo(3);
		});
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void failsFastWithRunAtReadyBeforeHibernateValidates(Database database, CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> database.run(this.directory, List.of("migration.run-at=ready"), (context) -> {
			}))
			.satisfies((failure) -> assertThat(causes(failure))
				.anySatisfy((cause) -> assertThat(cause).isInstanceOf(SchemaNeededAtStartupException.class)));
		assertThat(output).contains("Migrations run once the application is ready (migration.run-at=ready), but "
				+ "Hibernate would use the schema while the application starts (spring.jpa.hibernate.ddl-auto=validate)")
			.contains("Remove migration.run-at=ready")
			.doesNotContain("Schema validation: missing table");
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	/**
	 * The databases the application runs on, each fresh.
	 */
	enum Database {

		DUCKDB {
			@Override
			void run(Path directory, List<String> properties, Consumer<ConfigurableApplicationContext> check) {
				start("jdbc:duckdb:" + directory.resolve("app.db"), properties, check);
			}
		},

		POSTGRESQL {
			@Override
			void run(Path directory, List<String> properties, Consumer<ConfigurableApplicationContext> check) {
				try (PostgresDatabase database = PostgresDatabase.create()) {
					List<String> withProfile = new ArrayList<>(properties);
					withProfile.add("spring.profiles.active=postgres");
					start(database.url(), withProfile, check);
				}
			}
		};

		abstract void run(Path directory, List<String> properties, Consumer<ConfigurableApplicationContext> check);

		static void start(String url, List<String> properties, Consumer<ConfigurableApplicationContext> check) {
			// As command-line arguments: they override application.yml, as they would for a user.
			List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url,
					"--spring.main.banner-mode=off"));
			properties.forEach((property) -> arguments.add("--" + property));
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleJpaApplication.class)
				.web(WebApplicationType.NONE)
				.run(arguments.toArray(String[]::new))) {
				check.accept(context);
			}
		}

	}

}
