package dev.migration.autoconfigure.observation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.migration.AppliedMigration;
import dev.migration.DurationFormat;
import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationManager;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link MigrationObservationAutoConfiguration} and
 * {@link MigrationObservations}, on a real DuckDB database.
 */
class MigrationObservationAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationObservationAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("app.db"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver");
	}

	private ApplicationContextRunner withTestRegistry() {
		return contextRunner().withBean(TestObservationRegistry.class, TestObservationRegistry::create);
	}

	@Test
	void backsOffWithoutObservationRegistry() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(MigrationManager.class)
			.doesNotHaveBean(MigrationObservations.class));
	}

	@Test
	void backsOffWithoutMigrationManager() {
		withTestRegistry().withPropertyValues("migration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationManager.class)
				.doesNotHaveBean(MigrationObservations.class));
	}

	@Test
	void migrateIsObservedAsOneRunWithAChildPerMigration() {
		withTestRegistry().run((context) -> {
			assertThat(context).hasSingleBean(MigrationObservations.class);
			context.getBean(MigrationManager.class).migrate();
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThat(registry).hasNumberOfObservationsEqualTo(3)
				.hasNumberOfObservationsWithNameEqualTo("migration.run", 1)
				.forAllObservationsWithNameEqualTo("migration.run", (run) -> run.hasContextualNameEqualTo("migrate")
					.hasLowCardinalityKeyValue("operation", "migrate")
					.hasLowCardinalityKeyValue("outcome", "success")
					.hasHighCardinalityKeyValue("target", "head")
					.doesNotHaveParentObservation()
					.doesNotHaveError())
				.hasNumberOfObservationsWithNameEqualTo("migration.migration", 2)
				.forAllObservationsWithNameEqualTo("migration.migration",
						(migration) -> migration.hasContextualNameEqualTo("upgrade")
							.hasLowCardinalityKeyValue("direction", "upgrade")
							.hasLowCardinalityKeyValue("outcome", "success")
							.doesNotHaveError());
			MigrationRunObservationContext run = only(contexts(registry, MigrationRunObservationContext.class));
			List<AppliedMigration> applied = run.getResult().migrations();
			assertThat(applied).hasSize(2);
			assertThat(run.getHighCardinalityKeyValue("duration").getValue())
				.isEqualTo(DurationFormat.format(run.getResult().duration()));
			List<MigrationObservationContext> migrations = contexts(registry, MigrationObservationContext.class);
			// The engine's own measurement, as the log line and the history say it.
			assertThat(migrations).extracting(MigrationObservationContext::getHighCardinalityKeyValues)
				.containsExactly(
						KeyValues.of(KeyValue.of("revision", "a1"),
								KeyValue.of("duration", DurationFormat.format(applied.get(0).duration()))),
						KeyValues.of(KeyValue.of("revision", "a2"),
								KeyValue.of("duration", DurationFormat.format(applied.get(1).duration()))));
			assertThat(migrations).extracting((migration) -> migration.getParentObservation().getContextView())
				.containsOnly(run);
			assertThat(registry.getCurrentObservation()).isNull();
		});
	}

	@Test
	void rollbackIsObservedWithTheDowngrades() {
		withTestRegistry().run((context) -> {
			MigrationManager manager = context.getBean(MigrationManager.class);
			manager.migrate();
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			registry.clear();
			manager.rollback();
			assertThat(registry).hasNumberOfObservationsEqualTo(2)
				.hasObservationWithNameEqualTo("migration.run")
				.that()
				.hasContextualNameEqualTo("rollback")
				.hasLowCardinalityKeyValue("operation", "rollback")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasHighCardinalityKeyValue("target", "-1");
			assertThat(registry).hasObservationWithNameEqualTo("migration.migration")
				.that()
				.hasContextualNameEqualTo("downgrade")
				.hasLowCardinalityKeyValue("direction", "downgrade")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasHighCardinalityKeyValue("revision", "a2")
				.hasParentObservationContextMatching((parent) -> "migration.run".equals(parent.getName()));
		});
	}

	@Test
	void runWithNothingToDoIsObservedWithoutChildren() {
		withTestRegistry().run((context) -> {
			MigrationManager manager = context.getBean(MigrationManager.class);
			manager.migrate();
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			registry.clear();
			manager.migrate();
			assertThat(registry).hasSingleObservationThat()
				.hasNameEqualTo("migration.run")
				.hasLowCardinalityKeyValue("outcome", "success");
		});
	}

	@Test
	void failingMigrationEndsBothObservationsWithOutcomeFailureAndTheError() {
		withTestRegistry().withPropertyValues("migration.locations=classpath:db/failing").run((context) -> {
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					context.getBean(MigrationManager.class)::migrate);
			assertThat(failure).hasMessageContaining("Upgrade of revision b2");
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThat(registry).hasNumberOfObservationsEqualTo(3)
				.hasObservationWithNameEqualTo("migration.run")
				.that()
				.hasLowCardinalityKeyValue("operation", "migrate")
				.hasLowCardinalityKeyValue("outcome", "failure")
				.hasError(failure);
			assertThat(registry).hasAnObservation((observation) -> observation.hasNameEqualTo("migration.migration")
				.hasHighCardinalityKeyValue("revision", "a1")
				.hasLowCardinalityKeyValue("outcome", "success")
				.doesNotHaveError())
				.hasAnObservation((observation) -> observation.hasNameEqualTo("migration.migration")
					.hasHighCardinalityKeyValue("revision", "b2")
					.hasHighCardinalityKeyValue("duration", DurationFormat.format(failure.getDuration()))
					.hasLowCardinalityKeyValue("outcome", "failure")
					.hasError(failure));
			assertThat(registry.getCurrentObservation()).isNull();
		});
	}

	@Test
	void runFailingBeforeAnyMigrationEndsWithOutcomeFailure() {
		withTestRegistry().run((context) -> {
			RuntimeException failure = catchThrowableOfType(RuntimeException.class,
					() -> context.getBean(MigrationManager.class).migrate("nosuch"));
			assertThat(failure).hasMessageContaining("'nosuch'");
			assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
				.hasNameEqualTo("migration.run")
				.hasHighCardinalityKeyValue("target", "nosuch")
				.hasLowCardinalityKeyValue("outcome", "failure")
				.hasError(failure);
		});
	}

	@Test
	void migrationRunsWithItsObservationInScope() {
		CurrentObservationMigration migration = new CurrentObservationMigration();
		withTestRegistry().withBean(JavaMigration.class, () -> migration).run((context) -> {
			migration.registry = context.getBean(ObservationRegistry.class);
			context.getBean(MigrationManager.class).migrate();
			assertThat(migration.seen).containsExactly("migration.migration j3 in migration.run");
		});
	}

	@Test
	void customConventionsReplaceTheDefaults() {
		withTestRegistry()
			.withBean(MigrationRunObservationConvention.class, () -> new DefaultMigrationRunObservationConvention() {

				@Override
				public String getName() {
					return "schema.run";
				}

			})
			.withBean(MigrationObservationConvention.class, () -> new DefaultMigrationObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(MigrationObservationContext context) {
					return super.getLowCardinalityKeyValues(context)
						.and(KeyValue.of("kind", context.getMigration().kind().name().toLowerCase(Locale.ROOT)));
				}

			})
			.run((context) -> {
				context.getBean(MigrationManager.class).migrate();
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				assertThat(registry).hasNumberOfObservationsWithNameEqualTo("migration.run", 0)
					.hasNumberOfObservationsWithNameEqualTo("schema.run", 1)
					.forAllObservationsWithNameEqualTo("migration.migration",
							(migration) -> migration.hasLowCardinalityKeyValue("kind", "sql")
								.hasLowCardinalityKeyValue("outcome", "success"));
			});
	}

	@Test
	void listenerReachesTheManagerWithBootsObservationRegistry() {
		List<String> observed = new CopyOnWriteArrayList<>();
		withBootRegistry(observed).run((context) -> {
			assertThat(context).hasSingleBean(ObservationRegistry.class).hasSingleBean(MigrationObservations.class);
			context.getBean(MigrationManager.class).migrate();
			assertThat(observed).containsExactly("migration.migration [upgrade, success]",
					"migration.migration [upgrade, success]", "migration.run [migrate, success]");
		});
	}

	@Test
	void observationsAreDisabledByTheirNamePrefix() {
		List<String> observed = new CopyOnWriteArrayList<>();
		withBootRegistry(observed).withPropertyValues("management.observations.enable.migration=false")
			.run((context) -> {
				assertThat(context.getBean(MigrationManager.class).migrate().migrations()).hasSize(2);
				assertThat(observed).isEmpty();
			});
	}

	/**
	 * A context with Boot's own observation registry, and a handler that records each
	 * observation stopped, with its low-cardinality values.
	 */
	private ApplicationContextRunner withBootRegistry(List<String> observed) {
		ObservationHandler<Observation.Context> handler = new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context.getName() + " "
						+ context.getLowCardinalityKeyValues().stream().map(KeyValue::getValue).toList());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		};
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					ObservationAutoConfiguration.class, MigrationAutoConfiguration.class,
					MigrationObservationAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("app.db"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver")
			.withBean("recordingHandler", ObservationHandler.class, () -> handler);
	}

	private static <T> List<T> contexts(TestObservationRegistry registry, Class<T> type) {
		List<T> found = new ArrayList<>();
		assertThat(registry).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
			.filter(type::isInstance)
			.map(type::cast)
			.forEach(found::add));
		return found;
	}

	private static <T> T only(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	/**
	 * A Java migration that records the observation current while it runs.
	 */
	static class CurrentObservationMigration implements JavaMigration {

		final List<String> seen = new CopyOnWriteArrayList<>();

		volatile ObservationRegistry registry;

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
			return "Records the current observation";
		}

		@Override
		public void upgrade(MigrationContext context) {
			Observation current = this.registry.getCurrentObservation();
			Observation.ContextView parent = current.getContextView().getParentObservation().getContextView();
			this.seen.add(current.getContextView().getName() + " "
					+ current.getContextView().getHighCardinalityKeyValue("revision").getValue() + " in "
					+ parent.getName());
		}

	}

}
