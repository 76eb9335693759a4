package dev.migration.autoconfigure.observation;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.migration.MigrationManager;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationInstances;
import dev.migration.autoconfigure.MigrationMetricsAutoConfiguration;
import dev.migration.autoconfigure.PostgresDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the observations of several databases ({@code migration.instances}): a
 * PostgreSQL database given by a DataSource bean name ({@code reporting}) and a DuckDB
 * file given by a URL ({@code analytics}); the observations, and the timers made of
 * them, carry {@code instance}.
 */
class MigrationInstanceObservationsTests {

	@TempDir
	Path directory;

	private PostgresDatabase postgres;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void createPostgresDatabase() {
		this.postgres = PostgresDatabase.create();
	}

	@AfterEach
	void dropPostgresDatabase() {
		this.postgres.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
					MigrationMetricsAutoConfiguration.class, MigrationObservationAutoConfiguration.class))
			.withBean("reportingDataSource", DataSource.class,
					() -> new SimpleDriverDataSource(new org.postgresql.Driver(), this.postgres.url()))
			.withBean(MeterRegistry.class, () -> this.meters)
			.withBean(TestObservationRegistry.class, () -> {
				TestObservationRegistry registry = TestObservationRegistry.create();
				// As Spring Boot does with metrics on: a timer per observation name.
				registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
				return registry;
			})
			.withPropertyValues("migration.instances.reporting.data-source=reportingDataSource",
					"migration.instances.reporting.auto-migrate=false",
					"migration.instances.analytics.url=jdbc:duckdb:"
							+ this.directory.resolve("analytics.db").toAbsolutePath(),
					"migration.instances.analytics.locations=classpath:db/customized",
					"migration.instances.analytics.auto-migrate=false");
	}

	@Test
	void eachInstanceHasObservationsOfItsOwnInsteadOfTheSharedListener() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(MigrationInstanceObservations.class)
			.doesNotHaveBean(MigrationObservations.class));
	}

	@Test
	void anApplicationsOwnObservationsReplaceThoseOfTheInstances() {
		contextRunner()
			.withBean("ownObservations", MigrationObservations.class,
					() -> new MigrationObservations(TestObservationRegistry.create()))
			.run((context) -> assertThat(context).hasSingleBean(MigrationObservations.class)
				.doesNotHaveBean(MigrationInstanceObservations.class));
	}

	@Test
	void runsAndMigrationsOfEachInstanceCarryTheInstanceKeyValue() {
		contextRunner().run((context) -> {
			MigrationInstances instances = context.getBean(MigrationInstances.class);
			instances.manager("reporting").migrate();
			instances.manager("analytics").migrate();
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThat(registry).hasNumberOfObservationsWithNameEqualTo("migration.run", 2)
				.hasNumberOfObservationsWithNameEqualTo("migration.migration", 3)
				.hasAnObservation((run) -> run.hasNameEqualTo("migration.run")
					.hasLowCardinalityKeyValue("instance", "reporting")
					.hasLowCardinalityKeyValue("operation", "migrate")
					.hasLowCardinalityKeyValue("outcome", "success"))
				.hasAnObservation((run) -> run.hasNameEqualTo("migration.run")
					.hasLowCardinalityKeyValue("instance", "analytics")
					.hasLowCardinalityKeyValue("outcome", "success"))
				.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
					.filteredOn(MigrationObservationContext.class::isInstance)
					.hasSize(3)
					// Each migration nests under the run of its own instance.
					.allSatisfy((migration) -> assertThat(instance(migration.getParentObservation().getContextView()))
						.isEqualTo(instance(migration))
						.isIn("reporting", "analytics")));
			assertThat(registry).hasAnObservation((migration) -> migration.hasNameEqualTo("migration.migration")
				.hasLowCardinalityKeyValue("instance", "analytics")
				.hasHighCardinalityKeyValue("revision", "c1"));
		});
	}

	@Test
	void timersMadeOfTheObservationsAreTaggedWithTheInstanceAsTheMigrationMetersAre() {
		contextRunner().run((context) -> {
			MigrationInstances instances = context.getBean(MigrationInstances.class);
			instances.manager("reporting").migrate();
			instances.manager("analytics").migrate();
			instances.manager("analytics").rollback();
			assertThat(timerCount("migration.run", "reporting")).isEqualTo(1);
			assertThat(timerCount("migration.run", "analytics")).isEqualTo(2);
			assertThat(timerCount("migration.migration", "reporting")).isEqualTo(2);
			assertThat(timerCount("migration.migration", "analytics")).isEqualTo(2);
			assertThat(this.meters.find("migration.run").timers())
				.allSatisfy((timer) -> assertThat(timer.getId().getTag("instance")).isNotNull());
			// The engine's meters of the same runs, tagged alike.
			assertThat(timerCount("migration.duration", "reporting")).isEqualTo(2);
			assertThat(timerCount("migration.duration", "analytics")).isEqualTo(2);
		});
	}

	@Test
	void theSingleManagerKeepsItsKeyValuesWithoutInstance() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
					MigrationObservationAutoConfiguration.class))
			.withBean(DataSource.class,
					() -> new SimpleDriverDataSource(new org.postgresql.Driver(), this.postgres.url()))
			.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("migration.auto-migrate=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationObservations.class)
					.doesNotHaveBean(MigrationInstanceObservations.class);
				context.getBean(MigrationManager.class).migrate();
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				assertThat(registry).hasNumberOfObservationsEqualTo(3);
				List<String> names = List.of("migration.run", "migration.migration");
				for (String name : names) {
					assertThat(registry).forAllObservationsWithNameEqualTo(name,
							(observation) -> observation.doesNotHaveLowCardinalityKeyValueWithKey("instance"));
				}
			});
	}

	private static String instance(Observation.ContextView context) {
		return context.getLowCardinalityKeyValue("instance").getValue();
	}

	private long timerCount(String name, String instance) {
		return this.meters.find(name).tag("instance", instance).timers().stream().mapToLong(Timer::count).sum();
	}

}
