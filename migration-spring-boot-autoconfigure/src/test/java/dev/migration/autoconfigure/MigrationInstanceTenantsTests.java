package dev.migration.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migration.Tenant;
import dev.migration.TenantFleet;
import dev.migration.TenantProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of tenants of one of several databases ({@code migration.instances.<name>.tenants}):
 * tenant schemas of a PostgreSQL database of their own beside a DuckDB file without
 * tenants; and of the endpoint's write operation per instance.
 */
class MigrationInstanceTenantsTests {

	private static final String TENANTS = "migration.instances.reporting.tenants.schemas=acme,globex";

	@TempDir
	Path directory;

	private Path scripts;

	private PostgresDatabase postgres;

	@BeforeEach
	void createDatabaseAndScripts() throws IOException {
		this.postgres = PostgresDatabase.create();
		this.scripts = TenantTestScripts.writeItems(this.directory.resolve("scripts"));
	}

	@AfterEach
	void dropDatabase() {
		this.postgres.close();
	}

	private ApplicationContextRunner contextRunner() {
		return contextRunnerWithoutTenants().withPropertyValues(TENANTS,
				"migration.instances.reporting.tenants.migrate-base=true");
	}

	private ApplicationContextRunner contextRunnerWithoutTenants() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
					MigrationEndpointAutoConfiguration.class, MigrationHealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.withBean("reportingDataSource", DataSource.class, () -> this.postgres.dataSource())
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migration.instances.reporting.data-source=reportingDataSource",
					"migration.instances.reporting.locations=filesystem:" + this.scripts,
					"migration.instances.reporting.run-at=startup",
					"migration.instances.analytics.url=" + TestDatabase.url(this.directory, "analytics"),
					"migration.instances.analytics.locations=classpath:db/customized",
					"migration.instances.analytics.run-at=startup");
	}

	@Test
	void anInstanceMigratesItsOwnTenantsAtStartupAndTheEndpointCountsThem() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(TenantFleet.class);
			MigrationInstances instances = context.getBean(MigrationInstances.class);
			assertThat(instances.instance("analytics").tenantFleet()).isNull();
			assertThat(instances.instance("reporting").tenantFleet().tenantIds()).containsExactly("acme", "globex");
			assertThat(this.postgres.revisions("acme")).containsExactly("r1");
			assertThat(this.postgres.revisions("globex")).containsExactly("r1");
			assertThat(this.postgres.revisions("public")).containsExactly("r1");
			Object reporting = context.getBean(MigrationInstancesEndpoint.class).instance("reporting").getBody();
			MigrationsEndpoint.TenantsDescriptor tenants = ((MigrationsEndpoint.MigrationsDescriptor) reporting)
				.tenants();
			assertThat(tenants.total()).isEqualTo(2);
			assertThat(tenants.upToDate()).isEqualTo(2);
			Object analytics = context.getBean(MigrationInstancesEndpoint.class).instance("analytics").getBody();
			assertThat(((MigrationsEndpoint.MigrationsDescriptor) analytics).tenants()).isNull();
			assertThat(health(context.getBean(HealthContributorRegistry.class), "reporting").getDetails())
				.containsEntry("tenants", 2)
				.containsEntry("upToDate", 2);
		});
	}

	@Test
	void aFailedTenantOfAnInstanceMakesItsHealthComponentDown() {
		this.postgres.execute("CREATE SCHEMA globex", "CREATE TABLE globex.legacy (id INTEGER)");
		contextRunner().withPropertyValues("migration.instances.reporting.on-failure=keep-running").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(this.postgres.revisions("acme")).containsExactly("r1");
			HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
			Health reporting = health(registry, "reporting");
			assertThat(reporting.getStatus()).isEqualTo(Status.DOWN);
			assertThat(reporting.getDetails()).containsEntry("failed", List.of("globex"));
			assertThat(health(registry, "analytics").getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void aTenantProviderQualifiedByAnInstanceNameServesThatInstanceOnly() {
		contextRunnerWithoutTenants().withUserConfiguration(QualifiedProvider.class).run((context) -> {
			assertThat(context).hasNotFailed();
			MigrationInstances instances = context.getBean(MigrationInstances.class);
			assertThat(instances.instance("reporting").tenantFleet().tenantIds()).containsExactly("initech");
			assertThat(instances.instance("analytics").tenantFleet()).isNull();
			assertThat(this.postgres.revisions("initech")).containsExactly("r1");
		});
	}

	@Test
	void theWriteOperationMigratesTheInstanceNamedAndRefusesARequestWithoutOne() {
		contextRunner()
			.withPropertyValues("migration.endpoint.write-enabled=true",
					"migration.instances.analytics.auto-migrate=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MigrationsEndpointWebExtension.class);
				MigrationInstancesEndpointWebExtension extension = context
					.getBean(MigrationInstancesEndpointWebExtension.class);
				MigrationInstances instances = context.getBean(MigrationInstances.class);
				assertThat(instances.manager("analytics").currentRevisions()).isEmpty();
				WebEndpointResponse<Object> migrated = extension.run("analytics", "migrate", null, null, null, null);
				assertThat(migrated.getStatus()).isEqualTo(200);
				assertThat(instances.manager("analytics").currentRevisions()).containsExactly("c1");
				assertThat(instances.instance("analytics").runState().getState())
					.isEqualTo(MigrationRunState.State.SUCCEEDED);
				WebEndpointResponse<Object> rolledBack = extension.run("reporting", "rollback", "base", null, null,
						null);
				assertThat(rolledBack.getStatus()).isEqualTo(200);
				assertThat(instances.manager("reporting").currentRevisions()).isEmpty();
				assertThat(this.postgres.revisions("acme")).as("the tenants are left").containsExactly("r1");
				WebEndpointResponse<Object> unknown = extension.run("billing", "migrate", null, null, null, null);
				assertThat(unknown.getStatus()).isEqualTo(404);
				assertThat(unknown.getBody()).isEqualTo(Map.of("error", "No migration instance 'billing'", "instances",
						List.of("reporting", "analytics")));
				WebEndpointResponse<Object> withoutInstance = extension.withoutInstance("migrate");
				assertThat(withoutInstance.getStatus()).isEqualTo(400);
				assertThat(withoutInstance.getBody()).isEqualTo(Map.of("error",
						"This application migrates several databases: POST to /actuator/migrations/{instance}, "
								+ "one of reporting, analytics",
						"instances", List.of("reporting", "analytics")));
			});
	}

	@Test
	void withoutWriteEnabledThereIsNoWriteOperationForInstances() {
		contextRunner().run((context) -> assertThat(context)
			.doesNotHaveBean(MigrationInstancesEndpointWebExtension.class)
			.doesNotHaveBean(MigrationsEndpointWebExtension.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedProvider {

		@Bean
		@Qualifier("reporting")
		TenantProvider reportingTenants() {
			return () -> List.of(Tenant.ofSchema("initech"));
		}

	}

	private static Health health(HealthContributorRegistry registry, String instance) {
		CompositeHealthContributor migration = (CompositeHealthContributor) registry.getContributor("migration");
		return ((HealthIndicator) migration.getContributor(instance)).health();
	}

}
