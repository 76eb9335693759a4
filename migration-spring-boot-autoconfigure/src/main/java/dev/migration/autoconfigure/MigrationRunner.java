package dev.migration.autoconfigure;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.migration.AppliedMigration;
import dev.migration.DurationFormat;
import dev.migration.FleetResult;
import dev.migration.MigrationException;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import dev.migration.TenantFleet;
import dev.migration.autoconfigure.MigrationProperties.RunAt;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Migrates to {@code migration.target} when the application starts, at the moment
 * {@code migration.run-at} says. Define a bean of this type to replace it.
 * <p>
 * With {@link RunAt#STARTUP} the migrations run when this bean is initialized, during
 * the context refresh. The bean is then a database initializer in Spring Boot's sense
 * ({@code MigrationDatabaseInitializerDetector}), so the JPA
 * {@code EntityManagerFactory}, Spring's {@code JdbcTemplate} and {@code JdbcClient},
 * and every bean marked {@code @DependsOnDatabaseInitialization} are created after it,
 * on the migrated schema. {@link RunAt#AUTO} chooses startup when such a bean needs the
 * schema while the application starts ({@link RunAtDecision}), and logs why.
 * <p>
 * With {@link RunAt#READY} the migrations run synchronously, in the
 * {@link ApplicationReadyEvent} listener, before the other listeners. By then the
 * context is refreshed and an embedded web server has started, so its own threads serve
 * the liveness and readiness probes while the migrations run: liveness is
 * {@code CORRECT} and readiness {@code REFUSING_TRAFFIC} (the runner publishes it, and
 * Spring Boot only publishes {@code ACCEPTING_TRAFFIC} after every
 * {@code ApplicationReadyEvent} listener returned). Running on another thread would
 * race that publication and let traffic in before the schema is ready. The
 * auto-configured runner then starts warming up once it is initialized, on a thread of
 * its own while the rest of the context refreshes ({@code migration.warm-up}): it loads
 * the scripts, opens a first connection and reads the state once, read-only. The run
 * waits for it, then reads the state again and migrates as it would have without it.
 * <p>
 * In command mode ({@code migration <command>}) and with
 * {@code migration.auto-migrate=false} a runner does nothing, whoever defined it.
 * <p>
 * On failure, with {@link MigrationProperties.OnFailure#FAIL} the exception is
 * rethrown, so the application stops with a non-zero exit code and the failure
 * analysis; with {@link MigrationProperties.OnFailure#KEEP_RUNNING} the failure is
 * logged and kept in the {@link MigrationRunState}, which the health indicator reports
 * as {@code DOWN}. With {@link RunAt#READY}, Spring Boot has logged its {@code Started}
 * line before the run: the error logged then says that the application never served
 * traffic, before the failure analysis.
 */
public class MigrationRunner implements ApplicationListener<ApplicationReadyEvent>, InitializingBean,
		DisposableBean, ApplicationContextAware, Ordered {

	private static final Log logger = LogFactory.getLog(MigrationRunner.class);

	private final MigrationManager migrationManager;

	private final MigrationProperties properties;

	private final MigrationRunState runState;

	private final Supplier<MigrationWarmUp> warmUpStarter;

	private volatile MigrationWarmUp warmUp = MigrationWarmUp.NONE;

	private @Nullable ApplicationContext context;

	private volatile @Nullable RunAt runAt;

	private final @Nullable String instance;

	private volatile @Nullable TenantFleet tenantFleet;

	/**
	 * Creates a runner without a warm-up.
	 * @param migrationManager the manager
	 * @param properties the properties, for the target, the moment and the failure mode
	 * @param runState where the run is recorded
	 */
	public MigrationRunner(MigrationManager migrationManager, MigrationProperties properties,
			MigrationRunState runState) {
		this(migrationManager, properties, runState, () -> MigrationWarmUp.NONE);
	}

	MigrationRunner(MigrationManager migrationManager, MigrationProperties properties, MigrationRunState runState,
			Supplier<MigrationWarmUp> warmUpStarter) {
		this(migrationManager, properties, runState, null, warmUpStarter);
	}

	/**
	 * Creates the runner of one of several databases ({@code migration.instances}),
	 * which names it in its log.
	 */
	MigrationRunner(MigrationManager migrationManager, MigrationProperties properties, MigrationRunState runState,
			@Nullable String instance, Supplier<MigrationWarmUp> warmUpStarter) {
		this.instance = instance;
		this.migrationManager = migrationManager;
		this.properties = properties;
		this.runState = runState;
		this.warmUpStarter = warmUpStarter;
	}

	/**
	 * Migrates these tenants ({@code migration.tenants}) too: instead of the manager's
	 * own schema, or after it with {@code migration.tenants.migrate-base=true}.
	 * @param tenantFleet the tenants, or {@code null} to migrate with the manager only
	 */
	public void setTenantFleet(@Nullable TenantFleet tenantFleet) {
		this.tenantFleet = tenantFleet;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * First among the {@link ApplicationReadyEvent} listeners, so that the others see a
	 * migrated schema.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Decides when the migrations run, and runs them now for {@link RunAt#STARTUP}.
	 * @throws SchemaNeededAtStartupException when they would run once the application is
	 * ready while Hibernate or Spring Boot's SQL scripts use the schema as it starts
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.context != null && !RunAtDecision.migratesOnStart(this.context.getEnvironment())) {
			return;
		}
		RunAtDecision decision = decide();
		logger.info(prefix() + decision.describe());
		RunAtDecision.SchemaUse conflict = decision.conflict();
		if (conflict != null) {
			throw new SchemaNeededAtStartupException(conflict.user(), conflict.property(), conflict.value(),
					conflict.off(), (this.instance != null)
							? MigrationInstances.PROPERTY + "." + this.instance + ".run-at" : "migration.run-at");
		}
		RunAtDecision.SchemaUse warning = decision.warning();
		if (warning != null) {
			logger.warn(prefix() + warning.user() + " replaces the migrated tables as the application starts ("
					+ warning.setting() + "): set " + warning.property() + "=" + warning.off()
					+ " and let the migrations own the schema");
		}
		this.runAt = decision.runAt();
		if (decision.runAt() == RunAt.STARTUP) {
			migrate();
		}
		else {
			// Started now, to overlap with the rest of the start; the run waits for it.
			this.warmUp = this.warmUpStarter.get();
		}
	}

	private RunAtDecision decide() {
		RunAt configured = this.properties.getRunAt();
		if (this.context instanceof ConfigurableApplicationContext configurable) {
			return RunAtDecision.decide(configured, configurable.getBeanFactory(), configurable.getEnvironment());
		}
		return RunAtDecision.withoutContext(configured);
	}

	/**
	 * When the migrations run, once this bean is initialized.
	 * @return {@link RunAt#STARTUP} or {@link RunAt#READY}, or {@code null} when they do
	 * not run on start (command mode, {@code migration.auto-migrate=false})
	 */
	public @Nullable RunAt getRunAt() {
		return this.runAt;
	}

	/**
	 * Runs the migrations with {@link RunAt#READY}, for this runner's own context only
	 * (a child context's ready event reaches its parent's listeners too).
	 */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.runAt == RunAt.READY && (this.context == null || event.getApplicationContext() == this.context)) {
			run(event.getApplicationContext());
		}
	}

	/**
	 * Migrates to the target, refusing traffic meanwhile.
	 * @param context the context whose readiness is changed
	 */
	public void run(ApplicationContext context) {
		AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
		logger.info(prefix() + "Migrating to '" + this.properties.getTarget() + "' now that the application is ready; "
				+ "readiness is REFUSING_TRAFFIC until the migrations finish");
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
		TenantFleet fleet = this.tenantFleet;
		if (fleet == null) {
			return migrateOwnSchema(target);
		}
		if (this.properties.getTenants().isMigrateBase()) {
			// An invalid tenant list stops the run before anything, the own schema included.
			this.runState.started("list the tenants");
			try {
				fleet.tenants();
			}
			catch (RuntimeException ex) {
				return tenantsUnavailable(ex);
			}
			this.runState.refused();
			// The own schema first: a failure there stops the run before any tenant.
			if (!migrateOwnSchema(target)) {
				return false;
			}
		}
		return migrateTenants(fleet, target);
	}

	/**
	 * Migrates the manager's own schema to the target.
	 * @return whether it succeeded; a failure with
	 * {@link MigrationProperties.OnFailure#FAIL} is thrown
	 */
	private boolean migrateOwnSchema(String target) {
		this.runState.started("migrate to " + target);
		// The warm-up did part of this run's work: let it finish rather than race it.
		this.warmUp.await();
		MigrationResult result;
		try {
			result = this.migrationManager.migrate(target);
		}
		catch (RuntimeException ex) {
			this.runState.failed(ex);
			FailureAdvice advice = FailureAdvice.forStartup(ex);
			if (this.properties.getOnFailure() == MigrationProperties.OnFailure.FAIL) {
				// The failure analysis that follows says what to do.
				logger.error(prefix() + "Migrating to '" + target + "' failed; stopping the application "
						+ "(migration.on-failure=fail)" + afterStarted() + ": " + advice.problem());
				throw ex;
			}
			logger.error(prefix() + "Migrating to '" + target + "' failed; the application keeps running with the "
					+ "migration health DOWN (migration.on-failure=keep-running): " + advice.text());
			return false;
		}
		this.runState.succeeded(result);
		logger.info(prefix() + summary(result));
		return true;
	}

	/**
	 * Migrates every tenant to the target. Failed tenants fail the run as a whole, after
	 * the others ran as {@code migration.tenants.on-failure} says.
	 * @return whether every tenant succeeded; a failure with
	 * {@link MigrationProperties.OnFailure#FAIL} is thrown
	 */
	private boolean migrateTenants(TenantFleet fleet, String target) {
		this.runState.started("migrate the tenants to " + target);
		this.warmUp.await();
		FleetResult result;
		try {
			result = fleet.migrate(target);
		}
		catch (RuntimeException ex) {
			return tenantsUnavailable(ex);
		}
		if (!result.hasFailures()) {
			this.runState.fleetFinished(result, null);
			logger.info(prefix() + "Tenants migrated to '" + target + "': " + result.summary());
			return true;
		}
		List<FleetResult.Tenant> failed = result.failed();
		String failures = failed.stream()
			.limit(10)
			.map((tenant) -> tenant.id() + " (" + tenant.error() + ")")
			.collect(Collectors.joining("; "));
		MigrationException failure = new MigrationException(failed.size() + " of " + result.tenants().size()
				+ " tenant(s) failed to migrate to '" + target + "': " + failures
				+ ((failed.size() > 10) ? "; ..." : ""), failed.get(0).exception());
		this.runState.fleetFinished(result, failure);
		if (this.properties.getOnFailure() == MigrationProperties.OnFailure.FAIL) {
			logger.error(prefix() + "Migrating the tenants failed; stopping the application (migration.on-failure="
					+ "fail)" + afterStarted() + ": " + result.summary());
			throw failure;
		}
		logger.error(prefix() + "Migrating the tenants failed; the application keeps running with the migration "
				+ "health DOWN (migration.on-failure=keep-running): " + result.summary() + ". "
				+ MigrationRunState.describe(failure.getMessage()));
		return false;
	}

	/**
	 * The tenants could not be listed, or one is invalid: nothing ran.
	 * @return {@code false}; a failure with {@link MigrationProperties.OnFailure#FAIL} is
	 * thrown
	 */
	private boolean tenantsUnavailable(RuntimeException ex) {
		this.runState.failed(ex);
		if (this.properties.getOnFailure() == MigrationProperties.OnFailure.FAIL) {
			logger.error(prefix() + "Listing the tenants failed, nothing was migrated; stopping the application "
					+ "(migration.on-failure=fail)" + afterStarted() + ": " + ex.getMessage());
			throw ex;
		}
		logger.error(prefix() + "Listing the tenants failed, nothing was migrated; the application keeps running "
				+ "with the migration health DOWN (migration.on-failure=keep-running): "
				+ MigrationRunState.describe(ex));
		return false;
	}

	/**
	 * Once the application is ready, Spring Boot has logged its {@code Started} line
	 * already: say that it never served.
	 */
	private String afterStarted() {
		return (this.runAt == RunAt.READY) ? ". It never served traffic: the migrations run once the application "
				+ "is ready (migration.run-at), after Spring Boot's 'Started' line, and readiness refused traffic "
				+ "meanwhile" : "";
	}

	/**
	 * Waits for a warm-up still running, so that the context does not close the
	 * DataSource under it.
	 */
	@Override
	public void destroy() {
		this.warmUp.join();
	}

	/**
	 * The instance named at the start of each log line, if any.
	 */
	private String prefix() {
		return (this.instance != null) ? "Instance '" + this.instance + "': " : "";
	}

	MigrationWarmUp warmUp() {
		return this.warmUp;
	}

	private static String summary(MigrationResult result) {
		String current = result.currentRevisions().isEmpty() ? "base" : String.join(", ", result.currentRevisions());
		String took = DurationFormat.format(result.duration());
		if (!result.changed()) {
			return "Database is up to date at " + current + " (checked in " + took + ")";
		}
		String applied = result.migrations().stream().map(AppliedMigration::revision).collect(Collectors.joining(", "));
		return "Migrated to '" + result.target() + "' in " + took + ": " + result.migrations().size()
				+ " migration(s) applied (" + applied + "); now at " + current;
	}

}
