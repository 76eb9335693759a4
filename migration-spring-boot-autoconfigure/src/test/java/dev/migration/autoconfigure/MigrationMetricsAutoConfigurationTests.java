package dev.migration.autoconfigure;

import java.nio.file.Path;

import dev.migration.MigrationManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationMetricsAutoConfiguration} and {@link MigrationMetrics}.
 */
class MigrationMetricsAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationMetricsAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver");
	}

	@Test
	void noMetricsWithoutRegistry() {
		contextRunner().run((context) -> assertThat(context).doesNotHaveBean(MigrationMetrics.class));
	}

	@Test
	void recordsMigrationsAndCounts() {
		contextRunner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MigrationMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("migration.pending").gauge().value()).isEqualTo(2);
			assertThat(registry.get("migration.applied").gauge().value()).isEqualTo(0);
			context.getBean(MigrationManager.class).migrate();
			assertThat(registry.get("migration.duration")
				.tags("revision", "a1", "direction", "upgrade", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("migration.duration").tag("revision", "a2").timer().count()).isEqualTo(1);
			assertThat(registry.get("migration.pending").gauge().value()).isEqualTo(0);
			assertThat(registry.get("migration.applied").gauge().value()).isEqualTo(2);
			assertThat(registry.get("migration.failures").counter().count()).isZero();
			assertThat(registry.get("migration.lock.wait").timer().count()).isEqualTo(1);
			context.getBean(MigrationManager.class).rollback();
			assertThat(registry.get("migration.duration")
				.tags("revision", "a2", "direction", "downgrade", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("migration.pending").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void countsFailures() {
		contextRunner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("migration.locations=classpath:db/failing", "migration.on-failure=keep-running")
			.run((context) -> {
				MigrationAutoConfigurationTests.ready(context);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("migration.failures").counter().count()).isEqualTo(1);
				assertThat(registry.get("migration.duration")
					.tags("revision", "b2", "direction", "upgrade", "outcome", "failure")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("migration.pending").gauge().value()).isEqualTo(1);
				assertThat(registry.get("migration.applied").gauge().value()).isEqualTo(1);
			});
	}

}
