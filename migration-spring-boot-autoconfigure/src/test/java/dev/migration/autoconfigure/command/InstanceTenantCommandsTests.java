package dev.migration.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationInstances;
import dev.migration.autoconfigure.PostgresDatabase;
import dev.migration.autoconfigure.TenantTestScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the tenant commands of one of several databases: {@code --instance NAME}
 * with {@code status --tenants}, {@code tenant add}, {@code migrate} and
 * {@code rollback --tenant}, on tenant schemas of a PostgreSQL database of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class InstanceTenantCommandsTests {

	@TempDir
	Path directory;

	private PostgresDatabase postgres;

	@BeforeEach
	void createDatabaseAndScripts() throws IOException {
		this.postgres = PostgresDatabase.create();
		TenantTestScripts.writeItems(this.directory.resolve("scripts"));
	}

	@AfterEach
	void dropDatabase() {
		this.postgres.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MigrationAutoConfiguration.class, MigrationCommandAutoConfiguration.class))
			.withBean("reportingDataSource", DataSource.class, () -> this.postgres.dataSource())
			.withPropertyValues(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY + "=true",
					"migration.instances.reporting.data-source=reportingDataSource",
					"migration.instances.reporting.locations=filesystem:" + this.directory.resolve("scripts"),
					"migration.instances.reporting.tenants.schemas=acme,globex",
					"migration.instances.reporting.tenants.migrate-base=true",
					"migration.instances.analytics.url=jdbc:duckdb:" + this.directory.resolve("analytics.db"),
					"migration.instances.analytics.locations=classpath:db/customized");
	}

	@Test
	void theTenantCommandsWorkOnTheTenantsOfTheInstanceNamed(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			assertThat(commands.execute("migration", "status", "--tenants", "--instance", "reporting")).isZero();
			assertThat(output.getOut()).containsPattern("Tenants:\\s+2").containsPattern("acme\\s+1");
			assertThat(commands.execute("migration", "migrate", "--instance", "reporting")).isZero();
			assertThat(output.getOut()).contains("Applied 1 migration")
				.contains("Tenant 'acme' migrated")
				.contains("Tenant 'globex' migrated");
			assertThat(this.postgres.hasTable("items")).isTrue();
			assertThat(commands.execute("migration", "tenant", "add", "initech", "--instance", "reporting")).isZero();
			assertThat(output.getOut()).contains("Tenant 'initech' migrated: 1 migration(s) applied");
			MigrationInstances instances = context.getBean(MigrationInstances.class);
			assertThat(instances.instance("reporting").tenantFleet().tenantIds())
				.containsExactly("acme", "globex", "initech");
			assertThat(commands.execute("migration", "rollback", "base", "--tenant", "acme", "--instance",
					"reporting")).isZero();
			assertThat(instances.instance("reporting").tenantFleet().manager("acme").pendingMigrations()).hasSize(1);
			assertThat(instances.instance("reporting").tenantFleet().manager("globex").pendingMigrations()).isEmpty();
			assertThat(instances.manager("reporting").pendingMigrations()).isEmpty();
		});
	}

	@Test
	void anInstanceWithoutTenantsSaysHowToConfigureThem(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			assertThat(commands.execute("migration", "status", "--tenants", "--instance", "analytics"))
				.isEqualTo(MigrationCommands.FAILURE);
			assertThat(output.getErr()).contains("No tenants in this application: set migration.tenants.schemas");
		});
	}

}
