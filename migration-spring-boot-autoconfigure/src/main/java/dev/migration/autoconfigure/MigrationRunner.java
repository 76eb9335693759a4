package dev.migration.autoconfigure;

import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.migration.AppliedMigration;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.migration.autoconfigure.MigrationProperties.RunAt;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Migrates to {@code migration.target} when the application starts, at the moment
 * {@code migration.run-at} says. Define a bean of this type to replace it.
 * <p>
 * With {@link RunAt#STARTUP} the migrations run when this bean is initialized, during
 * the context refresh. The bean is a database initializer in Spring Boot's sense
 * ({@code MigrationDatabaseInitializerDetector}), so the JPA
 * {@code EntityManagerFactory}, Spring's {@code JdbcTemplate} and {@code JdbcClient},
 * and every bean marked {@code @DependsOnDatabaseInitialization} are created after it,
 * on the migrated schema. {@link RunAt#AUTO} chooses startup when such a bean needs the
 * schema while the application starts ({@link RunAtDecision}), and logs why.
 * <p>
 * With {@link RunAt#READY} the migrations run synchronously, in the
 * {@link ApplicationReadyEvent} listener. By
 * then the context is refreshed and an embedded web server has started, so its own
 * threads serve the liveness and readiness probes while the migrations run: liveness is
 * {@code CORRECT} and readiness {@code REFUSING_TRAFFIC} (the runner publishes it, and
 * Spring Boot only publishes {@code ACCEPTING_TRAFFIC} after every
 * {@code ApplicationReadyEvent} listener returned). Running on another thread would
 * race that publication and let traffic in before the schema is ready.
 * <p>
 * The auto-configured runner starts warming up as soon as it is created, on a thread
 * of its own while the rest of the context refreshes ({@code migration.warm-up}): it
 * loads the scripts and opens a first connection. The run waits for it, then reads the
 * state and migrates as it would have without it.
 * <p>
 * On failure, with {@link MigrationProperties.OnFailure#FAIL} the exception is
 * rethrown, so the application stops with a non-zero exit code and the failure
 * analysis; with {@link MigrationProperties.OnFailure#KEEP_RUNNING} the failure is
 * logged and kept in the {@link MigrationRunState}, which the health indicator reports
 * as {@code DOWN}.
 */
public class MigrationRunner implements ApplicationListener<ApplicationReadyEvent>, InitializingBean,
		DisposableBean, BeanFactoryAware, EnvironmentAware {

	private static final Log logger = LogFactory.getLog(MigrationRunner.class);

	private final MigrationManager migrationManager;

	private final MigrationProperties properties;

	private final MigrationRunState runState;

	private final Supplier<MigrationWarmUp> warmUpStarter;

	private MigrationWarmUp warmUp = MigrationWarmUp.NONE;

	private @Nullable BeanFactory beanFactory;

	private @Nullable Environment environment;

	private RunAt runAt = RunAt.READY;

	/**
	 * Creates a runner that does all the work when the application is ready.
	 * @param migrationManager the manager
	 * @param properties the properties, for the target and the failure mode
	 * @param runState where the run is recorded
	 */
	public MigrationRunner(MigrationManager migrationManager, MigrationProperties properties,
			MigrationRunState runState) {
		this(migrationManager, properties, runState, () -> MigrationWarmUp.NONE);
	}

	MigrationRunner(MigrationManager migrationManager, MigrationProperties properties, MigrationRunState runState,
			Supplier<MigrationWarmUp> warmUpStarter) {
		this.migrationManager = migrationManager;
		this.properties = properties;
		this.runState = runState;
		this.warmUpStarter = warmUpStarter;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Decides when the migrations run, and runs them now for {@link RunAt#STARTUP}.
	 * @throws SchemaNeededAtStartupException when they would run once the application is
	 * ready while Hibernate reads the schema as it starts
	 */
	@Override
	public void afterPropertiesSet() {
		RunAtDecision decision = decide();
		this.runAt = decision.runAt();
		logger.info(decision.describe());
		if (decision.conflict() != null) {
			throw new SchemaNeededAtStartupException(decision.conflict());
		}
		if (this.runAt == RunAt.STARTUP) {
			migrate();
		}
		else {
			// Started now, to overlap with the rest of the start; the run waits for it.
			this.warmUp = this.warmUpStarter.get();
		}
	}

	private RunAtDecision decide() {
		RunAt configured = this.properties.getRunAt();
		if (this.beanFactory instanceof ConfigurableListableBeanFactory listable && this.environment != null) {
			return RunAtDecision.decide(configured, listable, this.environment);
		}
		// Outside a context, nothing can need the schema while it starts.
		return (configured == RunAt.STARTUP) ? new RunAtDecision(RunAt.STARTUP, "migration.run-at=startup", null)
				: new RunAtDecision(RunAt.READY, "migration.run-at=" + configured.name().toLowerCase(java.util.Locale.ROOT), null);
	}

	/**
	 * When the migrations run, once this bean is initialized.
	 * @return {@link RunAt#STARTUP} or {@link RunAt#READY}
	 */
	public RunAt getRunAt() {
		return this.runAt;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.runAt == RunAt.READY) {
			run(event.getApplicationContext());
		}
	}

	/**
	 * Migrates to the target, refusing traffic meanwhile.
	 * @param context the context whose readiness is changed
	 */
	public void run(ApplicationContext context) {
		AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
		if (migrate()) {
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	/**
	 * Migrates to the target.
	 * @return whether the run succeeded; a failure with
	 * {@link MigrationProperties.OnFailure#FAIL} is thrown
	 */
	private boolean migrate() {
		String target = this.properties.getTarget();
		this.runState.started("migrate to " + target);
		// The warm-up did part of this run's work: let it finish rather than race it.
		this.warmUp.await();
		MigrationResult result;
		try {
			result = this.migrationManager.migrate(target);
		}
		catch (RuntimeException ex) {
			this.runState.failed(ex);
			if (this.properties.getOnFailure() == MigrationProperties.OnFailure.FAIL) {
				logger.error("Migrating to '" + target + "' failed; stopping the application "
						+ "(set migration.on-failure=keep-running to keep it running): "
						+ MigrationRunState.describe(ex));
				throw ex;
			}
			logger.error("Migrating to '" + target + "' failed; the application keeps running with the "
					+ "migration health DOWN (migration.on-failure=keep-running): " + MigrationRunState.describe(ex));
			return false;
		}
		this.runState.succeeded(result);
		logger.info(summary(result));
		return true;
	}

	/**
	 * Waits for a warm-up still running, so that the context does not close the
	 * DataSource under it.
	 */
	@Override
	public void destroy() {
		this.warmUp.join();
	}

	MigrationWarmUp warmUp() {
		return this.warmUp;
	}

	private static String summary(MigrationResult result) {
		String current = result.currentRevisions().isEmpty() ? "base" : String.join(", ", result.currentRevisions());
		long millis = result.duration().toMillis();
		if (!result.changed()) {
			return "Database is up to date at " + current + " (checked in " + millis + " ms)";
		}
		String applied = result.migrations().stream().map(AppliedMigration::revision).collect(Collectors.joining(", "));
		return "Migrated to '" + result.target() + "' in " + millis + " ms: " + result.migrations().size()
				+ " migration(s) applied (" + applied + "); now at " + current;
	}

}
