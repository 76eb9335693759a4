package dev.migration.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.AheadPolicy;
import dev.migration.FleetOptions;
import dev.migration.MigrationConfiguration;
import dev.migration.lint.LintFailOn;
import dev.migration.lint.LintOptions;
import dev.migration.lint.LintSeverity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the migration manager, under {@code migration}. Defaults
 * equal those of {@link MigrationConfiguration#builder()}.
 */
@ConfigurationProperties("migration")
public class MigrationProperties {

	/**
	 * Whether to enable the migration manager.
	 */
	private boolean enabled = true;

	/**
	 * Whether to migrate to the target when the application starts (see run-at).
	 */
	private boolean autoMigrate = true;

	/**
	 * When the migrations run on start: during the context refresh, before the beans
	 * that need the schema (startup); once the application is ready, with readiness
	 * refusing traffic meanwhile (ready); or startup when a JPA EntityManagerFactory, an
	 * ApplicationRunner or CommandLineRunner, or a bean marked
	 * DependsOnDatabaseInitialization needs the schema while starting, and ready
	 * otherwise (auto).
	 */
	private RunAt runAt = RunAt.AUTO;

	/**
	 * Whether to prepare the migration on startup in the background while the
	 * application starts: load the scripts, open a first connection and read the
	 * applied state once, without the lock (and, for a DuckDB database, load DuckDB's
	 * engine as soon as the environment is prepared).
	 */
	private boolean warmUp = true;

	/**
	 * The revision to migrate to on startup: head, heads, an id or a prefix of one.
	 */
	private String target = "head";

	/**
	 * Where revision scripts are found, scanned recursively (classpath: or filesystem:).
	 */
	private List<String> locations = new ArrayList<>(List.of(MigrationConfiguration.DEFAULT_LOCATION));

	/**
	 * The schema the history tables live in and migrations run in; the connection's
	 * current schema when not set.
	 */
	private @Nullable String schema;

	/**
	 * The name of the history log table; the state table is '<table>_state' (on DuckDB,
	 * both are views of '<table>_entries').
	 */
	private String table = MigrationConfiguration.DEFAULT_TABLE;

	/**
	 * Whether to refuse to migrate when applied scripts were edited since.
	 */
	private boolean validateOnMigrate = true;

	/**
	 * How long to wait for another instance's migration lock.
	 */
	private Duration lockTimeout = MigrationConfiguration.DEFAULT_LOCK_TIMEOUT;

	/**
	 * What to do when the migrations run on startup fail.
	 */
	private OnFailure onFailure = OnFailure.FAIL;

	/**
	 * Whether to log every SQL statement that runs.
	 */
	private boolean echo;

	/**
	 * What to do when the database is ahead of the scripts.
	 */
	private AheadPolicy aheadPolicy = AheadPolicy.WARN;

	/**
	 * The revision a non-empty schema without history is at, to adopt it on the first
	 * migrate; such a schema is refused when not set.
	 */
	private @Nullable String baselineOnMigrate;

	/**
	 * The name of the DataSource bean to migrate, for an instance under
	 * {@code migration.instances}; the top-level manager picks its DataSource as
	 * documented on {@code url} instead.
	 */
	private @Nullable String dataSource;

	/**
	 * JDBC URL of a database to migrate, when migrations should use their own
	 * connection rather than the application's DataSource.
	 */
	private @Nullable String url;

	/**
	 * Login user of the database to migrate, with {@code url}.
	 */
	private @Nullable String user;

	/**
	 * Login password of the database to migrate, with {@code url}.
	 */
	private @Nullable String password;

	/**
	 * The name of the environment the application runs in, matched against the
	 * production profiles.
	 */
	private @Nullable String environment;

	/**
	 * The profiles or environment names that count as production, where a rollback
	 * must be confirmed.
	 */
	private List<String> productionProfiles = new ArrayList<>(List.of("prod", "production"));

	/**
	 * Where the {@code migration create} command writes new revision scripts, relative
	 * to the working directory.
	 */
	private String sourceDirectory = dev.migration.authoring.MigrationAuthor.DEFAULT_SOURCE_DIRECTORY;

	/**
	 * How many times a failed connection attempt is retried before migrations fail; a
	 * DuckDB file held by another process is not retried.
	 */
	private int connectRetries = MigrationConfiguration.DEFAULT_CONNECT_RETRIES;

	/**
	 * The pause before the first connection retry, doubled for each next one up to 30
	 * seconds.
	 */
	private Duration connectRetryBackoff = MigrationConfiguration.DEFAULT_CONNECT_RETRY_BACKOFF;

	/**
	 * Values of the {@code ${name}} placeholders in SQL scripts, by name (letters,
	 * digits, {@code _}, {@code .} and {@code -}; single-line values).
	 */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * Several databases, each migrated by a manager of its own, by instance name: every
	 * {@code migration.*} setting applies to an instance, with its database given by
	 * {@code data-source} (a DataSource bean name) or {@code url}. When set, the
	 * top-level settings configure no manager of their own.
	 */
	private Map<String, MigrationProperties> instances = new LinkedHashMap<>();

	/**
	 * PostgreSQL-specific settings.
	 */
	private final Postgresql postgresql = new Postgresql();

	/**
	 * The zero-downtime lint of the SQL scripts: what {@code migrate} does with its
	 * findings, and how it weighs them.
	 */
	private final Lint lint = new Lint();

	/**
	 * The migrations actuator endpoint.
	 */
	private final Endpoint endpoint = new Endpoint();

	/**
	 * Tenants: the same scripts migrated in one schema per tenant of the DataSource, or
	 * in one database per tenant (a TenantProvider bean).
	 */
	private final Tenants tenants = new Tenants();

	public @Nullable String getDataSource() {
		return this.dataSource;
	}

	public void setDataSource(@Nullable String dataSource) {
		this.dataSource = dataSource;
	}

	public Map<String, MigrationProperties> getInstances() {
		return this.instances;
	}

	public void setInstances(Map<String, MigrationProperties> instances) {
		this.instances = instances;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public String getSourceDirectory() {
		return this.sourceDirectory;
	}

	public void setSourceDirectory(String sourceDirectory) {
		this.sourceDirectory = sourceDirectory;
	}

	public int getConnectRetries() {
		return this.connectRetries;
	}

	public void setConnectRetries(int connectRetries) {
		this.connectRetries = connectRetries;
	}

	public Duration getConnectRetryBackoff() {
		return this.connectRetryBackoff;
	}

	public void setConnectRetryBackoff(Duration connectRetryBackoff) {
		this.connectRetryBackoff = connectRetryBackoff;
	}

	public Postgresql getPostgresql() {
		return this.postgresql;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAutoMigrate() {
		return this.autoMigrate;
	}

	public void setAutoMigrate(boolean autoMigrate) {
		this.autoMigrate = autoMigrate;
	}

	public RunAt getRunAt() {
		return this.runAt;
	}

	public void setRunAt(RunAt runAt) {
		this.runAt = runAt;
	}

	public boolean isWarmUp() {
		return this.warmUp;
	}

	public void setWarmUp(boolean warmUp) {
		this.warmUp = warmUp;
	}

	public String getTarget() {
		return this.target;
	}

	public void setTarget(String target) {
		this.target = target;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public @Nullable String getSchema() {
		return this.schema;
	}

	public void setSchema(@Nullable String schema) {
		this.schema = schema;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public boolean isValidateOnMigrate() {
		return this.validateOnMigrate;
	}

	public void setValidateOnMigrate(boolean validateOnMigrate) {
		this.validateOnMigrate = validateOnMigrate;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public OnFailure getOnFailure() {
		return this.onFailure;
	}

	public void setOnFailure(OnFailure onFailure) {
		this.onFailure = onFailure;
	}

	public boolean isEcho() {
		return this.echo;
	}

	public void setEcho(boolean echo) {
		this.echo = echo;
	}

	public AheadPolicy getAheadPolicy() {
		return this.aheadPolicy;
	}

	public void setAheadPolicy(AheadPolicy aheadPolicy) {
		this.aheadPolicy = aheadPolicy;
	}

	public @Nullable String getBaselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	public void setBaselineOnMigrate(@Nullable String baselineOnMigrate) {
		this.baselineOnMigrate = baselineOnMigrate;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	public List<String> getProductionProfiles() {
		return this.productionProfiles;
	}

	public void setProductionProfiles(List<String> productionProfiles) {
		this.productionProfiles = productionProfiles;
	}

	public Lint getLint() {
		return this.lint;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Tenants getTenants() {
		return this.tenants;
	}

	/**
	 * Whether the application runs in production: the {@code environment} property or an
	 * active profile is one of the production profiles.
	 * @param environment the Spring environment, for its active profiles
	 * @return {@code true} in production
	 */
	public boolean isProduction(Environment environment) {
		if (this.environment != null && this.productionProfiles.contains(this.environment)) {
			return true;
		}
		return Arrays.stream(environment.getActiveProfiles()).anyMatch(this.productionProfiles::contains);
	}

	/**
	 * Applies these properties to a configuration builder: the properties map onto the
	 * core configuration and nothing more.
	 * @param builder the builder
	 * @return the builder
	 */
	MigrationConfiguration.Builder applyTo(MigrationConfiguration.Builder builder) {
		return builder.locations(this.locations)
			.schema(this.schema)
			.table(this.table)
			.lockTimeout(this.lockTimeout)
			.validateOnMigrate(this.validateOnMigrate)
			.baselineOnMigrate(this.baselineOnMigrate)
			.aheadPolicy(this.aheadPolicy)
			.echo(this.echo)
			.placeholders(this.placeholders)
			.connectRetries(this.connectRetries)
			.connectRetryBackoff(this.connectRetryBackoff)
			.statementLockTimeout(this.postgresql.lockTimeout)
			.lockRetries(this.postgresql.lockRetries)
			.lockRetryBackoff(this.postgresql.lockRetryBackoff)
			.lintOptions(new LintOptions(this.lint.smallTableRows, this.lint.smallTableSize.toBytes(),
					this.lint.unknownSize, this.lint.failOn));
	}

	/**
	 * When the migrations run on start.
	 */
	public enum RunAt {

		/**
		 * {@link #STARTUP} when a bean needs the schema while the application starts (a
		 * JPA {@code EntityManagerFactory}, an {@code ApplicationRunner} or
		 * {@code CommandLineRunner}, a bean marked {@code @DependsOnDatabaseInitialization}),
		 * {@link #READY} otherwise.
		 */
		AUTO,

		/**
		 * During the context refresh, before every bean that depends on database
		 * initialization, as Spring Boot orders its own database initializers.
		 */
		STARTUP,

		/**
		 * Once the application is ready ({@code ApplicationReadyEvent}), with readiness
		 * {@code REFUSING_TRAFFIC} and liveness {@code CORRECT} while they run.
		 */
		READY

	}

	/**
	 * What to do when the migrations run on startup fail.
	 */
	public enum OnFailure {

		/**
		 * Stop the application with a non-zero exit code.
		 */
		FAIL,

		/**
		 * Keep the application running, with the migration health DOWN.
		 */
		KEEP_RUNNING

	}

	/**
	 * Settings that only PostgreSQL honours.
	 */
	public static class Postgresql {

		/**
		 * How long a migration's statement waits for a table lock ({@code lock_timeout})
		 * before the migration is rolled back and retried, so DDL never queues behind a
		 * long transaction while blocking every query after it.
		 */
		private Duration lockTimeout = MigrationConfiguration.DEFAULT_STATEMENT_LOCK_TIMEOUT;

		/**
		 * How many times a migration that gave up waiting for a table lock is retried.
		 */
		private int lockRetries = MigrationConfiguration.DEFAULT_LOCK_RETRIES;

		/**
		 * The pause before the first retry after a lock timeout, doubled for each next
		 * one.
		 */
		private Duration lockRetryBackoff = MigrationConfiguration.DEFAULT_LOCK_RETRY_BACKOFF;

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public int getLockRetries() {
			return this.lockRetries;
		}

		public void setLockRetries(int lockRetries) {
			this.lockRetries = lockRetries;
		}

		public Duration getLockRetryBackoff() {
			return this.lockRetryBackoff;
		}

		public void setLockRetryBackoff(Duration lockRetryBackoff) {
			this.lockRetryBackoff = lockRetryBackoff;
		}

	}

	/**
	 * The zero-downtime lint: {@code migrate} lints the scripts it is about to apply
	 * and logs the findings (warnings at WARN, notes and ignored findings at INFO).
	 */
	public static class Lint {

		/**
		 * Which findings make {@code migrate} refuse to run, before it takes the lock or
		 * applies anything: never (only log them), warning or note.
		 */
		private LintFailOn failOn = LintFailOn.NEVER;

		/**
		 * A table of at most this many rows (and at most small-table-size) is small: a
		 * hazard on it is a note, not a warning.
		 */
		private long smallTableRows = LintOptions.DEFAULT_SMALL_TABLE_ROWS;

		/**
		 * A table of at most this size, indexes and TOAST included (and at most
		 * small-table-rows rows), is small; ignored on DuckDB, which does not tell a
		 * table's size.
		 */
		private DataSize smallTableSize = DataSize.ofBytes(LintOptions.DEFAULT_SMALL_TABLE_BYTES);

		/**
		 * The severity of a size-dependent hazard on a table whose size is unknown
		 * (linted without a database, or a table the database does not have yet).
		 */
		private LintSeverity unknownSize = LintSeverity.WARNING;

		public LintFailOn getFailOn() {
			return this.failOn;
		}

		public void setFailOn(LintFailOn failOn) {
			this.failOn = failOn;
		}

		public long getSmallTableRows() {
			return this.smallTableRows;
		}

		public void setSmallTableRows(long smallTableRows) {
			this.smallTableRows = smallTableRows;
		}

		public DataSize getSmallTableSize() {
			return this.smallTableSize;
		}

		public void setSmallTableSize(DataSize smallTableSize) {
			this.smallTableSize = smallTableSize;
		}

		public LintSeverity getUnknownSize() {
			return this.unknownSize;
		}

		public void setUnknownSize(LintSeverity unknownSize) {
			this.unknownSize = unknownSize;
		}

	}

	/**
	 * Properties of the migrations actuator endpoint.
	 */
	public static class Endpoint {

		/**
		 * Whether the endpoint's write operation (migrate or roll back) is available:
		 * POST /actuator/migrations, or with migration.instances POST
		 * /actuator/migrations/{instance}. It works on the database's own schema, not on
		 * its tenants.
		 */
		private boolean writeEnabled;

		public boolean isWriteEnabled() {
			return this.writeEnabled;
		}

		public void setWriteEnabled(boolean writeEnabled) {
			this.writeEnabled = writeEnabled;
		}

	}

	/**
	 * Tenants, each with its own history tables and lock: schemas of the migrated
	 * DataSource ({@code schemas}, {@code query}) and the tenants of the
	 * {@code dev.migration.TenantProvider} beans (schemas, or databases of their own).
	 * The sources add up; they are read again at each run over the tenants. When any is
	 * configured, the run on start, {@code migrate} and {@code status --tenants} work on
	 * the tenants instead of the instance's own schema, and on both with
	 * {@code migrate-base}.
	 */
	public static class Tenants {

		/**
		 * The tenants' schemas, each tenant named by its schema.
		 */
		private List<String> schemas = new ArrayList<>();

		/**
		 * A SQL query whose first column lists more tenants' schemas, run on the
		 * DataSource at each run over the tenants (the run on start, migrate, status,
		 * the endpoint and the health), so that new tenants are seen.
		 */
		private @Nullable String query;

		/**
		 * The most tenants migrated at once. By default the pool size minus one for a
		 * Hikari pool (a tenant rolled back or added borrows two connections on
		 * PostgreSQL, one for its lock; a migrate keeps one per thread), else 1; never
		 * more than the pool size minus one. A tenant with a DataSource of its own
		 * borrows its connections from it instead.
		 */
		private @Nullable Integer parallelism;

		/**
		 * Whether the instance's own schema (migration.schema, else the connection's
		 * default) is migrated too with the tenants' scripts, before the tenants, by the
		 * run on start and by migrate on the command line; rollback without --tenant or
		 * --all-tenants then rolls it back. Off by default: the own schema of a
		 * multi-tenant application usually holds shared tables, such as the registry of
		 * tenants, migrated by scripts of their own (a named instance).
		 */
		private boolean migrateBase;

		/**
		 * What happens to the other tenants when one fails: continue (every other tenant
		 * is migrated) or stop (no tenant starts after the first failure).
		 */
		private FleetOptions.OnFailure onFailure = FleetOptions.OnFailure.CONTINUE;

		public List<String> getSchemas() {
			return this.schemas;
		}

		public void setSchemas(List<String> schemas) {
			this.schemas = schemas;
		}

		public @Nullable String getQuery() {
			return this.query;
		}

		public void setQuery(@Nullable String query) {
			this.query = query;
		}

		public @Nullable Integer getParallelism() {
			return this.parallelism;
		}

		public void setParallelism(@Nullable Integer parallelism) {
			this.parallelism = parallelism;
		}

		public FleetOptions.OnFailure getOnFailure() {
			return this.onFailure;
		}

		public boolean isMigrateBase() {
			return this.migrateBase;
		}

		public void setMigrateBase(boolean migrateBase) {
			this.migrateBase = migrateBase;
		}

		public void setOnFailure(FleetOptions.OnFailure onFailure) {
			this.onFailure = onFailure;
		}

		/**
		 * Whether any tenant is configured by property; a TenantProvider bean configures
		 * tenants too.
		 * @return {@code true} with schemas or a query
		 */
		public boolean isConfigured() {
			return !this.schemas.isEmpty() || (this.query != null && !this.query.isBlank());
		}

	}

}
