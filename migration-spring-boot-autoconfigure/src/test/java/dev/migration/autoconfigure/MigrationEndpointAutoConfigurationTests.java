package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.migration.DurationFormat;
import dev.migration.HistoryEntry;
import dev.migration.MigrationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationEndpointAutoConfiguration}, {@link MigrationsEndpoint} and
 * {@link MigrationsEndpointWebExtension}.
 */
class MigrationEndpointAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationEndpointAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver",
					"management.endpoints.web.exposure.include=migrations");
	}

	@Test
	void endpointWithoutWriteOperationByDefault() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class)
			.doesNotHaveBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void writeOperationWhenEnabled() {
		contextRunner().withPropertyValues("migration.endpoint.write-enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpointWebExtension.class));
	}

	@Test
	void noEndpointWhenNotExposed() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void noEndpointWithoutManager() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
	}

	@Test
	void describesPendingMigrations() {
		contextRunner().run((context) -> {
			MigrationsEndpoint.MigrationsDescriptor descriptor = context.getBean(MigrationsEndpoint.class).migrations();
			assertThat(descriptor.state()).isEqualTo("PENDING");
			assertThat(descriptor.current()).isEmpty();
			assertThat(descriptor.heads()).containsExactly("a2");
			assertThat(descriptor.pending()).extracting(MigrationsEndpoint.PendingDescriptor::id)
				.containsExactly("a1", "a2");
			assertThat(descriptor.pending().get(0).message()).isEqualTo("Create users");
			assertThat(descriptor.pending().get(0).path()).endsWith("a1_create_users.sql");
			assertThat(descriptor.lockHolder()).isNull();
			assertThat(descriptor.lastRun()).isNull();
		});
	}

	@Test
	void describesTheLastRunAfterMigrating() {
		contextRunner().run((context) -> {
			MigrationAutoConfigurationTests.ready(context);
			MigrationsEndpoint.MigrationsDescriptor descriptor = context.getBean(MigrationsEndpoint.class).migrations();
			assertThat(descriptor.state()).isEqualTo("UP_TO_DATE");
			assertThat(descriptor.current()).containsExactly("a2");
			assertThat(descriptor.pending()).isEmpty();
			MigrationsEndpoint.LastRunDescriptor lastRun = descriptor.lastRun();
			assertThat(lastRun.what()).isEqualTo("migrate to head");
			assertThat(lastRun.applied()).containsExactly("a1", "a2");
			assertThat(lastRun.outcome()).isEqualTo("SUCCEEDED");
			assertThat(lastRun.duration()).startsWith("PT");
			assertThat(lastRun.durationMillis()).isPositive()
				.isEqualTo(Duration.parse(lastRun.duration()).toNanos() / 1_000_000.0);
			assertThat(lastRun.when()).isNotNull();
			assertThat(lastRun.error()).isNull();
		});
	}

	@Test
	void reportsFailedState() {
		contextRunner().withPropertyValues("migration.locations=classpath:db/failing", "migration.on-failure=keep-running")
			.run((context) -> {
				MigrationAutoConfigurationTests.ready(context);
				MigrationsEndpoint.MigrationsDescriptor descriptor = context.getBean(MigrationsEndpoint.class)
					.migrations();
				assertThat(descriptor.state()).isEqualTo("FAILED");
				assertThat(descriptor.lastRun().outcome()).isEqualTo("FAILED");
				assertThat(descriptor.lastRun().error()).contains("b2_broken.sql");
			});
	}

	@Test
	void reportsMigratingState() {
		contextRunner().run((context) -> {
			context.getBean(MigrationRunState.class).started("migrate to head");
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().state()).isEqualTo("MIGRATING");
		});
	}

	@Test
	void pagesHistoryNewestFirst() {
		contextRunner().run((context) -> {
			context.getBean(MigrationManager.class).migrate();
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			MigrationsEndpoint.HistoryDescriptor first = (MigrationsEndpoint.HistoryDescriptor) endpoint
				.part("history", 0, 1, null);
			assertThat(first.total()).isEqualTo(2);
			assertThat(first.page()).isZero();
			assertThat(first.size()).isOne();
			HistoryEntry newest = context.getBean(MigrationManager.class).history().get(0);
			assertThat(first.entries()).singleElement().satisfies((entry) -> {
				assertThat(entry.revision()).isEqualTo("a2");
				assertThat(entry.action()).isEqualTo("UPGRADE");
				assertThat(entry.success()).isTrue();
				// The history row's duration, as text and as a number, to the microsecond.
				assertThat(entry.duration()).isEqualTo(newest.duration().toString());
				assertThat(entry.durationMillis()).isPositive().isEqualTo(DurationFormat.millis(newest.duration()));
			});
			assertThat(endpoint.history(1, 1).entries()).extracting(MigrationsEndpoint.HistoryEntryDescriptor::revision)
				.containsExactly("a1");
			assertThat(endpoint.history(5, 1).entries()).isEmpty();
			assertThat(endpoint.history(null, null).size()).isEqualTo(20);
		});
	}

	@Test
	void rejectsInvalidHistoryPaging() {
		contextRunner().run((context) -> {
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.history(-1, 10))
				.withMessage("page must be 0 or more, was -1");
			assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.history(0, 0))
				.withMessage("size must be between 1 and 1000, was 0");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.history(0, 1001))
				.withMessage("size must be between 1 and 1000, was 1001");
		});
	}

	@Test
	void verifiesAndReturnsNothingForUnknownParts() {
		contextRunner().run((context) -> {
			context.getBean(MigrationManager.class).migrate();
			MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
			MigrationsEndpoint.VerifyDescriptor verify = (MigrationsEndpoint.VerifyDescriptor) endpoint.part("verify",
					null, null, null);
			assertThat(verify.ok()).isTrue();
			assertThat(verify.problems()).isEmpty();
			MigrationsEndpoint.VerifyDescriptor roundTrip = (MigrationsEndpoint.VerifyDescriptor) endpoint
				.part("verify", null, null, true);
			assertThat(roundTrip.ok()).isTrue();
			assertThat(endpoint.part("other", null, null, null)).isNull();
		});
	}

	@Test
	void writeOperationMigratesAndRollsBack() {
		contextRunner().withPropertyValues("migration.endpoint.write-enabled=true").run((context) -> {
			MigrationsEndpointWebExtension extension = context.getBean(MigrationsEndpointWebExtension.class);
			WebEndpointResponse<Object> migrated = extension.run("migrate", null, null, null, null);
			assertThat(migrated.getStatus()).isEqualTo(200);
			MigrationsEndpointWebExtension.RunDescriptor run = (MigrationsEndpointWebExtension.RunDescriptor) migrated
				.getBody();
			assertThat(run.operation()).isEqualTo("MIGRATE");
			assertThat(run.applied()).extracting(MigrationsEndpointWebExtension.AppliedDescriptor::id)
				.containsExactly("a1", "a2");
			List<HistoryEntry> history = context.getBean(MigrationManager.class).history();
			assertThat(run.applied()).extracting(MigrationsEndpointWebExtension.AppliedDescriptor::durationMillis)
				.containsExactly(DurationFormat.millis(history.get(1).duration()),
						DurationFormat.millis(history.get(0).duration()));
			assertThat(run.durationMillis()).isGreaterThanOrEqualTo(run.applied()
				.stream()
				.mapToDouble(MigrationsEndpointWebExtension.AppliedDescriptor::durationMillis)
				.sum());
			assertThat(run.current()).containsExactly("a2");
			WebEndpointResponse<Object> rolledBack = extension.run("rollback", null, null, null, null);
			assertThat(rolledBack.getStatus()).isEqualTo(200);
			assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("a1");
			assertThat(context.getBean(MigrationRunState.class).getLastRun().what()).isEqualTo("rollback to -1");
		});
	}

	@Test
	void writeOperationRejectsUnknownActionsAndTargets() {
		contextRunner().withPropertyValues("migration.endpoint.write-enabled=true").run((context) -> {
			MigrationsEndpointWebExtension extension = context.getBean(MigrationsEndpointWebExtension.class);
			WebEndpointResponse<Object> unknown = extension.run("stamp", "a1", null, null, null);
			assertThat(unknown.getStatus()).isEqualTo(400);
			assertThat(unknown.getBody()).isEqualTo(Map.of("error", "action must be 'migrate' or 'rollback', was 'stamp'"));
			WebEndpointResponse<Object> badTarget = extension.run("migrate", "zz9", null, null, null);
			assertThat(badTarget.getStatus()).isEqualTo(400);
			assertThat(badTarget.getBody().toString()).contains("zz9");
		});
	}

	@Test
	void rollbackInProductionNeedsConfirmation() {
		contextRunner().withPropertyValues("migration.endpoint.write-enabled=true", "spring.profiles.active=prod")
			.run((context) -> {
				MigrationsEndpointWebExtension extension = context.getBean(MigrationsEndpointWebExtension.class);
				assertThat(extension.run("migrate", null, null, null, null).getStatus()).isEqualTo(200);
				WebEndpointResponse<Object> refused = extension.run("rollback", "a1", null, null, null);
				assertThat(refused.getStatus()).isEqualTo(400);
				assertThat(refused.getBody()).asString()
					.contains("Rollback to 'a1' refused by 1 safety check(s); nothing was run")
					.contains("this is a production database")
					.contains("Confirm by adding \"confirm\": \"a1\" to the request")
					.doesNotContain("--confirm")
					.doesNotContain("RollbackOptions");
				assertThat(extension.run("rollback", "a1", "a2", null, null).getStatus()).isEqualTo(400);
				assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("a2");
				WebEndpointResponse<Object> dryRun = extension.run("rollback", "a1", "a1", true, null);
				assertThat(dryRun.getStatus()).isEqualTo(200);
				assertThat(((MigrationsEndpointWebExtension.RunDescriptor) dryRun.getBody()).planned())
					.singleElement()
					.satisfies((planned) -> assertThat(planned.id()).isEqualTo("a2"));
				assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("a2");
				assertThat(extension.run("rollback", "a1", "a1", null, null).getStatus()).isEqualTo(200);
				assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("a1");
			});
	}

	@Test
	void rollbackInProductionEnvironmentNeedsConfirmation() {
		contextRunner()
			.withPropertyValues("migration.endpoint.write-enabled=true", "migration.environment=production",
					"migration.production-profiles=production")
			.run((context) -> {
				MigrationsEndpointWebExtension extension = context.getBean(MigrationsEndpointWebExtension.class);
				extension.run("migrate", null, null, null, null);
				assertThat(extension.run("rollback", null, null, null, null).getStatus()).isEqualTo(400);
				assertThat(extension.run("rollback", null, "-1", null, null).getStatus()).isEqualTo(400);
				assertThat(extension.run("rollback", null, "a1", null, null).getStatus()).isEqualTo(200);
			});
	}

}
