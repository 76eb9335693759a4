package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.migration.AppliedMigration;
import dev.migration.HistoryEntry;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
	void timerRecordsTheDurationsOfTheHistory() {
		contextRunner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			MigrationManager manager = context.getBean(MigrationManager.class);
			MigrationResult migrated = manager.migrate();
			MigrationResult rolledBack = manager.rollback();
			List<HistoryEntry> history = manager.history();
			assertThat(history).hasSize(3);
			for (HistoryEntry entry : history) {
				String direction = entry.action().name().toLowerCase(Locale.ROOT);
				Timer timer = registry.get("migration.duration")
					.tags("revision", entry.revision(), "direction", direction, "outcome", "success")
					.timer();
				assertThat(entry.duration()).isPositive();
				assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(entry.revision() + " " + direction)
					.isEqualTo((double) entry.duration().toNanos());
			}
			assertThat(migrated.migrations()).extracting(AppliedMigration::duration)
				.containsExactly(history.get(2).duration(), history.get(1).duration());
			assertThat(rolledBack.migrations()).extracting(AppliedMigration::duration)
				.containsExactly(history.get(0).duration());
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
				Timer failed = registry.get("migration.duration")
					.tags("revision", "b2", "direction", "upgrade", "outcome", "failure")
					.timer();
				assertThat(failed.count()).isEqualTo(1);
				HistoryEntry failure = context.getBean(MigrationManager.class).history().get(0);
				assertThat(failure.success()).isFalse();
				assertThat(failed.totalTime(TimeUnit.NANOSECONDS)).isEqualTo((double) failure.duration().toNanos());
				assertThat(registry.get("migration.pending").gauge().value()).isEqualTo(1);
				assertThat(registry.get("migration.applied").gauge().value()).isEqualTo(1);
			});
	}

}
