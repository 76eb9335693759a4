package dev.migration.autoconfigure.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.migration.FleetOptions;
import dev.migration.MigrationConfiguration;
import dev.migration.TenantFleet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code status --tenants}, {@code tenant add ID}, {@code migrate} and
 * {@code rollback --tenant ID} / {@code --all-tenants} on PostgreSQL, with tenant
 * schemas of their own, dropped afterwards.
 */
class TenantCommandsTests {

	private static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private String prefix;

	private TenantFleet fleet;

	private MigrationCommands commands;

	@BeforeEach
	void createFleet() {
		this.prefix = "cli_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(postgresUrl());
		MigrationConfiguration configuration = MigrationConfiguration.builder().build();
		this.fleet = TenantFleet.create(dataSource, configuration, List.of(tenant("a"), tenant("b")),
				FleetOptions.defaults().withParallelism(2));
		this.commands = new MigrationCommands(() -> {
			throw new IllegalStateException("not used");
		}, () -> null, () -> null, (value) -> value.toString(), new CommandProgress(),
				new MigrationCommands.Settings(null, false), () -> this.fleet,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void dropTenants() {
		for (String name : List.of("a", "b", "c")) {
			execute("DROP SCHEMA IF EXISTS " + tenant(name) + " CASCADE");
		}
	}

	@Test
	void statusTenantsCountsTheTenantsAndListsThoseBehind() {
		this.fleet.manager(tenant("a")).migrate();
		assertThat(run("status", "--tenants")).isZero();
		String output = this.out.toString(StandardCharsets.UTF_8);
		assertThat(output).containsPattern("Tenants:\\s+2")
			.containsPattern("Up to date:\\s+1")
			.containsPattern("Pending:\\s+1")
			.containsPattern("Failed:\\s+0")
			.contains("Behind (1):")
			.containsPattern(tenant("b") + "\\s+2");
	}

	@Test
	void tenantAddCreatesTheSchemaAndMigratesItOnce() {
		assertThat(run("tenant", "add", tenant("c"))).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains("Tenant '" + tenant("c") + "' migrated: 2 migration(s) applied");
		assertThat(run("tenant", "add", tenant("c"))).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("Tenant '" + tenant("c") + "' is up to date");
		assertThat(this.fleet.tenantIds()).contains(tenant("c"));
	}

	@Test
	void tenantAddRefusesAnInvalidNameAndAnUnknownAction() {
		assertThat(run("tenant", "add", "bad-name")).isEqualTo(MigrationCommands.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Invalid tenant 'bad-name'");
		assertThat(run("tenant", "remove", tenant("a"))).isEqualTo(MigrationCommands.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unknown tenant action 'remove'");
	}

	@Test
	void withoutTenantsStatusTenantsSaysHowToConfigureThem() {
		MigrationCommands none = new MigrationCommands(() -> null, () -> null, () -> null, (value) -> "",
				new CommandProgress(), new MigrationCommands.Settings(null, false),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
		assertThat(none.execute("migration", "status", "--tenants")).isEqualTo(MigrationCommands.FAILURE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("set migration.tenants.schemas");
	}

	@Test
	void migrateWithTenantsMigratesEveryTenantWithALineEach() {
		assertThat(run("migrate")).isZero();
		String output = this.out.toString(StandardCharsets.UTF_8);
		assertThat(output).contains("Tenant '" + tenant("a") + "' migrated: 2 migrations applied")
			.contains("Tenant '" + tenant("b") + "' migrated: 2 migrations applied")
			.contains("Tenants migrated to 'head': 2 tenant(s)")
			.contains("2 migrated");
		assertThat(run("status", "--tenants")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).containsPattern("Up to date:\\s+2")
			.containsPattern("Migrating:\\s+0");
	}

	@Test
	void rollbackOfOneTenantLeavesTheOther() {
		assertThat(run("migrate")).isZero();
		assertThat(run("rollback", "base", "--tenant", tenant("a"))).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains("Tenant '" + tenant("a") + "' rolled back: 2 migrations")
			.contains("Tenants rolled back to 'base'");
		assertThat(this.fleet.manager(tenant("a")).pendingMigrations()).hasSize(2);
		assertThat(this.fleet.manager(tenant("b")).pendingMigrations()).isEmpty();
		assertThat(run("rollback", "base", "--all-tenants")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains("Tenant '" + tenant("a") + "' nothing to do")
			.contains("Tenant '" + tenant("b") + "' rolled back: 2 migrations");
		assertThat(this.fleet.manager(tenant("b")).pendingMigrations()).hasSize(2);
	}

	@Test
	void rollbackWithTenantsNeedsExactlyOneOfTenantAndAllTenants() {
		assertThat(run("rollback", "base")).isEqualTo(MigrationCommands.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("This application has tenants: name one with --tenant ID, or use --all-tenants");
		assertThat(run("rollback", "base", "--tenant", tenant("a"), "--all-tenants"))
			.isEqualTo(MigrationCommands.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("Use either --tenant ID or --all-tenants, not both");
		assertThat(run("rollback", "base", "--tenant", "unknown_tenant")).isEqualTo(MigrationCommands.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("'unknown_tenant' is not a tenant of this fleet");
	}

	@Test
	void rollbackAllTenantsInProductionNeedsTheTargetRepeated() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(postgresUrl());
		this.fleet = TenantFleet.create(dataSource, MigrationConfiguration.builder().production(true).build(),
				List.of(tenant("a"), tenant("b")), FleetOptions.defaults());
		assertThat(run("migrate")).isZero();
		assertThat(run("rollback", "base", "--all-tenants")).isEqualTo(MigrationCommands.FAILURE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Refused")
			.contains("repeat the target, base.");
		assertThat(this.fleet.status().upToDate()).isEqualTo(2);
		assertThat(run("rollback", "base", "--all-tenants", "--confirm", "base")).isZero();
		assertThat(this.fleet.status().pending()).isEqualTo(2);
	}

	@Test
	void withoutTenantsRollbackAllTenantsSaysHowToConfigureThem() {
		MigrationCommands none = new MigrationCommands(() -> null, () -> null, () -> null, (value) -> "",
				new CommandProgress(), new MigrationCommands.Settings(null, false),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
		assertThat(none.execute("migration", "rollback", "--all-tenants")).isEqualTo(MigrationCommands.FAILURE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("No tenants in this application for --all-tenants: set migration.tenants.schemas");
	}

	private int run(String... arguments) {
		this.out.reset();
		this.err.reset();
		String[] line = new String[arguments.length + 1];
		line[0] = "migration";
		System.arraycopy(arguments, 0, line, 1, arguments.length);
		return this.commands.execute(line);
	}

	private String tenant(String name) {
		return this.prefix + "_" + name;
	}

	private static String postgresUrl() {
		String url = System.getenv("MIGRATION_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("migration.test.postgres.url", DEFAULT_POSTGRES_URL);
		}
		return url;
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(postgresUrl());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("These tests need PostgreSQL and cannot run '" + sql + "' ("
					+ ex.getMessage() + "): start the local cluster or set MIGRATION_TEST_POSTGRES_URL", ex);
		}
	}

}
