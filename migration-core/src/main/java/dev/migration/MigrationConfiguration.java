package dev.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.migration.lint.LintOptions;
import dev.migration.script.Placeholders;

/**
 * How a {@link MigrationManager} finds its scripts and keeps its history. Immutable,
 * with value semantics; build one with {@link #builder()}, whose defaults are the
 * documented ones, or change one with {@link #toBuilder()}. A class rather than a
 * record so that settings can be added without breaking callers.
 */
public final class MigrationConfiguration {

	/**
	 * The default location of scripts.
	 */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	/**
	 * The default name of the history log table.
	 */
	public static final String DEFAULT_TABLE = "migration_history";

	/**
	 * The default time to wait for the migration lock.
	 */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * The default time a migration's statement waits for a table lock.
	 */
	public static final Duration DEFAULT_STATEMENT_LOCK_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The default number of retries of a migration that gave up waiting for a table lock.
	 */
	public static final int DEFAULT_LOCK_RETRIES = 5;

	/**
	 * The default pause before the first retry after a lock timeout.
	 */
	public static final Duration DEFAULT_LOCK_RETRY_BACKOFF = Duration.ofSeconds(1);

	/**
	 * The default number of retries of a failed connection attempt.
	 */
	public static final int DEFAULT_CONNECT_RETRIES = 5;

	/**
	 * The default pause before the first connection retry.
	 */
	public static final Duration DEFAULT_CONNECT_RETRY_BACKOFF = Duration.ofSeconds(1);

	private final List<String> locations;

	private final @Nullable String schema;

	private final String table;

	private final Duration lockTimeout;

	private final boolean validateOnMigrate;

	private final @Nullable String baselineOnMigrate;

	private final AheadPolicy aheadPolicy;

	private final boolean echo;

	private final List<JavaMigration> javaMigrations;

	private final Map<String, String> placeholders;

	private final List<MigrationListener> listeners;

	private final ClassLoader classLoader;

	private final boolean production;

	private final List<BackupVerifier> backupVerifiers;

	private final @Nullable Duration statementLockTimeout;

	private final int lockRetries;

	private final Duration lockRetryBackoff;

	private final int connectRetries;

	private final Duration connectRetryBackoff;

	private final LintOptions lintOptions;

	private MigrationConfiguration(Builder builder) {
		List<String> locations = List.copyOf(builder.locations);
		if (locations.isEmpty()) {
			throw new IllegalArgumentException("At least one script location is required");
		}
		for (String location : locations) {
			if (location == null || location.isBlank()) {
				throw new IllegalArgumentException("A script location is blank");
			}
		}
		String schema = builder.schema;
		if (schema != null && !isIdentifier(schema)) {
			throw new IllegalArgumentException("Invalid schema name '" + schema
					+ "': use letters, digits and _ (starting with a letter or _), at most 57 characters");
		}
		String table = Objects.requireNonNull(builder.table, "table");
		if (!isIdentifier(table)) {
			throw new IllegalArgumentException("Invalid table name '" + table
					+ "': use letters, digits and _ (starting with a letter or _), at most 57 characters");
		}
		Duration lockTimeout = Objects.requireNonNull(builder.lockTimeout, "lockTimeout");
		if (lockTimeout.isNegative()) {
			throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
		}
		String baselineOnMigrate = builder.baselineOnMigrate;
		if (baselineOnMigrate != null && baselineOnMigrate.isBlank()) {
			baselineOnMigrate = null;
		}
		Duration statementLockTimeout = builder.statementLockTimeout;
		if (statementLockTimeout != null && (statementLockTimeout.isNegative() || statementLockTimeout.isZero())) {
			throw new IllegalArgumentException("statementLockTimeout must be positive (or null to wait forever): "
					+ statementLockTimeout);
		}
		this.locations = locations;
		this.schema = schema;
		this.table = table;
		this.lockTimeout = lockTimeout;
		this.validateOnMigrate = builder.validateOnMigrate;
		this.baselineOnMigrate = baselineOnMigrate;
		this.aheadPolicy = Objects.requireNonNull(builder.aheadPolicy, "aheadPolicy");
		this.echo = builder.echo;
		this.javaMigrations = List.copyOf(builder.javaMigrations);
		for (Map.Entry<String, String> placeholder : builder.placeholders.entrySet()) {
			Placeholders.check(placeholder.getKey(), placeholder.getValue());
		}
		this.placeholders = Collections.unmodifiableMap(new TreeMap<>(builder.placeholders));
		this.listeners = List.copyOf(builder.listeners);
		this.classLoader = (builder.classLoader != null) ? builder.classLoader
				: MigrationConfiguration.class.getClassLoader();
		this.production = builder.production;
		this.backupVerifiers = List.copyOf(builder.backupVerifiers);
		this.statementLockTimeout = statementLockTimeout;
		this.lockRetries = requireNotNegative("lockRetries", builder.lockRetries);
		this.connectRetries = requireNotNegative("connectRetries", builder.connectRetries);
		this.lockRetryBackoff = requirePositive("lockRetryBackoff", builder.lockRetryBackoff);
		this.connectRetryBackoff = requirePositive("connectRetryBackoff", builder.connectRetryBackoff);
		this.lintOptions = Objects.requireNonNull(builder.lintOptions, "lintOptions");
	}

