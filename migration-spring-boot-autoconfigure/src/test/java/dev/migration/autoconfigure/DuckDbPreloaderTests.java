package dev.migration.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import dev.migration.autoconfigure.command.MigrationCommandEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DuckDbPreloader}: DuckDB's engine is loaded in the background from the
 * start of the application, only when the starter will check a DuckDB database then.
 */
class DuckDbPreloaderTests {

	@Test
	void isRegisteredForEveryApplication() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(ApplicationListener.class)).hasAtLeastOneElementOfType(DuckDbPreloader.class);
	}

	@Test
	void loadsTheEngineForTheApplicationsDuckDbDatabase() throws InterruptedException {
		DuckDbPreloader preloader = new DuckDbPreloader();
		preloader.onApplicationEvent(prepared(environment(Map.of("spring.datasource.url", "jdbc:duckdb:/tmp/app.db")),
				new SpringApplication()));
		Thread thread = preloader.thread();
		assertThat(thread).isNotNull();
		assertThat(thread.getName()).isEqualTo(DuckDbPreloader.THREAD_NAME);
		assertThat(thread.isDaemon()).isTrue();
		thread.join(30_000);
		assertThat(thread.isAlive()).isFalse();
		assertThat(preloader.failure()).isNull();
	}

	@Test
	void startsNothingForPostgreSql() {
		DuckDbPreloader preloader = new DuckDbPreloader();
		preloader.onApplicationEvent(prepared(
				environment(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/app")), new SpringApplication()));
		assertThat(preloader.thread()).isNull();
	}

	@Test
	void aMissingDriverIsLeftForTheRun() throws InterruptedException {
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(withoutDuckDb()));
		DuckDbPreloader preloader = new DuckDbPreloader();
		preloader.onApplicationEvent(prepared(environment(Map.of("spring.datasource.url", "jdbc:duckdb:")), application));
		preloader.thread().join(30_000);
		assertThat(preloader.failure()).isInstanceOf(ClassNotFoundException.class)
			.hasMessageContaining("org.duckdb.DuckDBDriver");
		assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> DuckDbPreloader.preload(withoutDuckDb()));
	}

	@Test
	void checksTheUrlTheStarterMigrates() {
		assertThat(check(Map.of("spring.datasource.url", "jdbc:duckdb:app.db"))).isTrue();
		assertThat(check(Map.of("spring.datasource.url", " JDBC:DUCKDB:"))).isTrue();
		assertThat(check(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/app"))).isFalse();
		assertThat(check(Map.of())).isFalse();
		assertThat(check(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/app", "migration.url",
				"jdbc:duckdb:migrations.db")))
			.isTrue();
		assertThat(check(Map.of("spring.datasource.url", "jdbc:duckdb:app.db", "migration.url",
				"jdbc:postgresql://127.0.0.1/app")))
			.isFalse();
	}

	@Test
	void startsNothingWhereTheWarmUpWouldNotRun() {
		for (String off : new String[] { "migration.enabled", "migration.auto-migrate", "migration.warm-up" }) {
			assertThat(check(Map.of("spring.datasource.url", "jdbc:duckdb:app.db", off, "false"))).as(off).isFalse();
		}
	}

	@Test
	void leavesAValueThatDoesNotBindToThePropertiesBinding() {
		DuckDbPreloader preloader = new DuckDbPreloader();
		preloader.onApplicationEvent(prepared(
				environment(Map.of("spring.datasource.url", "jdbc:duckdb:app.db", "migration.warm-up", "sometimes")),
				new SpringApplication()));
		assertThat(preloader.thread()).isNull();
	}

	@Test
	void readsPropertiesAsTheBinderDoes() {
		StandardEnvironment environment = environment(Map.of("spring.datasource.url", "jdbc:duckdb:app.db"));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("MIGRATION_WARMUP", "false")));
		assertThat(DuckDbPreloader.isDuckDbToCheck(environment)).isFalse();
	}

	@Test
	void followsDatabaseUrl() {
		StandardEnvironment environment = environment(Map.of("DATABASE_URL", "duckdb:///app.db"));
		new DatabaseUrlEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(DuckDbPreloader.isDuckDbToCheck(environment)).isTrue();
	}

	@Test
	void startsNothingForACommand() {
		StandardEnvironment environment = environment(Map.of("spring.datasource.url", "jdbc:duckdb:app.db"));
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("migration", "status"));
		new MigrationCommandEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(DuckDbPreloader.isDuckDbToCheck(environment)).isFalse();
	}

	@Test
	void loadsTheEngineForAnInstanceWithADuckDbUrl() throws InterruptedException {
		DuckDbPreloader preloader = new DuckDbPreloader();
		preloader.onApplicationEvent(prepared(environment(Map.of("migration.instances.reporting.url",
				"jdbc:postgresql://127.0.0.1/reporting", "migration.instances.analytics.url", "jdbc:duckdb:/tmp/analytics.db")),
				new SpringApplication()));
		Thread thread = preloader.thread();
		assertThat(thread).isNotNull();
		thread.join(30_000);
		assertThat(thread.isAlive()).isFalse();
		assertThat(preloader.failure()).isNull();
	}

	@Test
	void withInstancesChecksTheirUrlsAndTheirOwnSettings() {
		String duckdb = "migration.instances.analytics.url";
		String postgres = "migration.instances.reporting.url";
		assertThat(check(Map.of(postgres, "jdbc:postgresql://127.0.0.1/reporting", duckdb, "jdbc:duckdb:analytics.db")))
			.isTrue();
		// The top-level settings configure no manager once there are instances.
		assertThat(check(Map.of(duckdb, "jdbc:duckdb:analytics.db", "migration.auto-migrate", "false",
				"migration.warm-up", "false")))
			.isTrue();
		assertThat(check(Map.of(postgres, "jdbc:postgresql://127.0.0.1/reporting", "spring.datasource.url",
				"jdbc:duckdb:app.db")))
			.isFalse();
		// A DataSource bean is not known to be a DuckDB one before the beans exist.
		assertThat(check(Map.of("migration.instances.analytics.data-source", "analyticsDataSource",
				"spring.datasource.url", "jdbc:duckdb:app.db")))
			.isFalse();
		assertThat(check(Map.of(duckdb, "jdbc:duckdb:analytics.db", "migration.instances.analytics.auto-migrate",
				"false")))
			.isFalse();
		assertThat(check(Map.of(duckdb, "jdbc:duckdb:analytics.db", "migration.instances.analytics.warm-up", "false")))
			.isFalse();
		assertThat(check(Map.of(duckdb, "jdbc:duckdb:analytics.db", "migration.enabled", "false"))).isFalse();
	}

	@Test
	void startsNothingForACommandOnInstances() {
		StandardEnvironment environment = environment(
				Map.of("migration.instances.analytics.url", "jdbc:duckdb:analytics.db"));
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("migration", "status"));
		new MigrationCommandEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(DuckDbPreloader.isDuckDbToCheck(environment)).isFalse();
	}

	private static boolean check(Map<String, Object> properties) {
		return DuckDbPreloader.isDuckDbToCheck(environment(properties));
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	private static ApplicationEnvironmentPreparedEvent prepared(StandardEnvironment environment,
			SpringApplication application) {
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), application, new String[0],
				environment);
	}

	/**
	 * A class loader that sees only the JDK.
	 */
	private static ClassLoader withoutDuckDb() {
		return new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
	}

}
