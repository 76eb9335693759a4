package dev.migration;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.migration.runtime.TenantEngines;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TenantFleet}: a manager per tenant, built from the base configuration with
 * the tenant's schema, run on a pool of at most {@code parallelism} threads that lives
 * for one call. The tenants share one load of the scripts, and in a run each thread
 * keeps one connection for the tenants it runs ({@link TenantEngines}).
 */
final class DefaultTenantFleet implements TenantFleet {

	private static final System.Logger logger = System.getLogger("dev.migration.fleet");

	/**
	 * How often a run logs its counts.
	 */
	static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

	/**
	 * Targets that resolve to a different revision in each tenant: {@code -1},
	 * {@code +2}, {@code <rev>-1}, {@code <label>@-1}.
	 */
	private static final Pattern RELATIVE_TARGET = Pattern.compile("[-+]\\d+$|@");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final FleetOptions options;

	private final TenantEngines engines;

	private final Duration progressInterval;

	// The tenants migrating or rolling back now, across the runs of this fleet.
	private final AtomicInteger migrating = new AtomicInteger();

	// Guarded by this; grows with addTenant.
	private final LinkedHashSet<String> tenants = new LinkedHashSet<>();

	DefaultTenantFleet(DataSource dataSource, MigrationConfiguration configuration, List<String> schemas,
			FleetOptions options) {
		this(dataSource, configuration, schemas, options, PROGRESS_INTERVAL);
	}

