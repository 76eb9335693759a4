package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migration.MigrationManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of several databases ({@code migration.instances}): a PostgreSQL database given
 * by a DataSource bean name ({@code reporting}) and a DuckDB file given by a URL
 * ({@code analytics}), each with scripts of its own.
 */
class MigrationInstancesTests {

	@TempDir
	Path directory;

	private PostgresDatabase postgres;

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
					MigrationEndpointAutoConfiguration.class, MigrationHealthContributorAutoConfiguration.class,
					MigrationInfoContributorAutoConfiguration.class, MigrationMetricsAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.withBean("reportingDataSource", DataSource.class, this::reportingDataSource)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migration.instances.reporting.data-source=reportingDataSource",
					"migration.instances.reporting.table=reporting_history",
					"migration.instances.reporting.run-at=startup",
					"migration.instances.analytics.url=" + TestDatabase.url(this.directory, "analytics"),
					"migration.instances.analytics.locations=classpath:db/customized",
					"migration.instances.analytics.run-at=startup");
	}

	private DataSource reportingDataSource() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), this.postgres.url());
	}

	@Test
	void eachInstanceIsMigratedAtStartupByAManagerOfItsOwn() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean("migrationManager");
			assertThat(context.getBeansOfType(MigrationManager.class)).containsOnlyKeys("reportingMigrationManager",
					"analyticsMigrationManager");
			MigrationInstances instances = context.getBean(MigrationInstances.class);
			assertThat(instances.names()).containsExactly("reporting", "analytics");
			assertThat(instances.manager("reporting")).isSameAs(context.getBean("reportingMigrationManager"));
			assertThat(instances.manager("reporting").currentRevisions()).containsExactly("a2");
			assertThat(instances.manager("analytics").currentRevisions()).containsExactly("c1");
			assertThat(this.postgres.hasTable("users")).isTrue();
			assertThat(this.postgres.hasTable("reporting_history")).isTrue();
			assertThat(this.postgres.hasTable("orders")).isFalse();
			assertThat(TestDatabase.hasTable(this.directory, "analytics", "orders")).isTrue();
			assertThat(TestDatabase.hasTable(this.directory, "analytics", "users")).isFalse();
			assertThat(context.getBean("reportingMigrationRunner", MigrationRunner.class).getRunAt())
				.isEqualTo(MigrationProperties.RunAt.STARTUP);
		});
	}

	@Test
	void anInstanceNameQualifiesItsManager() {
		contextRunner().withUserConfiguration(AnalyticsUserConfiguration.class).run((context) -> {
			assertThat(context.getBean(AnalyticsUser.class).manager())
				.isSameAs(context.getBean(MigrationInstances.class).manager("analytics"));
		});
	}

	@Test
	void aBeanQualifiedByAnInstanceNameAppliesToThatInstanceOnly() {
		contextRunner().withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			CustomizerConfiguration customizers = context.getBean(CustomizerConfiguration.class);
			assertThat(customizers.everyInstance).hasSize(2);
			assertThat(customizers.analyticsOnly).hasSize(1);
			// The analytics-only customizer moved its history table.
			assertThat(TestDatabase.hasTable(this.directory, "analytics", "analytics_history")).isTrue();
			assertThat(this.postgres.hasTable("analytics_history")).isFalse();
		});
	}

	@Test
	void eachInstanceHonoursItsOwnRunAtAndAutoMigrate() {
		contextRunner()
			.withPropertyValues("migration.instances.analytics.run-at=ready",
					"migration.instances.reporting.auto-migrate=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("reportingMigrationRunner");
				// Ready: the application context runner publishes no ApplicationReadyEvent.
				assertThat(context.getBean("analyticsMigrationRunner", MigrationRunner.class).getRunAt())
					.isEqualTo(MigrationProperties.RunAt.READY);
				assertThat(this.postgres.hasTable("users")).isFalse();
				// Through the instance's own pool: its warm-up may be opening the file now,
				// and a second DuckDB instance opening it at once is refused.
				DataSource analytics = context.getBean(MigrationInstances.class).instance("analytics").dataSource();
				assertThat(TestDatabase.hasTable(analytics, "orders")).isFalse();
			});
	}

	@Test
	void anInstanceThatRunsOnceReadyIsRefusedWhenTheSchemaIsNeededAtStartup() {
		contextRunner().withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
			.withPropertyValues("spring.sql.init.mode=always", "migration.instances.analytics.run-at=ready")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(SchemaNeededAtStartupException.class)
					.hasMessageStartingWith(
							"Migrations run once the application is ready (migration.instances.analytics.run-at=ready)")
					.hasMessageContaining("spring.sql.init.mode=always");
				assertThat(new SchemaNeededAtStartupFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.startsWith("Remove migration.instances.analytics.run-at=ready");
			});
	}

	@Test
	void theEndpointListsTheInstancesAndDescribesEach() {
		contextRunner().run((context) -> {
			assertThat(context).doesNotHaveBean(MigrationsEndpoint.class);
			MigrationInstancesEndpoint endpoint = context.getBean(MigrationInstancesEndpoint.class);
			Map<String, MigrationInstancesEndpoint.InstanceDescriptor> instances = endpoint.instances().instances();
			assertThat(instances).containsOnlyKeys("reporting", "analytics");
			assertThat(instances.get("reporting").state()).isEqualTo("UP_TO_DATE");
			assertThat(instances.get("reporting").current()).containsExactly("a2");
			assertThat(instances.get("analytics").current()).containsExactly("c1");
			assertThat(instances.get("analytics").pending()).isZero();
			WebEndpointResponse<Object> reporting = endpoint.instance("reporting");
			assertThat(reporting.getStatus()).isEqualTo(200);
			assertThat(((MigrationsEndpoint.MigrationsDescriptor) reporting.getBody()).heads()).containsExactly("a2");
			WebEndpointResponse<Object> history = endpoint.part("reporting", "history", null, null, null);
			assertThat(((MigrationsEndpoint.HistoryDescriptor) history.getBody()).total()).isEqualTo(2);
			WebEndpointResponse<Object> verify = endpoint.part("analytics", "verify", null, null, null);
			assertThat(((MigrationsEndpoint.VerifyDescriptor) verify.getBody()).ok()).isTrue();
		});
	}

	@Test
	void anUnknownInstanceIsNotFoundWithTheNamesOfTheInstances() {
		contextRunner().run((context) -> {
			MigrationInstancesEndpoint endpoint = context.getBean(MigrationInstancesEndpoint.class);
			for (WebEndpointResponse<Object> response : List.of(endpoint.instance("billing"),
					endpoint.part("billing", "history", null, null, null))) {
				assertThat(response.getStatus()).isEqualTo(404);
				assertThat(response.getBody()).isEqualTo(Map.of("error", "No migration instance 'billing'",
						"instances", List.of("reporting", "analytics")));
			}
			assertThat(endpoint.part("reporting", "nothing", null, null, null).getStatus()).isEqualTo(404);
		});
	}

	@Test
	void healthIsACompositeWithAComponentPerInstance() {
		contextRunner().run((context) -> {
			assertThat(context).doesNotHaveBean(MigrationHealthIndicator.class);
			HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
			CompositeHealthContributor migration = (CompositeHealthContributor) registry.getContributor("migration");
			assertThat(migration).isNotNull();
			for (String instance : List.of("reporting", "analytics")) {
				HealthIndicator indicator = (HealthIndicator) migration.getContributor(instance);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			}
		});
	}

	@Test
	void infoGivesTheCurrentRevisionsOfEveryInstance() {
		contextRunner().run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean(MigrationInfoContributor.class).contribute(builder);
			assertThat(builder.build().getDetails()).isEqualTo(Map.of("migration", Map.of("instances",
					Map.of("reporting", Map.of("current", List.of("a2")), "analytics",
							Map.of("current", List.of("c1"))))));
		});
	}

	@Test
	void metersAreTaggedWithTheInstance() {
		contextRunner().run((context) -> {
			assertThat(context).doesNotHaveBean(MigrationMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migration.duration").tag("instance", "reporting").tag("revision", "a2").timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("migration.duration").tag("instance", "analytics").tag("revision", "c1").timer()
				.count()).isEqualTo(1);
			assertThat(registry.find("migration.duration").tag("instance", "analytics").tag("revision", "a1").timer())
				.isNull();
			assertThat(registry.get("migration.pending").tag("instance", "reporting").gauge().value()).isZero();
			assertThat(registry.get("migration.applied").tag("instance", "reporting").gauge().value()).isEqualTo(2);
			assertThat(registry.get("migration.applied").tag("instance", "analytics").gauge().value()).isEqualTo(1);
			assertThat(registry.get("migration.failures").tag("instance", "analytics").counter().count()).isZero();
		});
	}

	@Test
	void anUnknownDataSourceBeanFailsTheStartNamingTheInstanceAndTheProperty() {
		contextRunner().withPropertyValues("migration.instances.analytics.url=",
				"migration.instances.analytics.data-source=warehouseDataSource")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("migration.instances.analytics.data-source")
					.hasMessageContaining("Migration instance 'analytics' names no DataSource bean")
					.hasMessageContaining("'warehouseDataSource'")
					.hasMessageContaining("'reportingDataSource'");
				// Refused before anything ran, on any instance.
				assertThat(this.postgres.hasTable("users")).isFalse();
			});
	}

	@Test
	void anInstanceWithoutDatabaseFailsTheStartNamingTheInstanceAndTheProperties() {
		contextRunner().withPropertyValues("migration.instances.analytics.url=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("Migration instance 'analytics' has no database")
					.hasMessageContaining("migration.instances.analytics.data-source")
					.hasMessageContaining("migration.instances.analytics.url");
				assertThat(this.postgres.hasTable("users")).isFalse();
			});
	}

	@Test
	void withoutInstancesTheSingleManagerIsUnchanged() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
					MigrationEndpointAutoConfiguration.class, MigrationHealthContributorAutoConfiguration.class,
					MigrationInfoContributorAutoConfiguration.class, MigrationMetricsAutoConfiguration.class))
			.withBean("reportingDataSource", DataSource.class, this::reportingDataSource)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations", "migration.run-at=startup")
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationManager.class)
					.hasBean("migrationManager")
					.hasSingleBean(MigrationRunner.class)
					.hasSingleBean(MigrationsEndpoint.class)
					.hasBean("migrationHealthIndicator")
					.hasSingleBean(MigrationMetrics.class)
					.doesNotHaveBean(MigrationInstances.class)
					.doesNotHaveBean(MigrationInstancesEndpoint.class);
				assertThat(this.postgres.hasTable("users")).isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AnalyticsUserConfiguration {

		@Bean
		AnalyticsUser analyticsUser(@Qualifier("analytics") MigrationManager manager) {
			return new AnalyticsUser(manager);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<Object> everyInstance = new ArrayList<>();

		final List<Object> analyticsOnly = new ArrayList<>();

		@Bean
		MigrationManagerCustomizer everyInstanceCustomizer() {
			return this.everyInstance::add;
		}

		@Bean
		@Qualifier("analytics")
		MigrationManagerCustomizer analyticsCustomizer() {
			return (builder) -> {
				this.analyticsOnly.add(builder);
				builder.table("analytics_history");
			};
		}

	}

	record AnalyticsUser(MigrationManager manager) {

	}

}
