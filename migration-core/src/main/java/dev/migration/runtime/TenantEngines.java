package dev.migration.runtime;

import java.util.Objects;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;

/**
 * The engines of a fleet's tenants. Internal: used by {@link dev.migration.TenantFleet}.
 * <p>
 * The tenants share one load of the scripts, read and outlined once for the fleet rather
 * than once per tenant: scripts that name no placeholder split alike for every schema.
 * When one does, each tenant migrates with scripts of its own, split with its values;
 * reading the state needs no split, so it always shares them. A {@link Run} lends each
 * of its threads' tenants one connection, which also holds the tenant's advisory lock.
 */
public final class TenantEngines {

	private final MigrationConfiguration configuration;

	// Guarded by this: loaded on first use, null before it and after a failed load.
	private LoadedScripts shared;

	/**
	 * Creates the engines of a fleet.
	 * @param configuration the configuration every tenant shares but for its schema
	 */
	public TenantEngines(MigrationConfiguration configuration) {
		this.configuration = configuration;
	}

	/**
	 * A manager of one tenant, sharing the fleet's scripts.
	 * @param dataSource the tenant's database
	 * @param tenant the tenant's configuration
	 * @return the manager
	 */
	public MigrationManager manager(DataSource dataSource, MigrationConfiguration tenant) {
		return new MigrationEngine(dataSource, tenant, scripts(tenant, true), false);
	}

	/**
	 * Starts a run over the tenants; close it when the run ends.
	 * @return the run
	 */
	public Run run() {
		return new Run();
	}

	private ScriptPrefetch scripts(MigrationConfiguration tenant, boolean splits) {
		return new ScriptPrefetch(() -> load(tenant, splits), false);
	}

	private LoadedScripts load(MigrationConfiguration tenant, boolean splits) {
		if (!sameScripts(tenant)) {
			return LoadedScripts.load(tenant);
		}
		LoadedScripts scripts = shared();
		return (splits && scripts.namePlaceholders()) ? LoadedScripts.load(tenant) : scripts;
	}

	private synchronized LoadedScripts shared() {
		if (this.shared == null) {
			this.shared = LoadedScripts.load(this.configuration);
		}
		return this.shared;
	}

	private boolean sameScripts(MigrationConfiguration tenant) {
		return tenant.locations().equals(this.configuration.locations())
				&& tenant.javaMigrations().equals(this.configuration.javaMigrations())
				&& Objects.equals(tenant.classLoader(), this.configuration.classLoader());
	}

	/**
	 * One run over a fleet's tenants, at most one tenant at a time per thread: each
	 * thread keeps one connection for the tenants it runs, until the run is closed.
	 */
	public final class Run implements AutoCloseable {

		private final WorkerConnections connections = new WorkerConnections();

		private Run() {
		}

		/**
		 * Migrates a tenant on this thread's connection: with nothing pending, one read
		 * of its state; otherwise its migrate, under its advisory lock held on that
		 * connection.
		 * @param dataSource the tenant's database
		 * @param tenant the tenant's configuration
		 * @param target as for {@link MigrationManager#migrate(String)}
		 * @return what was applied
		 */
		public MigrationResult migrate(DataSource dataSource, MigrationConfiguration tenant, String target) {
			return this.connections.use(dataSource,
					(lent) -> new MigrationEngine(lent, tenant, scripts(tenant, true), true).migrate(target));
		}

		/**
		 * How many migrations a tenant has pending, from one read of its state on this
		 * thread's connection.
		 * @param dataSource the tenant's database
		 * @param tenant the tenant's configuration
		 * @return the count, as {@link MigrationManager#pendingMigrations()} has it
		 */
		public int pending(DataSource dataSource, MigrationConfiguration tenant) {
			return this.connections.use(dataSource,
					(lent) -> new MigrationEngine(lent, tenant, scripts(tenant, false), true).pendingMigrations()
						.size());
		}

		/**
		 * Closes the connections of the run.
		 */
		@Override
		public void close() {
			this.connections.close();
		}

	}

}
