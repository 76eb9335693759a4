package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.migration.AheadPolicy;
import dev.migration.AppliedMigration;
import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationListener;
import dev.migration.MigrationManager;
import dev.migration.MigrationConfiguration;
import dev.migration.revision.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationAutoConfiguration}.
 */
class MigrationAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class));

	private ApplicationContextRunner withDatabase() {
		return this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
				"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver", "spring.datasource.hikari.maximum-pool-size=2");
	}

	static void ready(AssertableApplicationContext context) {
		ConfigurableApplicationContext source = context.getSourceApplicationContext();
		source.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], source, Duration.ZERO));
	}

	@Test
	void backsOffWithoutDataSource() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigrationManager.class)
			.doesNotHaveBean(MigrationRunner.class));
	}

	@Test
	void createsManagerAndRunnerWithDataSource() {
		withDatabase().run((context) -> assertThat(context).hasSingleBean(MigrationManager.class)
			.hasSingleBean(MigrationRunner.class)
			.hasSingleBean(MigrationRunState.class)
			.hasSingleBean(MigrationProperties.class));
	}

	@Test
	void backsOffWhenDisabled() {
		withDatabase().withPropertyValues("migration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationManager.class)
				.doesNotHaveBean(MigrationRunner.class));
	}

	@Test
	void noRunnerWithoutAutoMigrate() {
		withDatabase().withPropertyValues("migration.auto-migrate=false")
			.run((context) -> assertThat(context).hasSingleBean(MigrationManager.class)
				.doesNotHaveBean(MigrationRunner.class));
	}

	@Test
	void userManagerWins() {
		withDatabase().withUserConfiguration(UserManagerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MigrationManager.class)
				.getBean(MigrationManager.class)
				.isSameAs(context.getBean(UserManagerConfiguration.class).manager));
	}

	@Test
	void userRunnerWins() {
		withDatabase().withUserConfiguration(UserRunnerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MigrationRunner.class)
				.hasBean("customRunner"));
	}

	@Test
	void backsOffWithTwoDataSourcesAndNoQualifier() {
		this.contextRunner.withBean("one", DataSource.class, () -> TestDatabase.dataSource(this.directory, "one"))
			.withBean("two", DataSource.class, () -> TestDatabase.dataSource(this.directory, "two"))
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationManager.class));
	}

	@Test
	void migratesTheDataSourceMarkedWithMigrationDataSource() {
		this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class)
			.withBean(Path.class, () -> this.directory)
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationManager.class);
				context.getBean(MigrationManager.class).migrate();
				assertThat(TestDatabase.hasTable(this.directory, "owner", "users")).isTrue();
				assertThat(TestDatabase.hasTable(this.directory, "app", "users")).isFalse();
			});
	}

	@Test
	void migratesTheDataSourceMarkedWithMigrationDataSourceEvenBesideAPrimaryOne() {
		this.contextRunner.withUserConfiguration(PrimaryAndQualifiedDataSourcesConfiguration.class)
			.withBean(Path.class, () -> this.directory)
			.run((context) -> {
				context.getBean(MigrationManager.class).migrate();
				assertThat(TestDatabase.hasTable(this.directory, "owner", "users")).isTrue();
				assertThat(TestDatabase.hasTable(this.directory, "app", "users")).isFalse();
			});
	}

	@Test
	void migrationUrlUsesItsOwnConnection() {
		withDatabase().withPropertyValues("migration.url=" + TestDatabase.url(this.directory, "separate"))
			.run((context) -> {
				context.getBean(MigrationManager.class).migrate();
				assertThat(TestDatabase.hasTable(this.directory, "separate", "users")).isTrue();
				assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "users")).isFalse();
			});
	}

	@Test
	void migrationUrlIsEnoughWithoutDataSource() {
		this.contextRunner.withPropertyValues("migration.url=" + TestDatabase.url(this.directory, "separate"))
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationManager.class).doesNotHaveBean(DataSource.class);
				context.getBean(MigrationManager.class).migrate();
				assertThat(TestDatabase.hasTable(this.directory, "separate", "users")).isTrue();
			});
	}

	@Test
	void bindsProperties() {
		withDatabase()
			.withPropertyValues("migration.lock-timeout=5s", "migration.locations=classpath:db/one,filesystem:/two",
					"migration.on-failure=keep-running", "migration.ahead-policy=fail", "migration.schema=app",
					"migration.endpoint.write-enabled=true", "migration.production-profiles=live,production",
					"migration.target=a1", "migration.baseline-on-migrate=a1", "migration.echo=true")
			.run((context) -> {
				MigrationProperties properties = context.getBean(MigrationProperties.class);
				assertThat(properties.getLockTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getLocations()).containsExactly("classpath:db/one", "filesystem:/two");
				assertThat(properties.getOnFailure()).isEqualTo(MigrationProperties.OnFailure.KEEP_RUNNING);
				assertThat(properties.getAheadPolicy()).isEqualTo(AheadPolicy.FAIL);
				assertThat(properties.getSchema()).isEqualTo("app");
				assertThat(properties.getEndpoint().isWriteEnabled()).isTrue();
				assertThat(properties.getProductionProfiles()).containsExactly("live", "production");
				assertThat(properties.getTarget()).isEqualTo("a1");
				assertThat(properties.getBaselineOnMigrate()).isEqualTo("a1");
				assertThat(properties.isEcho()).isTrue();
			});
	}

	@Test
	void failsOnInvalidTableName() {
		withDatabase().withPropertyValues("migration.table=no-dashes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Invalid table name 'no-dashes'"));
	}

	@Test
	void appliesCustomizers() {
		withDatabase().withBean(MigrationManagerCustomizer.class, () -> (builder) -> builder.table("custom_history"))
			.run((context) -> {
				context.getBean(MigrationManager.class).migrate();
				DataSource dataSource = context.getBean(DataSource.class);
				assertThat(TestDatabase.hasTable(dataSource, "custom_history")).isTrue();
				assertThat(TestDatabase.hasTable(dataSource, "migration_history")).isFalse();
			});
	}

	@Test
	void picksUpJavaMigrationBeans() {
		withDatabase().withBean("javaMigration", JavaMigration.class, AddOrders::new).run((context) -> {
			MigrationManager manager = context.getBean(MigrationManager.class);
			assertThat(manager.migrations()).extracting(MigrationInfo::revision).containsExactly("a1", "a2", "j3");
			manager.migrate();
			assertThat(TestDatabase.hasTable(context.getBean(DataSource.class), "orders")).isTrue();
		});
	}

	@Test
	void callsListenerBeans() {
		RecordingListener listener = new RecordingListener();
		withDatabase().withBean(MigrationListener.class, () -> listener).run((context) -> {
			context.getBean(MigrationManager.class).migrate();
			assertThat(listener.events).containsExactly("before a1 UPGRADE", "after a1", "before a2 UPGRADE",
					"after a2");
		});
	}

	@Test
	void runnerMigratesWhenTheApplicationIsReady() {
		withDatabase().run((context) -> {
			MigrationRunState runState = context.getBean(MigrationRunState.class);
			assertThat(runState.getState()).isEqualTo(MigrationRunState.State.IDLE);
			ready(context);
			assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("a2");
			assertThat(runState.getState()).isEqualTo(MigrationRunState.State.SUCCEEDED);
			MigrationRunState.LastRun lastRun = runState.getLastRun();
			assertThat(lastRun.what()).isEqualTo("migrate to head");
			assertThat(lastRun.applied()).containsExactly("a1", "a2");
			assertThat(lastRun.outcome()).isEqualTo(MigrationRunState.State.SUCCEEDED);
			assertThat(lastRun.error()).isNull();
			assertThat(lastRun.when()).isNotNull();
			assertThat(lastRun.duration()).isPositive();
		});
	}

	@Test
	void runnerMigratesToTheConfiguredTarget() {
		withDatabase().withPropertyValues("migration.target=a1").run((context) -> {
			ready(context);
			assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("a1");
		});
	}

	@Test
	void runnerFailureStopsTheApplicationByDefault() {
		withDatabase().withPropertyValues("migration.locations=classpath:db/failing").run((context) -> {
			assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> ready(context))
				.withMessageContaining("b2_broken.sql");
			MigrationRunState runState = context.getBean(MigrationRunState.class);
			assertThat(runState.getState()).isEqualTo(MigrationRunState.State.FAILED);
			assertThat(runState.getLastRun().error()).contains("b2_broken.sql");
		});
	}

	@Test
	void runnerFailureKeepsTheApplicationRunningWhenAsked() {
		withDatabase().withPropertyValues("migration.locations=classpath:db/failing", "migration.on-failure=keep-running")
			.run((context) -> {
				ready(context);
				assertThat(context.getSourceApplicationContext().isActive()).isTrue();
				MigrationRunState runState = context.getBean(MigrationRunState.class);
				assertThat(runState.getState()).isEqualTo(MigrationRunState.State.FAILED);
				assertThat(runState.getFailure()).isInstanceOf(MigrationFailedException.class);
				assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("a1");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserManagerConfiguration {

		final MigrationManager manager = MigrationManager.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource(),
				MigrationConfiguration.builder().build());

		@Bean
		MigrationManager userMigrationManager() {
			return this.manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRunnerConfiguration {

		@Bean
		MigrationRunner customRunner(MigrationManager manager) {
			return new MigrationRunner(manager, new MigrationProperties(), new MigrationRunState());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSourcesConfiguration {

		@Bean
		DataSource applicationDataSource(Path directory) {
			return TestDatabase.dataSource(directory, "app");
		}

		@Bean
		@MigrationDataSource
		DataSource migrationDataSource(Path directory) {
			return TestDatabase.dataSource(directory, "owner");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryAndQualifiedDataSourcesConfiguration {

		@Bean
		@Primary
		DataSource applicationDataSource(Path directory) {
			return TestDatabase.dataSource(directory, "app");
		}

		@Bean
		@MigrationDataSource
		DataSource migrationDataSource(Path directory) {
			return TestDatabase.dataSource(directory, "owner");
		}

	}

	static class AddOrders implements JavaMigration {

		@Override
		public String revision() {
			return "j3";
		}

		@Override
		public List<String> downRevisions() {
			return List.of("a2");
		}

		@Override
		public String message() {
			return "Add orders";
		}

		@Override
		public void upgrade(MigrationContext context) throws Exception {
			try (var statement = context.connection().createStatement()) {
				statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)");
			}
		}

	}

	static class RecordingListener implements MigrationListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void beforeMigration(MigrationInfo migration, Direction direction) {
			this.events.add("before " + migration.revision() + " " + direction);
		}

		@Override
		public void afterMigration(MigrationInfo migration, AppliedMigration result) {
			this.events.add("after " + migration.revision());
		}

	}

}
