package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.MigrationException;
import dev.migration.MigrationManager;
import dev.migration.autoconfigure.command.MigrationCommandAutoConfiguration;
import dev.migration.autoconfigure.command.MigrationCommandEnvironmentPostProcessor;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link MigrationWarmUp}: the runner loads the scripts and opens a first
 * connection in the background while the context refreshes, and the run when the
 * application is ready still does everything it did without it.
 */
class MigrationWarmUpTests {

	@TempDir
	Path directory;

	private final List<String> connectingThreads = new CopyOnWriteArrayList<>();

	private final RecordingMigration migration = new RecordingMigration();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MigrationAutoConfiguration.class,
				MigrationCommandAutoConfiguration.class))
		.withBean(JavaMigration.class, () -> this.migration);

	private ApplicationContextRunner withDatabase() {
		return withDatabase(TestDatabase.url(this.directory, "app"));
	}

	private ApplicationContextRunner withDatabase(String url) {
		return this.contextRunner.withBean(DataSource.class, () -> recording(url));
	}

	/**
	 * A DuckDB database that records which threads ask it for a connection.
	 */
	private DataSource recording(String url) {
		return new DelegatingDataSource(new SimpleDriverDataSource(new DuckDBDriver(), url)) {

			@Override
			public Connection getConnection() throws SQLException {
				MigrationWarmUpTests.this.connectingThreads.add(Thread.currentThread().getName());
				return super.getConnection();
			}

		};
	}

	@Test
	void warmsUpWhileTheContextRefreshesAndTheRunStillMigrates() {
		withDatabase().run((context) -> {
			context.getBean(MigrationRunner.class).warmUp().join();
			assertThat(this.migration.loadingThreads).first().isEqualTo(MigrationWarmUp.THREAD_NAME);
			// One connection of its own, then the engine's to read the state: nothing written.
			assertThat(this.connectingThreads).containsExactly(MigrationWarmUp.THREAD_NAME,
					MigrationWarmUp.THREAD_NAME);
			assertThat(TestDatabase.hasTable(this.directory, "app", "migration_history")).isFalse();
			MigrationAutoConfigurationTests.ready(context);
			String caller = Thread.currentThread().getName();
			assertThat(this.connectingThreads).hasSizeGreaterThan(2);
			assertThat(this.connectingThreads.subList(2, this.connectingThreads.size())).containsOnly(caller);
			assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("j3");
			MigrationRunState runState = context.getBean(MigrationRunState.class);
			assertThat(runState.getState()).isEqualTo(MigrationRunState.State.SUCCEEDED);
			assertThat(runState.getLastRun().applied()).containsExactly("a1", "a2", "j3");
		});
	}

	@Test
	void runReadsTheStateItselfAfterTheWarmUp() {
		withDatabase().run((context) -> {
			context.getBean(MigrationRunner.class).warmUp().join();
			// Another instance migrates between the warm-up and the run.
			context.getBean(MigrationManager.class).migrate("a1");
			MigrationAutoConfigurationTests.ready(context);
			assertThat(context.getBean(MigrationRunState.class).getLastRun().applied()).containsExactly("a2", "j3");
		});
	}

	@Test
	void failingWarmUpLeavesTheSameFailureToTheRun() {
		String unreachable = "jdbc:duckdb:" + this.directory.resolve("no-such-directory").resolve("app.db");
		String[] retries = { "migration.connect-retries=1", "migration.connect-retry-backoff=10ms" };
		MigrationException withoutWarmUp = failedRun(
				withDatabase(unreachable).withPropertyValues(retries).withPropertyValues("migration.warm-up=false"));
		String caller = Thread.currentThread().getName();
		assertThat(this.connectingThreads).containsExactly(caller, caller);
		this.connectingThreads.clear();
		MigrationException withWarmUp = failedRun(withDatabase(unreachable).withPropertyValues(retries));
		assertThat(withWarmUp).hasMessage(withoutWarmUp.getMessage())
			.hasMessageContaining("Cannot connect to the database after 2 attempts")
			.hasMessageContaining("(connect retries: 1)");
		// One attempt, outside the engine's retries and their warnings; then the run's.
		assertThat(this.connectingThreads).containsExactly(MigrationWarmUp.THREAD_NAME, caller, caller);
	}

	private MigrationException failedRun(ApplicationContextRunner runner) {
		Throwable[] failure = new Throwable[1];
		runner.run((context) -> {
			failure[0] = catchThrowable(() -> MigrationAutoConfigurationTests.ready(context));
			MigrationRunState runState = context.getBean(MigrationRunState.class);
			assertThat(runState.getState()).isEqualTo(MigrationRunState.State.FAILED);
			assertThat(runState.getFailure()).isSameAs(failure[0]);
		});
		assertThat(failure[0]).isInstanceOf(MigrationException.class);
		return (MigrationException) failure[0];
	}

	@Test
	void commandModeDoesNotWarmUp() {
		withDatabase().withInitializer((context) -> {
			context.getEnvironment().getPropertySources().addFirst(new SimpleCommandLinePropertySource("migration",
					"status"));
			new MigrationCommandEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(),
					new SpringApplication());
		})
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("migrationCommandRunner")
				.doesNotHaveBean(MigrationRunner.class));
		assertThat(this.connectingThreads).isEmpty();
		assertThat(this.migration.loadingThreads).isEmpty();
	}

	@Test
	void noWarmUpWithoutAutoMigrate() {
		withDatabase().withPropertyValues("migration.auto-migrate=false")
			.run((context) -> assertThat(context).hasSingleBean(MigrationManager.class)
				.doesNotHaveBean(MigrationRunner.class));
		assertThat(this.connectingThreads).isEmpty();
		assertThat(this.migration.loadingThreads).isEmpty();
	}

	@Test
	void runDoesAllTheWorkWhenWarmUpIsOff() {
		withDatabase().withPropertyValues("migration.warm-up=false").run((context) -> {
			assertThat(context.getBean(MigrationRunner.class).warmUp().isStarted()).isFalse();
			assertThat(this.connectingThreads).isEmpty();
			MigrationAutoConfigurationTests.ready(context);
			assertThat(this.connectingThreads).isNotEmpty().doesNotContain(MigrationWarmUp.THREAD_NAME);
			assertThat(this.migration.loadingThreads).doesNotContain(MigrationWarmUp.THREAD_NAME);
			assertThat(context.getBean(MigrationManager.class).currentRevisions()).containsExactly("j3");
		});
	}

	/**
	 * A Java migration that records which threads load it.
	 */
	static class RecordingMigration implements JavaMigration {

		final List<String> loadingThreads = new CopyOnWriteArrayList<>();

		@Override
		public String revision() {
			this.loadingThreads.add(Thread.currentThread().getName());
			return "j3";
		}

		@Override
		public List<String> downRevisions() {
			return List.of("a2");
		}

		@Override
		public String message() {
			return "Record who loads it";
		}

		@Override
		public void upgrade(MigrationContext context) {
		}

	}

}
