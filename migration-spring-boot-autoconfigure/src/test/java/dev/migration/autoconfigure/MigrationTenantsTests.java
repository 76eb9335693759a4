package dev.migration.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.migration.FleetOptions;
import dev.migration.FleetStatus;
import dev.migration.TenantFleet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of tenants ({@code migration.tenants}) on a PostgreSQL database of their own:
 * the run on start migrates every tenant's schema, the endpoint counts them and the
 * health is {@code DOWN} when one failed.
 */
class MigrationTenantsTests {

	@TempDir
	Path scripts;

	private PostgresDatabase postgres;

	private HikariDataSource dataSource;

	@BeforeEach
	void createDatabaseAndScripts() throws IOException {
		this.postgres = PostgresDatabase.create();
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(this.postgres.url());
		this.dataSource.setMaximumPoolSize(5);
		TenantTestScripts.writeItemsAndNames(this.scripts);
	}

	@AfterEach
	void dropDatabase() {
		this.dataSource.close();
		this.postgres.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
					MigrationEndpointAutoConfiguration.class, MigrationHealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.withBean(DataSource.class, () -> this.dataSource)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migration.locations=filesystem:" + this.scripts, "migration.run-at=startup");
	}

	@Test
	void everyTenantIsMigratedAtStartupAndCountedByTheEndpoint() {
		contextRunner().withPropertyValues("migration.tenants.schemas=acme,globex,initech").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(TenantFleet.class);
			for (String schema : new String[] { "acme", "globex", "initech" }) {
				assertThat(query("SELECT count(*) FROM " + schema + ".migration_history WHERE action = 'upgrade'"))
					.as(schema)
					.isEqualTo(2);
			}
			MigrationsEndpoint.TenantsDescriptor tenants = context.getBean(MigrationsEndpoint.class)
				.migrations()
				.tenants();
			assertThat(tenants).isNotNull();
			assertThat(tenants.total()).isEqualTo(3);
			assertThat(tenants.upToDate()).isEqualTo(3);
			assertThat(tenants.pending()).isZero();
			assertThat(tenants.failed()).isZero();
			assertThat(tenants.behind()).isEmpty();
			assertThat(tenants.migrating()).isZero();
			Health health = context.getBean(MigrationHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tenants", 3)
				.containsEntry("upToDate", 3)
				.containsEntry("migrating", 0);
		});
	}

	@Test
	void theTenantsAggregateCarriesTheCountOfTenantsMigratingNow() {
		FleetStatus status = new FleetStatus(1, 2, 0,
				List.of(new FleetStatus.Behind("acme", 1, null), new FleetStatus.Behind("globex", 2, null)), 2);
		MigrationsEndpoint.TenantsDescriptor tenants = MigrationsEndpoint.TenantsDescriptor.of(status,
				new MigrationRunState());
		assertThat(tenants.migrating()).isEqualTo(2);
		assertThat(tenants.pending()).isEqualTo(2);
		assertThat(tenants.total()).isEqualTo(3);
	}

	@Test
	void aFailedTenantMakesTheHealthDownWhileTheOthersAreMigrated() {
		this.postgres.execute("CREATE SCHEMA globex", "CREATE TABLE globex.legacy (id INTEGER)");
		contextRunner()
			.withPropertyValues("migration.tenants.schemas=acme,globex,initech", "migration.on-failure=keep-running")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(query("SELECT count(*) FROM initech.migration_history_state")).isEqualTo(2);
				Health health = context.getBean(MigrationHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failedTenants", 1)
					.containsEntry("failed", java.util.List.of("globex"));
				MigrationsEndpoint.TenantsDescriptor tenants = context.getBean(MigrationsEndpoint.class)
					.migrations()
					.tenants();
				assertThat(tenants.failed()).isEqualTo(1);
				assertThat(tenants.upToDate()).isEqualTo(2);
				assertThat(tenants.behind()).singleElement().satisfies((behind) -> {
					assertThat(behind.id()).isEqualTo("globex");
					assertThat(behind.error()).contains("Schema 'globex' has 1 table(s) (legacy) but no migration");
				});
			});
	}

	@Test
	void aFailedTenantStopsTheApplicationByDefault() {
		this.postgres.execute("CREATE SCHEMA globex", "CREATE TABLE globex.legacy (id INTEGER)");
		contextRunner().withPropertyValues("migration.tenants.schemas=acme,globex").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Schema 'globex' has 1 table(s) (legacy) but no migration history");
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("1 of 2 tenant(s) failed to migrate to 'head': globex (");
		});
	}

	@Test
	void theQueryAddsTenantsAndTheParallelismFollowsThePool() {
		this.postgres.execute("CREATE TABLE public.customers (schema_name TEXT)",
				"INSERT INTO public.customers VALUES ('hooli'), ('umbrella')");
		contextRunner()
			.withPropertyValues("migration.tenants.schemas=acme",
					"migration.tenants.query=SELECT schema_name FROM public.customers ORDER BY 1",
					"migration.tenants.on-failure=stop", "migration.tenants.migrate-base=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(TenantFleet.class).tenantIds()).containsExactly("acme", "hooli", "umbrella");
				assertThat(query("SELECT count(*) FROM umbrella.migration_history_state")).isEqualTo(2);
			});
	}

	@Test
	void parallelismIsThePoolSizeMinusOneAndNeverAboveThePoolSize() {
		assertThat(TenantFleetFactory.parallelism(null, 10)).isEqualTo(9);
		assertThat(TenantFleetFactory.parallelism(null, 1)).isEqualTo(1);
		assertThat(TenantFleetFactory.parallelism(null, null)).isEqualTo(FleetOptions.DEFAULT_PARALLELISM);
		assertThat(TenantFleetFactory.parallelism(20, 10)).isEqualTo(9);
		assertThat(TenantFleetFactory.parallelism(10, 10)).isEqualTo(9);
		assertThat(TenantFleetFactory.parallelism(4, 10)).isEqualTo(4);
		assertThat(TenantFleetFactory.parallelism(3, null)).isEqualTo(3);
		assertThat(TenantFleetFactory.poolSize(this.dataSource)).isEqualTo(5);
	}

	@Test
	void withoutTenantsThereIsNoFleet() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(TenantFleet.class);
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().tenants()).isNull();
		});
	}

	private long query(String sql) {
		try (Connection connection = DriverManager.getConnection(this.postgres.url());
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

}
