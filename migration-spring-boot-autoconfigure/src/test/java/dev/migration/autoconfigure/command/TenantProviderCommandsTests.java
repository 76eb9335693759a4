package dev.migration.autoconfigure.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migration.MigrationManager;
import dev.migration.Tenant;
import dev.migration.TenantFleet;
import dev.migration.TenantProvider;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.PostgresDatabase;
import dev.migration.autoconfigure.TenantTestScripts;
import org.jspecify.annotations.Nullable;
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
 * Tests of the command line with a {@link TenantProvider} bean: one PostgreSQL database
 * per tenant, created for the test and dropped afterwards, besides the application's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantProviderCommandsTests {

	@TempDir
	Path scripts;

	private PostgresDatabase application;

	private final Map<String, PostgresDatabase> listed = new LinkedHashMap<>();

	private final Map<String, PostgresDatabase> resolvable = new LinkedHashMap<>();

	@BeforeEach
	void createDatabasesAndScripts() throws IOException {
		this.application = PostgresDatabase.create();
		this.listed.put("acme", PostgresDatabase.create());
		this.listed.put("globex", PostgresDatabase.create());
		this.resolvable.put("hooli", PostgresDatabase.create());
		TenantTestScripts.writeItemsAndNames(this.scripts);
	}

	@AfterEach
	void dropDatabases() {
		this.listed.values().forEach(PostgresDatabase::close);
		this.resolvable.values().forEach(PostgresDatabase::close);
		this.application.close();
	}

	private ApplicationContextRunner contextRunner() {
		TenantProvider provider = new TenantProvider() {

			@Override
			public List<Tenant> tenants() {
				return TenantProviderCommandsTests.this.listed.keySet().stream().map(this::tenant).toList();
			}

			@Override
			public @Nullable Tenant tenant(String id) {
				PostgresDatabase database = TenantProviderCommandsTests.this.listed.getOrDefault(id,
						TenantProviderCommandsTests.this.resolvable.get(id));
				return (database != null) ? Tenant.ofDataSource(id, database.dataSource()) : null;
			}

		};
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MigrationAutoConfiguration.class, MigrationCommandAutoConfiguration.class))
			.withBean(DataSource.class, () -> this.application.dataSource())
			.withBean(TenantProvider.class, () -> provider)
			.withPropertyValues(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY + "=true",
					"migration.locations=filesystem:" + this.scripts);
	}

	@Test
	void statusTenantsListsTheTenantsOfTheProvider(CapturedOutput output) {
		contextRunner().run((context) -> {
			MigrationCommands commands = context.getBean(MigrationCommands.class);
			assertThat(commands.execute("migration", "status", "--tenants")).isZero();
			assertThat(output.getOut()).containsPattern("Tenants:\\s+2")
				.containsPattern("Pending:\\s+2")
				.containsPattern("TENANT\\s+PENDING")
				.containsPattern("acme\\s+2")
				.containsPattern("globex\\s+2");
		});
	}

	@Test
	void migrateMigratesTheOwnSchemaThenEveryTenantAndRollbackWithoutATenantRollsBackTheOwnSchema(
			CapturedOutput output) {
		contextRunner().withPropertyValues("migration.tenants.migrate-base=true").run((context) -> {
			MigrationCommands commands = context.getBean(MigrationCommands.class);
			assertThat(commands.execute("migration", "migrate")).isZero();
			assertThat(output.getOut()).contains("Applied 2 migrations")
				.contains("Tenant 'acme' migrated: 2 migrations applied")
				.contains("Tenant 'globex' migrated: 2 migrations applied")
				.contains("Tenants migrated to 'head': 2 tenant(s)");
			assertThat(this.application.hasTable("items")).isTrue();
			assertThat(commands.execute("migration", "rollback", "base")).isZero();
			assertThat(this.application.hasTable("items")).isFalse();
			assertThat(this.listed.get("acme").hasTable("items")).isTrue();
			assertThat(commands.execute("migration", "rollback", "base", "--tenant", "acme")).isZero();
			assertThat(this.listed.get("acme").hasTable("items")).isFalse();
			assertThat(this.listed.get("globex").hasTable("items")).isTrue();
		});
	}

	@Test
	void withMigrateBaseFalseMigrateLeavesTheOwnSchema(CapturedOutput output) {
		contextRunner().withPropertyValues("migration.tenants.migrate-base=false").run((context) -> {
			MigrationCommands commands = context.getBean(MigrationCommands.class);
			assertThat(commands.execute("migration", "migrate")).isZero();
			assertThat(output.getOut()).doesNotContain("Applied 2 migrations")
				.contains("Tenants migrated to 'head': 2 tenant(s)");
			assertThat(this.application.hasTable("items")).isFalse();
			assertThat(commands.execute("migration", "rollback", "base")).isEqualTo(MigrationCommands.USAGE);
		});
	}

	@Test
	void tenantAddResolvesANewIdThroughTheProviderOnce(CapturedOutput output) {
		contextRunner().run((context) -> {
			MigrationCommands commands = context.getBean(MigrationCommands.class);
			assertThat(commands.execute("migration", "tenant", "add", "hooli")).isZero();
			assertThat(output.getOut()).contains("Tenant 'hooli' migrated: 2 migration(s) applied");
			assertThat(this.resolvable.get("hooli").hasTable("items")).isTrue();
			assertThat(commands.execute("migration", "tenant", "add", "hooli")).isZero();
			assertThat(output.getOut()).contains("Tenant 'hooli' is up to date");
			assertThat(context.getBean(TenantFleet.class).tenantIds()).containsExactly("acme", "globex", "hooli");
			assertThat(commands.execute("migration", "tenant", "add", "umbrella")).isEqualTo(MigrationCommands.USAGE);
			assertThat(output.getErr()).contains("No tenant 'umbrella': the tenant provider knows none of that id");
			assertThat(context.getBean(MigrationManager.class).currentRevisions()).isEmpty();
		});
	}

}
