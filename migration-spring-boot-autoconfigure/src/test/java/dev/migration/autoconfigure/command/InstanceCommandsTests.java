package dev.migration.autoconfigure.command;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the command line of several databases ({@code migration.instances}): a
 * PostgreSQL database given by a DataSource bean name ({@code reporting}) and a DuckDB
 * file given by a URL ({@code analytics}).
 */
@ExtendWith(OutputCaptureExtension.class)
class InstanceCommandsTests {

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
			.withConfiguration(
					AutoConfigurations.of(MigrationAutoConfiguration.class, MigrationCommandAutoConfiguration.class))
			.withBean("reportingDataSource", DataSource.class,
					() -> new SimpleDriverDataSource(new org.postgresql.Driver(), this.postgres.url()))
			.withPropertyValues(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY + "=true",
					"migration.instances.reporting.data-source=reportingDataSource",
					"migration.instances.analytics.url=jdbc:duckdb:" + this.directory.resolve("analytics.db"),
					"migration.instances.analytics.locations=classpath:db/customized");
	}

	@Test
	void commandModeHasTheCommandsOfTheInstances() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(InstanceCommands.class)
			.doesNotHaveBean(MigrationCommands.class)
			.hasSingleBean(MigrationCommandRunner.class));
	}

	@Test
	void aWritingCommandRunsOnTheInstanceNamed(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			assertThat(commands.execute("migration", "migrate", "--instance", "reporting")).isZero();
			assertThat(this.postgres.hasTable("users")).isTrue();
			assertThat(commands.execute("migration", "history", "--instance=analytics")).isZero();
			assertThat(output.getOut()).contains("No history: nothing was ever applied").doesNotContain("== ");
		});
	}

	@Test
	void aReadingCommandReadsEveryInstanceGroupedByInstance(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			assertThat(commands.execute("migration", "migrate", "--instance", "analytics")).isZero();
			int before = output.getOut().length();
			assertThat(commands.execute("migration", "status")).isZero();
			String status = output.getOut().substring(before);
			assertThat(status).contains("== reporting ==", "== analytics ==");
			String reporting = status.substring(status.indexOf("== reporting =="), status.indexOf("== analytics =="));
			String analytics = status.substring(status.indexOf("== analytics =="));
			assertThat(reporting).contains("PENDING", "Heads:    a2");
			assertThat(analytics).contains("UP_TO_DATE", "Current:  c1");
		});
	}

	@Test
	void jsonOfEveryInstanceIsOneObjectWithAMemberPerInstance(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			int before = output.getOut().length();
			assertThat(commands.execute("migration", "heads", "--json")).isZero();
			JsonNode json = JsonMapper.builder().build().readTree(output.getOut().substring(before));
			assertThat(json.propertyNames()).containsExactly("reporting", "analytics");
			assertThat(json.get("reporting").toString()).contains("a2");
			assertThat(json.get("analytics").toString()).contains("c1");
		});
	}

	@Test
	void aWritingCommandWithoutInstanceIsRefusedWithTheNames(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			assertThat(commands.execute("migration", "migrate")).isEqualTo(MigrationCommands.USAGE);
			assertThat(output.getErr()).contains("migration: 'migrate' works on one database: choose it with "
					+ "--instance NAME (the instances are reporting, analytics)");
			assertThat(commands.execute("migration", "create", "add orders")).isEqualTo(MigrationCommands.USAGE);
			assertThat(output.getErr()).contains("migration: 'create' works on one database");
			assertThat(this.postgres.hasTable("users")).isFalse();
		});
	}

	@Test
	void anUnknownInstanceIsAUsageErrorNamingTheInstances(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			assertThat(commands.execute("migration", "status", "--instance", "billing"))
				.isEqualTo(MigrationCommands.USAGE);
			assertThat(output.getErr())
				.contains("migration: No migration instance 'billing': the instances are reporting, analytics");
		});
	}

	@Test
	void withOneInstanceAWritingCommandNeedsNoInstance() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MigrationAutoConfiguration.class, MigrationCommandAutoConfiguration.class))
			.withPropertyValues(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY + "=true",
					"migration.instances.analytics.url=jdbc:duckdb:" + this.directory.resolve("analytics.db"),
					"migration.instances.analytics.locations=classpath:db/customized")
			.run((context) -> assertThat(context.getBean(InstanceCommands.class).execute("migration", "migrate"))
				.isZero());
	}

	@Test
	void withoutInstancesTheOptionIsRefused(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationCommandAutoConfiguration.class))
			.withPropertyValues(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY + "=true",
					"spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("app.db"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver")
			.run((context) -> {
				assertThat(context.getBean(MigrationCommands.class).execute("migration", "status", "--instance", "x"))
					.isEqualTo(MigrationCommands.USAGE);
				assertThat(output.getErr()).contains("Option '--instance' names one of several databases, and "
						+ "migration.instances configures none");
			});
	}

	@Test
	void sqlOfAnInstanceGivenByADataSourceBeanTakesTheDialectOfTheBeansUrl(CapturedOutput output) {
		contextRunner().run((context) -> {
			InstanceCommands commands = context.getBean(InstanceCommands.class);
			String found = sql(commands, output, "--instance", "reporting");
			assertThat(found).contains("CREATE TABLE users")
				.isEqualTo(sql(commands, output, "--instance", "reporting", "--dialect", "postgresql"))
				.isNotEqualTo(sql(commands, output, "--instance", "reporting", "--dialect", "duckdb"));
			// Offline: nothing ran on the database.
			assertThat(this.postgres.hasTable("users")).isFalse();
		});
	}

	@Test
	void sqlOfAnInstanceWhoseDataSourceHidesItsUrlTakesTheDialectOfItsDatabase(CapturedOutput output) {
		// A DataSource that does not tell its URL: the dialect is the connection's.
		DataSource duckdb = new SimpleDriverDataSource(new org.duckdb.DuckDBDriver(),
				"jdbc:duckdb:" + this.directory.resolve("warehouse.db"));
		contextRunner().withBean("warehouseDataSource", DataSource.class, () -> new DelegatingDataSource(duckdb))
			.withPropertyValues("migration.instances.warehouse.data-source=warehouseDataSource")
			.run((context) -> {
				InstanceCommands commands = context.getBean(InstanceCommands.class);
				assertThat(sql(commands, output, "--instance", "warehouse"))
					.isEqualTo(sql(commands, output, "--instance", "warehouse", "--dialect", "duckdb"))
					.isNotEqualTo(sql(commands, output, "--instance", "warehouse", "--dialect", "postgresql"));
			});
	}

	@Test
	void sqlOfAnInstanceWhoseDatabaseCannotBeReachedAsksForTheDialect(CapturedOutput output) {
		String missing = this.postgres.url().replaceFirst("/(instances_[0-9a-f]+)", "/$1_missing");
		contextRunner()
			.withBean("warehouseDataSource", DataSource.class,
					() -> new DelegatingDataSource(new SimpleDriverDataSource(new org.postgresql.Driver(), missing)))
			.withPropertyValues("migration.instances.warehouse.data-source=warehouseDataSource")
			.run((context) -> {
				InstanceCommands commands = context.getBean(InstanceCommands.class);
				assertThat(commands.execute("migration", "sql", "base:head", "--instance", "warehouse"))
					.isEqualTo(MigrationCommands.FAILURE);
				assertThat(output.getErr()).contains("Cannot connect to the database to find its dialect (",
						"): give --dialect postgresql or --dialect duckdb");
				assertThat(sql(commands, output, "--instance", "warehouse", "--dialect", "postgresql"))
					.contains("CREATE TABLE users");
			});
	}

	/**
	 * The output of {@code sql base:head} with the options given, which must succeed.
	 */
	private static String sql(InstanceCommands commands, CapturedOutput output, String... options) {
		int before = output.getOut().length();
		String[] arguments = new String[3 + options.length];
		arguments[0] = "migration";
		arguments[1] = "sql";
		arguments[2] = "base:head";
		System.arraycopy(options, 0, arguments, 3, options.length);
		assertThat(commands.execute(arguments)).as(output.getErr()).isZero();
		return output.getOut().substring(before);
	}

}
