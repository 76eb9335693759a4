package dev.migration;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * the tenant's schema and DataSource, run on a pool of at most {@code parallelism}
 * threads that lives for one call. The tenants share one load of the scripts, and in a
 * run each thread keeps one connection for the tenants it runs ({@link TenantEngines}).
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

	private final @Nullable DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final TenantProvider provider;

	private final FleetOptions options;

	private final TenantEngines engines;

	private final Duration progressInterval;

	// The tenants migrating or rolling back now, across the runs of this fleet.
	private final AtomicInteger migrating = new AtomicInteger();

	// Guarded by this: the tenants added with addTenant, by id.
	private final Map<String, Tenant> added = new LinkedHashMap<>();

	// Guarded by this: the tenants last listed, then the added ones, by id.
	private Map<String, Tenant> known = Map.of();

	DefaultTenantFleet(@Nullable DataSource dataSource, MigrationConfiguration configuration, TenantProvider provider,
			FleetOptions options) {
		this(dataSource, configuration, provider, options, PROGRESS_INTERVAL);
	}

	DefaultTenantFleet(@Nullable DataSource dataSource, MigrationConfiguration configuration, TenantProvider provider,
			FleetOptions options, Duration progressInterval) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.provider = provider;
		this.options = options;
		this.engines = new TenantEngines(configuration);
		this.progressInterval = progressInterval;
	}

	/**
	 * Asks the provider, checks every tenant before anything runs, and appends the
	 * added tenants it does not list.
	 */
	@Override
	public List<Tenant> tenants() {
		List<Tenant> listed;
		try {
			listed = this.provider.tenants();
		}
		catch (IllegalArgumentException ex) {
			// An invalid tenant the provider tried to make: its message names it.
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new MigrationException("Listing the tenants failed: " + ex.getMessage(), ex);
		}
		if (listed == null) {
			throw new IllegalArgumentException("The tenant provider returned no list of tenants (null)");
		}
		Map<String, Tenant> byId = new LinkedHashMap<>();
		Map<Location, String> locations = new HashMap<>();
		for (Tenant tenant : listed) {
			if (tenant == null) {
				throw new IllegalArgumentException("The tenant provider listed a null tenant after "
						+ (byId.isEmpty() ? "none" : "'" + String.join("', '", byId.keySet()) + "'"));
			}
			if (byId.putIfAbsent(tenant.id(), tenant) != null) {
				throw new IllegalArgumentException("Tenant '" + tenant.id() + "' is listed twice by the tenant "
						+ "provider: tenant ids must be unique");
			}
			checkLocation(tenant, locations);
		}
		synchronized (this) {
			for (Tenant tenant : this.added.values()) {
				if (!byId.containsKey(tenant.id()) && locations.putIfAbsent(location(tenant), tenant.id()) == null) {
					byId.put(tenant.id(), tenant);
				}
			}
			this.known = byId;
		}
		return List.copyOf(byId.values());
	}

	/**
	 * Checks that a tenant can be migrated and that no other tenant shares its history
	 * tables: they would share its lock and its revisions.
	 */
	private void checkLocation(Tenant tenant, Map<Location, String> locations) {
		String other = locations.putIfAbsent(location(tenant), tenant.id());
		if (other != null) {
			throw new IllegalArgumentException("Tenants '" + other + "' and '" + tenant.id() + "' share "
					+ ((tenant.schema() != null) ? "schema '" + tenant.schema() + "'" : "the configured schema")
					+ " of the same DataSource: each tenant needs a schema or a database of its own");
		}
	}

	private Location location(Tenant tenant) {
		String schema = tenantConfiguration(tenant).schema();
		return new Location(dataSource(tenant), schema);
	}

	@Override
	public MigrationManager manager(String id) {
		return manager(resolve(id));
	}

	private MigrationManager manager(Tenant tenant) {
		return this.engines.manager(dataSource(tenant), tenantConfiguration(tenant));
	}

	/**
	 * A tenant by id: one listed or added, else as the provider resolves it.
	 */
	private Tenant resolve(String id) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("A tenant id is blank");
		}
		Tenant tenant;
		synchronized (this) {
			tenant = this.known.get(id);
			if (tenant == null) {
				tenant = this.added.get(id);
			}
		}
		if (tenant == null) {
			tenant = this.provider.tenant(id);
		}
		if (tenant == null) {
			throw new IllegalArgumentException("No tenant '" + id + "': the tenant provider knows none of that id");
		}
		if (!tenant.id().equals(id)) {
			throw new IllegalArgumentException(
					"The tenant provider resolved '" + id + "' as a tenant of another id, '" + tenant.id() + "'");
		}
		return tenant;
	}

	private DataSource dataSource(Tenant tenant) {
		DataSource own = tenant.dataSource();
		if (own != null) {
			return own;
		}
		if (this.dataSource == null) {
			throw new IllegalArgumentException("Tenant '" + tenant.id() + "' has no DataSource of its own, and "
					+ "this fleet has none for the tenants in a schema: give the tenant its DataSource");
		}
		return this.dataSource;
	}

	private MigrationConfiguration tenantConfiguration(Tenant tenant) {
		if (tenant.schema() == null) {
			return this.configuration;
		}
		try {
			return this.configuration.toBuilder().schema(tenant.schema()).build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Invalid tenant '" + tenant.id() + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	public FleetResult migrate(String target, Consumer<FleetResult.Tenant> finished) {
		try (TenantEngines.Run run = this.engines.run()) {
			return runFleet(tenants(), "migrated to '" + target + "'", (tenant) -> migrateTenant(run, tenant, target),
					finished);
		}
	}

	private FleetResult.Tenant migrateTenant(TenantEngines.Run run, Tenant tenant, String target) {
		try {
			MigrationResult result = run.migrate(dataSource(tenant), tenantConfiguration(tenant), target);
			int applied = result.migrations().size();
			return new FleetResult.Tenant(tenant.id(),
					(applied > 0) ? FleetResult.Outcome.MIGRATED : FleetResult.Outcome.UP_TO_DATE, applied, null, null);
		}
		catch (RuntimeException ex) {
			return failed(tenant, ex);
		}
	}

	@Override
	public FleetResult rollback(String id, String target, RollbackOptions options) {
		Tenant one = tenants().stream()
			.filter((tenant) -> tenant.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a tenant of this fleet"));
		confirmOnce(target, options);
		return runFleet(List.of(one), "rolled back to '" + target + "'",
				(tenant) -> rollbackTenant(tenant, target, options), (tenant) -> {
				});
	}

	@Override
	public FleetResult rollbackAll(String target, RollbackOptions options, Consumer<FleetResult.Tenant> finished) {
		confirmOnce(target, options);
		return runFleet(tenants(), "rolled back to '" + target + "'",
				(tenant) -> rollbackTenant(tenant, target, options), finished);
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

	private FleetResult.Tenant rollbackTenant(Tenant tenant, String target, RollbackOptions options) {
		try {
			MigrationResult result = manager(tenant).rollback(target, options);
			int reverted = result.dryRun() ? result.planned().size() : result.migrations().size();
			return new FleetResult.Tenant(tenant.id(),
					(reverted > 0) ? FleetResult.Outcome.ROLLED_BACK : FleetResult.Outcome.UP_TO_DATE, reverted,
					null, null);
		}
		catch (RuntimeException ex) {
			return failed(tenant, ex);
		}
	}

	private static FleetResult.Tenant failed(Tenant tenant, RuntimeException ex) {
		return new FleetResult.Tenant(tenant.id(), FleetResult.Outcome.FAILED, 0, String.valueOf(ex.getMessage()), ex);
	}

	/**
	 * Runs a task per tenant with the failure policy, counting the tenants running and
	 * logging the progress.
	 */
	private FleetResult runFleet(List<Tenant> tenants, String what, Function<Tenant, FleetResult.Tenant> task,
			Consumer<FleetResult.Tenant> finished) {
		long start = System.nanoTime();
		AtomicBoolean stopped = new AtomicBoolean();
		Progress progress = new Progress(tenants.size());
		List<FleetResult.Tenant> results;
		try (ProgressLog log = new ProgressLog(progress, this.progressInterval)) {
			results = runAll(tenants, (tenant) -> {
				if (stopped.get()) {
					return tell(finished, progress
						.finished(new FleetResult.Tenant(tenant.id(), FleetResult.Outcome.SKIPPED, 0, null, null)));
				}
				FleetResult.Tenant result = running(() -> task.apply(tenant), progress);
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
			logger.log(Level.WARNING, "Reporting tenant ''{0}'' failed: {1}", tenant.id(), ex);
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
			states = runAll(tenants(), (tenant) -> {
				try {
					return new FleetStatus.Behind(tenant.id(),
							run.pending(dataSource(tenant), tenantConfiguration(tenant)), null);
				}
				catch (RuntimeException ex) {
					return new FleetStatus.Behind(tenant.id(), 0, String.valueOf(ex.getMessage()));
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
	public MigrationResult addTenant(String id) {
		return addTenant(resolve(id));
	}

	@Override
	public MigrationResult addTenant(Tenant tenant) {
		Tenant existing;
		synchronized (this) {
			existing = this.known.get(tenant.id());
			if (existing == null) {
				existing = this.added.get(tenant.id());
			}
		}
		if (existing != null && !existing.equals(tenant)) {
			throw new IllegalArgumentException("Tenant '" + tenant.id() + "' is already a tenant of this fleet, "
					+ "in another schema or DataSource");
		}
		MigrationManager manager = manager(tenant);
		// The migrate creates the schema and its history tables under the tenant's lock.
		MigrationResult result = running(manager::migrate, null);
		boolean added;
		synchronized (this) {
			added = existing == null && this.added.putIfAbsent(tenant.id(), tenant) == null;
		}
		logger.log(Level.INFO, "Tenant ''{0}'' {1}: {2} migration(s) applied", tenant.id(),
				added ? "added" : "already in the fleet", result.migrations().size());
		return result;
	}

	/**
	 * Runs a task per tenant on at most {@code parallelism} threads and returns the
	 * results in the tenants' order.
	 */
	private <T> List<T> runAll(List<Tenant> tenants, Function<Tenant, T> task) {
		if (tenants.isEmpty()) {
			return List.of();
		}
		int threads = Math.min(this.options.parallelism(), tenants.size());
		ExecutorService executor = Executors.newFixedThreadPool(threads, new FleetThreads());
		try {
			List<Future<T>> futures = new ArrayList<>(tenants.size());
			for (Tenant tenant : tenants) {
				futures.add(executor.submit(() -> task.apply(tenant)));
			}
			List<T> results = new ArrayList<>(tenants.size());
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
	 * Where a tenant's history tables live: the same DataSource and schema means the
	 * same tables and the same lock.
	 */
	private record Location(DataSource dataSource, @Nullable String schema) {

		@Override
		public boolean equals(Object other) {
			// DataSources are compared by identity: two pools of one database are two.
			return other instanceof Location that && this.dataSource == that.dataSource
					&& Objects.equals(this.schema, that.schema);
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.dataSource) * 31 + Objects.hashCode(this.schema);
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
				logger.log(Level.WARNING, "Tenant ''{0}'' failed ({1}/{2} done, {3} failed): {4}", tenant.id(),
						finished, this.total, failures, tenant.error());
			}
			else {
				logger.log(Level.INFO, "Tenant ''{0}'' {1}, {2} migration(s) applied ({3}/{4} done, {5} failed)",
						tenant.id(), tenant.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
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