	private static int requireNotNegative(String name, int value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative: " + value);
		}
		return value;
	}

	private static Duration requirePositive(String name, @Nullable Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative: " + value);
		}
		return value;
	}

	/**
	 * Where scripts are found, scanned recursively: {@code classpath:db/migration} (the
	 * default) or {@code filesystem:/path}.
	 * @return the script locations, at least one
	 */
	public List<String> locations() {
		return this.locations;
	}

	/**
	 * The schema the history tables live in and migrations run in.
	 * @return the schema, or {@code null} for the connection's current schema
	 */
	public @Nullable String schema() {
		return this.schema;
	}

	/**
	 * The name of the history log table; the state table is named after it with
	 * {@code _state} appended. On DuckDB both are views of the log's rows, kept in
	 * {@code <table>_entries}, and the log's ids come from {@code <table>_seq}.
	 * @return the history log table name
	 */
	public String table() {
		return this.table;
	}

	/**
	 * How long to wait for another instance's migration lock.
	 * @return the lock timeout
	 */
	public Duration lockTimeout() {
		return this.lockTimeout;
	}

	/**
	 * Whether {@code migrate} refuses to run when applied scripts were edited since.
	 * @return whether to validate on migrate
	 */
	public boolean validateOnMigrate() {
		return this.validateOnMigrate;
	}

	/**
	 * The revision a non-empty schema without history is at, to adopt it on the first
	 * migrate.
	 * @return the revision, or {@code null} to refuse such a schema
	 */
	public @Nullable String baselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	/**
	 * What to do when the database is ahead of the scripts.
	 * @return the policy
	 */
	public AheadPolicy aheadPolicy() {
		return this.aheadPolicy;
	}

	/**
	 * Whether every SQL statement is logged.
	 * @return whether to echo statements
	 */
	public boolean echo() {
		return this.echo;
	}

	/**
	 * Java migrations given as instances, besides those found in the locations.
	 * @return the Java migrations
	 */
	public List<JavaMigration> javaMigrations() {
		return this.javaMigrations;
	}

	/**
	 * The values of the {@code ${name}} placeholders of SQL scripts, by name.
	 * @return the placeholders, sorted by name
	 */
	public Map<String, String> placeholders() {
		return this.placeholders;
	}

	/**
	 * Callbacks around each migration.
	 * @return the listeners
	 */
	public List<MigrationListener> listeners() {
		return this.listeners;
	}

	/**
	 * The class loader for {@code classpath:} locations and Java migrations.
	 * @return the class loader
	 */
	public ClassLoader classLoader() {
		return this.classLoader;
	}

	/**
	 * Whether this database is production: rollbacks and repairs then need an explicit
	 * confirmation.
	 * @return whether it is production
	 */
	public boolean production() {
		return this.production;
	}

	/**
	 * Checks that a recent backup exists (or that take one) before a rollback.
	 * @return the backup verifiers
	 */
	public List<BackupVerifier> backupVerifiers() {
		return this.backupVerifiers;
	}

	/**
	 * How long a migration's statement may wait for a table lock (PostgreSQL's
	 * {@code lock_timeout}) before it gives up, so that DDL never queues behind a long
	 * transaction while blocking every query after it.
	 * @return the timeout, or {@code null} to wait forever
	 */
	public @Nullable Duration statementLockTimeout() {
		return this.statementLockTimeout;
	}

	/**
	 * How many times a migration that gave up waiting for a table lock is rolled back
	 * and tried again.
	 * @return the number of retries
	 */
	public int lockRetries() {
		return this.lockRetries;
	}

	/**
	 * The pause before the first retry after a lock timeout, doubled for each next one.
	 * @return the pause
	 */
	public Duration lockRetryBackoff() {
		return this.lockRetryBackoff;
	}

	/**
	 * How many times a failed connection attempt is retried.
	 * @return the number of retries
	 */
	public int connectRetries() {
		return this.connectRetries;
	}

	/**
	 * The pause before the first connection retry, doubled for each next one up to 30
	 * seconds.
	 * @return the pause
	 */
	public Duration connectRetryBackoff() {
		return this.connectRetryBackoff;
	}

	/**
	 * How {@link MigrationManager#lint()} weighs its findings: the size under which a
	 * table is small (a hazard on it is a note, not a warning), and the severity of a
	 * hazard on a table of unknown size.
	 * @return the lint options
	 */
	public LintOptions lintOptions() {
		return this.lintOptions;
	}

	/**
	 * The name of the table holding the currently applied revisions.
	 * @return the state table name
	 */
	public String stateTable() {
		return this.table + "_state";
	}

	/**
	 * A builder with every default set.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder starting from this configuration.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.locations = new ArrayList<>(this.locations);
		builder.schema = this.schema;
		builder.table = this.table;
		builder.lockTimeout = this.lockTimeout;
		builder.validateOnMigrate = this.validateOnMigrate;
		builder.baselineOnMigrate = this.baselineOnMigrate;
		builder.aheadPolicy = this.aheadPolicy;
		builder.echo = this.echo;
		builder.javaMigrations = new ArrayList<>(this.javaMigrations);
		builder.placeholders = new LinkedHashMap<>(this.placeholders);
		builder.listeners = new ArrayList<>(this.listeners);
		builder.classLoader = this.classLoader;
		builder.production = this.production;
		builder.backupVerifiers = new ArrayList<>(this.backupVerifiers);
		builder.statementLockTimeout = this.statementLockTimeout;
		builder.lockRetries = this.lockRetries;
		builder.lockRetryBackoff = this.lockRetryBackoff;
		builder.connectRetries = this.connectRetries;
		builder.connectRetryBackoff = this.connectRetryBackoff;
		builder.lintOptions = this.lintOptions;
		return builder;
	}

	/**
	 * Builds a {@link MigrationConfiguration}; every setter documents its default.
	 */
	public static final class Builder {

		private List<String> locations = new ArrayList<>(List.of(DEFAULT_LOCATION));

		private @Nullable String schema;

		private String table = DEFAULT_TABLE;

		private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

		private boolean validateOnMigrate = true;

		private @Nullable String baselineOnMigrate;

		private AheadPolicy aheadPolicy = AheadPolicy.WARN;

		private boolean echo;

		private List<JavaMigration> javaMigrations = new ArrayList<>();

		private Map<String, String> placeholders = new LinkedHashMap<>();

		private List<MigrationListener> listeners = new ArrayList<>();

		private @Nullable ClassLoader classLoader;

		private boolean production;

		private List<BackupVerifier> backupVerifiers = new ArrayList<>();

		private @Nullable Duration statementLockTimeout = DEFAULT_STATEMENT_LOCK_TIMEOUT;

		private int lockRetries = DEFAULT_LOCK_RETRIES;

		private Duration lockRetryBackoff = DEFAULT_LOCK_RETRY_BACKOFF;

		private int connectRetries = DEFAULT_CONNECT_RETRIES;

		private Duration connectRetryBackoff = DEFAULT_CONNECT_RETRY_BACKOFF;

		private LintOptions lintOptions = LintOptions.defaults();

		private Builder() {
		}

		/**
		 * Script locations; default {@code classpath:db/migration}.
		 * @param locations the locations
		 * @return this builder
		 */
		public Builder locations(String... locations) {
			return locations(List.of(locations));
		}

		/**
		 * Script locations; default {@code classpath:db/migration}.
		 * @param locations the locations
		 * @return this builder
		 */
		public Builder locations(List<String> locations) {
			this.locations = new ArrayList<>(locations);
			return this;
		}

		/**
		 * The schema; default the connection's current schema.
		 * @param schema the schema or {@code null}
		 * @return this builder
		 */
		public Builder schema(@Nullable String schema) {
			this.schema = schema;
			return this;
		}

		/**
		 * The history log table; default {@code migration_history}.
		 * @param table the table name
		 * @return this builder
		 */
		public Builder table(String table) {
			this.table = table;
			return this;
		}

		/**
		 * How long to wait for the lock; default 60 seconds.
		 * @param lockTimeout the timeout
		 * @return this builder
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * Whether migrate refuses edited applied scripts; default {@code true}.
		 * @param validateOnMigrate whether to validate
		 * @return this builder
		 */
		public Builder validateOnMigrate(boolean validateOnMigrate) {
			this.validateOnMigrate = validateOnMigrate;
			return this;
		}

		/**
		 * The revision an existing schema without history is at; default none.
		 * @param revision the revision or {@code null}
		 * @return this builder
		 */
		public Builder baselineOnMigrate(@Nullable String revision) {
			this.baselineOnMigrate = revision;
			return this;
		}

		/**
		 * What to do when the database is ahead; default {@link AheadPolicy#WARN}.
		 * @param aheadPolicy the policy
		 * @return this builder
		 */
		public Builder aheadPolicy(AheadPolicy aheadPolicy) {
			this.aheadPolicy = aheadPolicy;
			return this;
		}

		/**
		 * Whether to log every statement; default {@code false}.
		 * @param echo whether to echo
		 * @return this builder
		 */
		public Builder echo(boolean echo) {
			this.echo = echo;
			return this;
		}

		/**
		 * Java migrations given as instances; default none.
		 * @param javaMigrations the migrations
		 * @return this builder
		 */
		public Builder javaMigrations(List<? extends JavaMigration> javaMigrations) {
			this.javaMigrations = new ArrayList<>(javaMigrations);
			return this;
		}

		/**
		 * The values of the {@code ${name}} placeholders of SQL scripts; default none.
		 * Names are letters, digits, {@code _}, {@code .} and {@code -}; values are
		 * single lines.
		 * @param placeholders the values by name
		 * @return this builder
		 */
		public Builder placeholders(Map<String, String> placeholders) {
			this.placeholders = new LinkedHashMap<>(placeholders);
			return this;
		}

		/**
		 * Callbacks around each migration; default none.
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder listeners(List<? extends MigrationListener> listeners) {
			this.listeners = new ArrayList<>(listeners);
			return this;
		}

		/**
		 * The class loader for scripts and Java migrations; default this library's.
		 * @param classLoader the class loader
		 * @return this builder
		 */
		public Builder classLoader(@Nullable ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Whether the database is production, where rollbacks and repairs need a
		 * confirmation; default {@code false}.
		 * @param production whether it is production
		 * @return this builder
		 */
		public Builder production(boolean production) {
			this.production = production;
			return this;
		}

		/**
		 * Backup checks run before a rollback; default none.
		 * @param backupVerifiers the verifiers
		 * @return this builder
		 */
		public Builder backupVerifiers(List<? extends BackupVerifier> backupVerifiers) {
			this.backupVerifiers = new ArrayList<>(backupVerifiers);
			return this;
		}

		/**
		 * How long a migration's statement waits for a table lock (PostgreSQL's
		 * {@code lock_timeout}); default 5 seconds, {@code null} to wait forever.
		 * @param statementLockTimeout the timeout
		 * @return this builder
		 */
		public Builder statementLockTimeout(@Nullable Duration statementLockTimeout) {
			this.statementLockTimeout = statementLockTimeout;
			return this;
		}

		/**
		 * Retries of a migration that gave up waiting for a table lock; default 5.
		 * @param lockRetries the retries
		 * @return this builder
		 */
		public Builder lockRetries(int lockRetries) {
			this.lockRetries = lockRetries;
			return this;
		}

		/**
		 * The pause before the first retry after a lock timeout, doubled each time;
		 * default 1 second.
		 * @param lockRetryBackoff the pause
		 * @return this builder
		 */
		public Builder lockRetryBackoff(Duration lockRetryBackoff) {
			this.lockRetryBackoff = lockRetryBackoff;
			return this;
		}

		/**
		 * Retries of a failed connection attempt; default 5. A DuckDB file held by
		 * another process is not retried: it stays held until that process exits.
		 * @param connectRetries the retries
		 * @return this builder
		 */
		public Builder connectRetries(int connectRetries) {
			this.connectRetries = connectRetries;
			return this;
		}

		/**
		 * The pause before the first connection retry, doubled each time up to 30
		 * seconds; default 1 second.
		 * @param connectRetryBackoff the pause
		 * @return this builder
		 */
		public Builder connectRetryBackoff(Duration connectRetryBackoff) {
			this.connectRetryBackoff = connectRetryBackoff;
			return this;
		}

		/**
		 * How the lint weighs its findings; default {@link LintOptions#defaults()}: a
		 * table of at most 10,000 rows and 10 MB is small, and a hazard on a table of
		 * unknown size is a warning.
		 * @param lintOptions the options
		 * @return this builder
		 */
		public Builder lintOptions(LintOptions lintOptions) {
			this.lintOptions = lintOptions;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws IllegalArgumentException if a value is invalid, naming it
		 */
		public MigrationConfiguration build() {
			return new MigrationConfiguration(this);
		}

	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof MigrationConfiguration that)) {
			return false;
		}
		return this.locations.equals(that.locations) && Objects.equals(this.schema, that.schema)
				&& this.table.equals(that.table) && this.lockTimeout.equals(that.lockTimeout)
				&& this.validateOnMigrate == that.validateOnMigrate
				&& Objects.equals(this.baselineOnMigrate, that.baselineOnMigrate) && this.aheadPolicy == that.aheadPolicy
				&& this.echo == that.echo && this.javaMigrations.equals(that.javaMigrations)
				&& this.placeholders.equals(that.placeholders)
				&& this.listeners.equals(that.listeners) && this.classLoader.equals(that.classLoader)
				&& this.production == that.production && this.backupVerifiers.equals(that.backupVerifiers)
				&& Objects.equals(this.statementLockTimeout, that.statementLockTimeout)
				&& this.lockRetries == that.lockRetries && this.lockRetryBackoff.equals(that.lockRetryBackoff)
				&& this.connectRetries == that.connectRetries
				&& this.connectRetryBackoff.equals(that.connectRetryBackoff) && this.lintOptions.equals(that.lintOptions);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.locations, this.schema, this.table, this.lockTimeout, this.validateOnMigrate,
				this.baselineOnMigrate, this.aheadPolicy, this.echo, this.javaMigrations, this.placeholders,
				this.listeners,
				this.classLoader, this.production, this.backupVerifiers, this.statementLockTimeout, this.lockRetries,
				this.lockRetryBackoff, this.connectRetries, this.connectRetryBackoff, this.lintOptions);
	}

	@Override
	public String toString() {
		return "MigrationConfiguration[locations=" + this.locations + ", schema=" + this.schema + ", table="
				+ this.table + ", lockTimeout=" + this.lockTimeout + ", validateOnMigrate=" + this.validateOnMigrate
				+ ", baselineOnMigrate=" + this.baselineOnMigrate + ", aheadPolicy=" + this.aheadPolicy + ", echo="
				+ this.echo + ", javaMigrations=" + this.javaMigrations + ", placeholders="
				+ this.placeholders.keySet() + ", listeners=" + this.listeners
				+ ", classLoader=" + this.classLoader + ", production=" + this.production + ", backupVerifiers="
				+ this.backupVerifiers + ", statementLockTimeout=" + this.statementLockTimeout + ", lockRetries="
				+ this.lockRetries + ", lockRetryBackoff=" + this.lockRetryBackoff + ", connectRetries="
				+ this.connectRetries + ", connectRetryBackoff=" + this.connectRetryBackoff + ", lintOptions="
				+ this.lintOptions + "]";
	}

	/**
	 * Whether a name is a plain identifier: a letter or {@code _}, then letters, digits
	 * and {@code _}, at most 57 characters. A loop rather than a regex, as every start
	 * checks it.
	 */
	private static boolean isIdentifier(String name) {
		if (name.isEmpty() || name.length() > 57) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
			if (!letter && (i == 0 || c < '0' || c > '9')) {
				return false;
			}
		}
		return true;
	}

}