	DefaultTenantFleet(DataSource dataSource, MigrationConfiguration configuration, List<String> schemas,
			FleetOptions options, Duration progressInterval) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.options = options;
		this.engines = new TenantEngines(configuration);
		this.progressInterval = progressInterval;
		for (String schema : schemas) {
			// Fails now, naming the schema, rather than halfway through a run.
			tenantConfiguration(schema);
			this.tenants.add(schema);
		}
	}

	@Override
	public synchronized List<String> tenants() {
		return List.copyOf(this.tenants);
	}

	@Override
	public MigrationManager manager(String schema) {
		return this.engines.manager(this.dataSource, tenantConfiguration(schema));
	}

	private MigrationConfiguration tenantConfiguration(String schema) {
		if (schema == null || schema.isBlank()) {
			throw new IllegalArgumentException("A tenant schema is blank");
		}
		try {
			return this.configuration.toBuilder().schema(schema).build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid tenant '" + schema + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	public FleetResult migrate(String target, Consumer<FleetResult.Tenant> finished) {
		try (TenantEngines.Run run = this.engines.run()) {
			return runFleet(tenants(), "migrated to '" + target + "'", (schema) -> migrateTenant(run, schema, target),
					finished);
		}
	}

	private FleetResult.Tenant migrateTenant(TenantEngines.Run run, String schema, String target) {
		try {
			MigrationResult result = run.migrate(this.dataSource, tenantConfiguration(schema), target);
			int applied = result.migrations().size();
			return new FleetResult.Tenant(schema,
					(applied > 0) ? FleetResult.Outcome.MIGRATED : FleetResult.Outcome.UP_TO_DATE, applied, null, null);
		}
		catch (RuntimeException ex) {
			return failed(schema, ex);
		}
	}

	@Override
	public FleetResult rollback(String schema, String target, RollbackOptions options) {
		if (!tenants().contains(schema)) {
			throw new IllegalArgumentException("'" + schema + "' is not a tenant of this fleet");
		}
		confirmOnce(target, options);
		return runFleet(List.of(schema), "rolled back to '" + target + "'",
				(tenant) -> rollbackTenant(tenant, target, options), (tenant) -> {
				});
	}

	@Override
	public FleetResult rollbackAll(String target, RollbackOptions options, Consumer<FleetResult.Tenant> finished) {
		confirmOnce(target, options);
		return runFleet(tenants(), "rolled back to '" + target + "'",
				(schema) -> rollbackTenant(schema, target, options), finished);
	}

	/**
	 * In production, one confirmation covers every tenant: it must repeat the target,
	 * which must then be a revision every tenant resolves alike (not {@code -1}, whose
	 * revision differs from tenant to tenant). Each tenant checks it again against its
	 * own resolved target.
	 */
	private void confirmOnce(String target, RollbackOptions options) {
		if (!this.configuration.production()) {
			return;
		}
		String how = "Confirm with: rollbackAll(\"" + target + "\", options.withConfirm(\"" + target + "\"))";
		if (target == null || RELATIVE_TARGET.matcher(target.strip()).find()) {
			throw RollbackRefusedException.of("rollback", List.of(new RollbackRefusedException.Refusal(
					RollbackRefusedException.Check.PRODUCTION_CONFIRMATION,
					"Production protection: a fleet rollback in production needs a revision id or 'base' as the "
							+ "target, so that one confirmation holds for every tenant; '" + target
							+ "' is relative.",
					null, "Roll back to a revision id or 'base'")));
		}
		String confirm = options.confirm();
		if (confirm == null || confirm.isBlank()) {
			throw RollbackRefusedException.of("rollback", List.of(new RollbackRefusedException.Refusal(
					RollbackRefusedException.Check.PRODUCTION_CONFIRMATION,
					"Production protection: this is a production fleet, so this needs one confirmation for every "
							+ "tenant: repeat the target, " + target.strip() + ".",
					target.strip(), how)));
		}
		if (!confirm.strip().equals(target.strip())) {
			throw RollbackRefusedException.of("rollback", List.of(new RollbackRefusedException.Refusal(
					RollbackRefusedException.Check.PRODUCTION_CONFIRMATION,
					"Production protection: the confirmation '" + confirm.strip() + "' does not repeat the target "
							+ target.strip() + ".",
					target.strip(), how)));
		}
	}

	private FleetResult.Tenant rollbackTenant(String schema, String target, RollbackOptions options) {
		try {
			MigrationResult result = manager(schema).rollback(target, options);
			int reverted = result.dryRun() ? result.planned().size() : result.migrations().size();
			return new FleetResult.Tenant(schema,
					(reverted > 0) ? FleetResult.Outcome.ROLLED_BACK : FleetResult.Outcome.UP_TO_DATE, reverted,
					null, null);
		}
		catch (RuntimeException ex) {
			return failed(schema, ex);
		}
	}

	private static FleetResult.Tenant failed(String schema, RuntimeException ex) {
		return new FleetResult.Tenant(schema, FleetResult.Outcome.FAILED, 0, String.valueOf(ex.getMessage()), ex);
	}

	/**
	 * Runs a tenant task per schema with the failure policy, counting the tenants
	 * running and logging the progress.
	 */
	private FleetResult runFleet(List<String> schemas, String what, Function<String, FleetResult.Tenant> task,
			Consumer<FleetResult.Tenant> finished) {
		long start = System.nanoTime();
		AtomicBoolean stopped = new AtomicBoolean();
		Progress progress = new Progress(schemas.size());
		List<FleetResult.Tenant> results;
		try (ProgressLog log = new ProgressLog(progress, this.progressInterval)) {
			results = runAll(schemas, (schema) -> {
				if (stopped.get()) {
					return tell(finished, progress
						.finished(new FleetResult.Tenant(schema, FleetResult.Outcome.SKIPPED, 0, null, null)));
				}
				FleetResult.Tenant result = running(() -> task.apply(schema), progress);
				if (result.outcome() == FleetResult.Outcome.FAILED
						&& this.options.onFailure() == FleetOptions.OnFailure.STOP) {
					stopped.set(true);
				}
				return tell(finished, progress.finished(result));
			});
		}
		FleetResult result = new FleetResult(results, Duration.ofNanos(System.nanoTime() - start));
		logger.log(result.hasFailures() ? Level.WARNING : Level.INFO, "Fleet {0}: {1}", what, result.summary());
		return result;
	}

	private static FleetResult.Tenant tell(Consumer<FleetResult.Tenant> finished, FleetResult.Tenant tenant) {
		try {
			finished.accept(tenant);
		}
		catch (RuntimeException ex) {
			// A failing callback must not lose the tenant's result.
			logger.log(Level.WARNING, "Reporting tenant ''{0}'' failed: {1}", tenant.schema(), ex);
		}
		return tenant;
	}

	private <T> T running(Supplier<T> task, @Nullable Progress progress) {
		this.migrating.incrementAndGet();
		if (progress != null) {
			progress.running.incrementAndGet();
		}
		try {
			return task.get();
		}
		finally {
			this.migrating.decrementAndGet();
			if (progress != null) {
				progress.running.decrementAndGet();
			}
		}
	}

	@Override
	public int migrating() {
		return this.migrating.get();
	}

	@Override
	public FleetStatus status() {
		List<FleetStatus.Behind> states;
		try (TenantEngines.Run run = this.engines.run()) {
			states = runAll(tenants(), (schema) -> {
				try {
					return new FleetStatus.Behind(schema,
							run.pending(this.dataSource, tenantConfiguration(schema)), null);
				}
				catch (RuntimeException ex) {
					return new FleetStatus.Behind(schema, 0, String.valueOf(ex.getMessage()));
				}
			});
		}
		int upToDate = 0;
		int pending = 0;
		int failed = 0;
		List<FleetStatus.Behind> behind = new ArrayList<>();
		for (FleetStatus.Behind state : states) {
			if (state.error() != null) {
				failed++;
				behind.add(state);
			}
			else if (state.pending() > 0) {
				pending++;
				behind.add(state);
			}
			else {
				upToDate++;
			}
		}
		return new FleetStatus(upToDate, pending, failed, behind, migrating());
	}

	@Override
	public MigrationResult addTenant(String schema) {
		// The migrate creates the schema and its history tables under the tenant's lock.
		MigrationResult result = running(() -> manager(schema).migrate(), null);
		boolean added;
		synchronized (this) {
			added = this.tenants.add(schema);
		}
		logger.log(Level.INFO, "Tenant ''{0}'' {1}: {2} migration(s) applied", schema,
				added ? "added" : "already in the fleet", result.migrations().size());
		return result;
	}

	/**
	 * Runs a task per schema on at most {@code parallelism} threads and returns the
	 * results in the schemas' order.
	 */
	private <T> List<T> runAll(List<String> schemas, Function<String, T> task) {
		if (schemas.isEmpty()) {
			return List.of();
		}
		int threads = Math.min(this.options.parallelism(), schemas.size());
		ExecutorService executor = Executors.newFixedThreadPool(threads, new FleetThreads());
		try {
			List<Future<T>> futures = new ArrayList<>(schemas.size());
			for (String schema : schemas) {
				futures.add(executor.submit(() -> task.apply(schema)));
			}
			List<T> results = new ArrayList<>(schemas.size());
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("Interrupted while running the tenants", ex);
		}
		catch (ExecutionException ex) {
			// The tasks catch the engine's failures: what is left is an Error or a bug.
			throw new MigrationException("A tenant task failed: " + ex.getCause(), ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Counts the finished tenants and logs each.
	 */
	private static final class Progress {

		private final int total;

		private final AtomicInteger done = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicInteger running = new AtomicInteger();

		Progress(int total) {
			this.total = total;
		}

		FleetResult.Tenant finished(FleetResult.Tenant tenant) {
			int failures = (tenant.outcome() == FleetResult.Outcome.FAILED) ? this.failed.incrementAndGet()
					: this.failed.get();
			int finished = this.done.incrementAndGet();
			if (tenant.outcome() == FleetResult.Outcome.FAILED) {
				logger.log(Level.WARNING, "Tenant ''{0}'' failed ({1}/{2} done, {3} failed): {4}", tenant.schema(),
						finished, this.total, failures, tenant.error());
			}
			else {
				logger.log(Level.INFO, "Tenant ''{0}'' {1}, {2} migration(s) applied ({3}/{4} done, {5} failed)",
						tenant.schema(), tenant.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
						tenant.applied(), finished, this.total, failures);
			}
			return tenant;
		}

	}

	/**
	 * Logs the counts of a long run every interval, until closed at the end of the run.
	 */
	private static final class ProgressLog implements AutoCloseable {

		private final ScheduledExecutorService scheduler;

		ProgressLog(Progress progress, Duration interval) {
			this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "migration-fleet-progress");
				thread.setDaemon(true);
				return thread;
			});
			long millis = Math.max(1, interval.toMillis());
			this.scheduler.scheduleAtFixedRate(() -> logger.log(Level.INFO,
					"Fleet progress: {0}/{1} done, {2} failed, {3} running", progress.done.get(), progress.total,
					progress.failed.get(), progress.running.get()), millis, millis, TimeUnit.MILLISECONDS);
		}

		@Override
		public void close() {
			this.scheduler.shutdownNow();
		}

	}

	/**
	 * Daemon threads named after the fleet, so that a stuck tenant never keeps the JVM
	 * alive and a thread dump says what runs.
	 */
	private static final class FleetThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "migration-tenant-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
