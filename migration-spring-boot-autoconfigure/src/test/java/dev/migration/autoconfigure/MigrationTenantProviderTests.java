package dev.migration.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migration.Tenant;
import dev.migration.TenantFleet;
import dev.migration.TenantProvider;
import org.jspecify.annotations.Nullable;
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
 * Tests of a {@link TenantProvider} bean: one PostgreSQL database per tenant, each
 * created for the test and dropped afterwards, besides the application's own database.
 */
class MigrationTenantProviderTests {

	@TempDir
	Path scripts;

	private PostgresDatabase application;

	private final Map<String, PostgresDatabase> tenants = new LinkedHashMap<>();

	@BeforeEach
	void createDatabasesAndScripts() throws IOException {
		this.application = PostgresDatabase.create();
		for (String id : List.of("acme", "globex", "initech")) {
			this.tenants.put(id, PostgresDatabase.create());
		}
		TenantTestScripts.writeItemsAndNames(this.scripts);
	}

	@AfterEach
	void dropDatabases() {
		this.tenants.values().forEach(PostgresDatabase::close);
		this.application.close();
	}

	private ApplicationContextRunner contextRunner(TenantProvider provider) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
					MigrationEndpointAutoConfiguration.class, MigrationHealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.withBean(DataSource.class, () -> this.application.dataSource())
			.withBean(TenantProvider.class, () -> provider)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"migration.locations=filesystem:" + this.scripts, "migration.run-at=startup");
	}

	@Test
	void everyTenantOfTheProviderIsMigratedAtStartupAfterTheOwnSchema() {
		contextRunner(new Databases(this.tenants)).withPropertyValues("migration.tenants.migrate-base=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(TenantFleet.class);
				for (PostgresDatabase tenant : this.tenants.values()) {
					assertThat(tenant.revisions()).containsExactly("r1", "r2");
				}
				assertThat(this.application.revisions()).containsExactly("r1", "r2");
				MigrationsEndpoint.TenantsDescriptor aggregate = context.getBean(MigrationsEndpoint.class)
					.migrations()
					.tenants();
				assertThat(aggregate).isNotNull();
				assertThat(aggregate.total()).isEqualTo(3);
				assertThat(aggregate.upToDate()).isEqualTo(3);
				Health health = context.getBean(MigrationHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("tenants", 3)
					.containsEntry("base", Map.of("state", "UP_TO_DATE", "pending", 0));
			});
	}

	@Test
	void withMigrateBaseFalseOnlyTheTenantsAreMigrated() {
		contextRunner(new Databases(this.tenants)).withPropertyValues("migration.tenants.migrate-base=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.tenants.get("initech").revisions()).containsExactly("r1", "r2");
				assertThat(this.application.hasTable("migration_history")).isFalse();
				assertThat(context.getBean(MigrationHealthIndicator.class).health().getDetails())
					.doesNotContainKey("base");
			});
	}

	@Test
	void aFailingTenantWithContinueLeavesTheOthersMigratedAndTheHealthDown() {
		this.tenants.get("globex").execute("CREATE TABLE legacy (id INTEGER)");
		contextRunner(new Databases(this.tenants)).withPropertyValues("migration.on-failure=keep-running")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.tenants.get("acme").revisions()).containsExactly("r1", "r2");
				assertThat(this.tenants.get("initech").revisions()).containsExactly("r1", "r2");
				assertThat(this.tenants.get("globex").hasTable("items")).isFalse();
				Health health = context.getBean(MigrationHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("failedTenants", 1)
					.containsEntry("failed", List.of("globex"));
				assertThat(context.getBean(MigrationsEndpoint.class).migrations().tenants().behind())
					.singleElement()
					.satisfies((behind) -> {
						assertThat(behind.id()).isEqualTo("globex");
						assertThat(behind.error()).contains("has 1 table(s) (legacy) but no migration history");
					});
			});
	}

	@Test
	void aFailingTenantWithStopSkipsTheTenantsAfterIt() {
		this.tenants.get("acme").execute("CREATE TABLE legacy (id INTEGER)");
		contextRunner(new Databases(this.tenants))
			.withPropertyValues("migration.tenants.on-failure=stop", "migration.tenants.parallelism=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("1 of 3 tenant(s) failed to migrate to 'head': acme (");
				assertThat(this.tenants.get("globex").hasTable("migration_history")).isFalse();
				assertThat(this.tenants.get("initech").hasTable("migration_history")).isFalse();
			});
	}

	@Test
	void aDuplicateTenantIdStopsTheStartNamingItWithNothingMigrated() {
		TenantProvider duplicate = () -> List.of(Tenant.ofDataSource("acme", this.tenants.get("acme").dataSource()),
				Tenant.ofDataSource("acme", this.tenants.get("globex").dataSource()));
		contextRunner(duplicate).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Tenant 'acme' is listed twice by the tenant provider: tenant ids must be unique");
			assertNothingMigrated();
		});
	}

	@Test
	void aTenantWithNeitherSchemaNorDataSourceStopsTheStartNamingIt() {
		contextRunner(() -> List.of(new Tenant("acme", null, null))).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Tenant 'acme' has neither a schema nor a DataSource");
			assertNothingMigrated();
		});
	}

	@Test
	void anInvalidTenantIdStopsTheStartNamingIt() {
		contextRunner(() -> List.of(Tenant.ofDataSource("acme corp", this.tenants.get("acme").dataSource())))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageStartingWith("Invalid tenant id 'acme corp'");
				assertNothingMigrated();
			});
	}

	private void assertNothingMigrated() {
		assertThat(this.application.hasTable("migration_history")).isFalse();
		for (PostgresDatabase tenant : this.tenants.values()) {
			assertThat(tenant.hasTable("migration_history")).isFalse();
		}
	}

	/**
	 * A provider of one database per tenant, as an application keeps them.
	 */
	static final class Databases implements TenantProvider {

		private final Map<String, PostgresDatabase> databases;

		Databases(Map<String, PostgresDatabase> databases) {
			this.databases = databases;
		}

		@Override
		public List<Tenant> tenants() {
			return this.databases.keySet().stream().map(this::tenant).toList();
		}

		@Override
		public @Nullable Tenant tenant(String id) {
			PostgresDatabase database = this.databases.get(id);
			return (database != null) ? Tenant.ofDataSource(id, database.dataSource()) : null;
		}

	}

}
