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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * The {@link TenantFleet}: a manager per tenant, built from the base configuration with
 * the tenant's schema, run on a pool of at most {@code parallelism} threads that lives
 * for one call.
 */
final class DefaultTenantFleet implements TenantFleet {

	private static final System.Logger logger = System.getLogger("dev.migration.fleet");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final FleetOptions options;

	// Guarded by this; grows with addTenant.
	private final LinkedHashSet<String> tenants = new LinkedHashSet<>();

	DefaultTenantFleet(DataSource dataSource, MigrationConfiguration configuration, List<String> schemas,
			FleetOptions options) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.options = options;
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
		return MigrationManager.create(this.dataSource, tenantConfiguration(schema));
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
	public FleetResult migrate(String target) {
		List<String> schemas = tenants();
		long start = System.nanoTime();
		AtomicBoolean stopped = new AtomicBoolean();
		Progress progress = new Progress(schemas.size());
		List<FleetResult.Tenant> results = runAll(schemas, (schema) -> {
			if (stopped.get()) {
				return progress.finished(new FleetResult.Tenant(schema, FleetResult.Outcome.SKIPPED, 0, null, null));
			}
			FleetResult.Tenant result = migrateTenant(schema, target);
			if (result.outcome() == FleetResult.Outcome.FAILED && this.options.onFailure() == FleetOptions.OnFailure.STOP) {
				stopped.set(true);
			}
			return progress.finished(result);
		});
		FleetResult result = new FleetResult(results, Duration.ofNanos(System.nanoTime() - start));
		logger.log(result.hasFailures() ? Level.WARNING : Level.INFO, "Fleet migrated to ''{0}'': {1}", target,
				result.summary());
		return result;
	}

	private FleetResult.Tenant migrateTenant(String schema, String target) {
		try {
			MigrationResult result = manager(schema).migrate(target);
			int applied = result.migrations().size();
			return new FleetResult.Tenant(schema,
					(applied > 0) ? FleetResult.Outcome.MIGRATED : FleetResult.Outcome.UP_TO_DATE, applied, null, null);
		}
		catch (RuntimeException ex) {
			return new FleetResult.Tenant(schema, FleetResult.Outcome.FAILED, 0, String.valueOf(ex.getMessage()), ex);
		}
	}

	@Override
	public FleetStatus status() {
		List<FleetStatus.Behind> states = runAll(tenants(), (schema) -> {
			try {
				return new FleetStatus.Behind(schema, manager(schema).pendingMigrations().size(), null);
			}
			catch (RuntimeException ex) {
				return new FleetStatus.Behind(schema, 0, String.valueOf(ex.getMessage()));
			}
		});
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
		return new FleetStatus(upToDate, pending, failed, behind);
	}

	@Override
	public MigrationResult addTenant(String schema) {
		// The migrate creates the schema and its history tables under the tenant's lock.
		MigrationResult result = manager(schema).migrate();
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
