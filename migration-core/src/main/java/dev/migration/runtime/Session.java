package dev.migration.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationLockException;
import dev.migration.dialect.Dialect;
import dev.migration.script.Placeholders;

/**
 * One borrowed connection with what the engine derives from it: the dialect, the
 * migration schema and the history table. Closing it restores the search path it
 * changed and returns the connection.
 */
final class Session implements AutoCloseable {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final Connection connection;

	private final Dialect dialect;

	private final String schema;

	private final HistoryTable history;

	private final MigrationConfiguration configuration;

	private Placeholders placeholders;

	private final boolean initialAutoCommit;

	private String savedSearchPath;

	private java.util.Map<String, String> savedSettings;

	private String user;

	// Whether the search path and the settings were set together, to be restored so.
	private boolean restoresTogether;

	private Session(Connection connection, Dialect dialect, String schema, HistoryTable history,
			MigrationConfiguration configuration) throws SQLException {
		this.connection = connection;
		this.dialect = dialect;
		this.schema = schema;
		this.history = history;
		this.configuration = configuration;
		this.initialAutoCommit = connection.getAutoCommit();
	}

	static Session open(javax.sql.DataSource dataSource, MigrationConfiguration configuration) {
		Connection connection = connect(dataSource, configuration);
		try {
			Dialect dialect = Dialect.of(connection);
			String schema = configuration.schema();
			if (schema == null) {
				schema = queryString(connection, dialect.currentSchemaQuery());
				if (schema == null) {
					throw new MigrationException("The connection has no current schema (is the search_path empty?); "
							+ "set the migration schema explicitly");
				}
			}
			HistoryTable history = new HistoryTable(dialect, schema, configuration.stateTable(), configuration.table());
			return new Session(connection, dialect, schema, history, configuration);
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.close();
			}
			catch (SQLException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			if (ex instanceof MigrationException migrationException) {
				throw migrationException;
			}
			throw new MigrationException("Cannot read the database's metadata: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Borrows a connection, retrying a failed attempt with a doubling pause (a database
	 * that starts after the application, a pool still warming up), but not a database
	 * file held by another process.
	 */
	private static Connection connect(javax.sql.DataSource dataSource, MigrationConfiguration configuration) {
		long start = System.nanoTime();
		long pause = configuration.connectRetryBackoff().toMillis();
		for (int attempt = 0;; attempt++) {
			try {
				return dataSource.getConnection();
			}
			catch (SQLException ex) {
				// Without a connection there is no dialect to ask: DuckDB's is the one that
				// knows a failure no retry can cure.
				MigrationException held = Dialect.duckdb().connectionFailure(ex);
				if (held instanceof MigrationLockException) {
					// A DuckDB file is locked by the process that opened it, and an
					// application's pool keeps it open for the pool's life: the lock goes
					// only when that process exits, which no wait here brings about. The
					// retries (31 s with the defaults) would only delay the same failure,
					// for a second instance or the command line run against a running
					// application alike; the rare restart whose old process is still
					// exiting is better served by starting after it stopped, or by the
					// supervisor restarting the failed process.
					throw held;
				}
				String message = String.valueOf(ex.getMessage());
				if (attempt >= configuration.connectRetries()) {
					String tried = (attempt > 0) ? " after " + (attempt + 1) + " attempts over "
							+ java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s" : "";
					throw new MigrationException("Cannot connect to the database" + tried + ": " + message
							+ " (connect retries: " + configuration.connectRetries() + ")", ex);
				}
				logger.log(System.Logger.Level.WARNING, "Cannot connect to the database ({0}); retrying in {1} ms",
						message, pause);
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new MigrationException("Interrupted while waiting to connect to the database", ex);
				}
				pause = Math.min(pause * 2, 30_000);
			}
		}
	}

	Connection connection() {
		return this.connection;
	}

	Dialect dialect() {
		return this.dialect;
	}

	String schema() {
		return this.schema;
	}

	HistoryTable history() {
		return this.history;
	}

	/**
	 * The database user, for the log; read from the connection's metadata, no query.
	 */
	String user() throws SQLException {
		if (this.user == null) {
			String name = this.connection.getMetaData().getUserName();
			// An embedded database (DuckDB) has no user: record who ran the process.
			this.user = (name != null && !name.isBlank()) ? name : System.getProperty("user.name");
		}
		return this.user;
	}

	/**
	 * The values of the scripts' placeholders for the scripts run over this connection:
	 * the configured ones, the migration schema, the database user it is logged in as
	 * (none on DuckDB) and the history table.
	 */
	Placeholders placeholders() throws SQLException {
		if (this.placeholders == null) {
			this.placeholders = new Placeholders(this.configuration.placeholders(), this.schema,
					this.connection.getMetaData().getUserName(), this.configuration.table());
		}
		return this.placeholders;
	}

	/**
	 * Puts the migration schema first in the search path, so scripts' unqualified names
	 * land there; {@link #close()} restores the previous path.
	 */
	void useMigrationSchema() throws SQLException {
		if (this.savedSearchPath != null) {
			return;
		}
		String saved = queryString(this.connection, this.dialect.searchPathQuery());
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(this.dialect.useSchema(this.schema));
		}
		// Only once switched: a switch that failed (DuckDB, before the schema exists) is
		// tried again by the next call.
		this.savedSearchPath = (saved != null) ? saved : "";
	}

	/**
	 * Applies the dialect's settings for running migrations (how long a statement waits
	 * for a table lock, ...); a setting this server does not know is skipped.
	 * {@link #close()} restores the previous values.
	 */
	void applyMigrationSettings(java.time.Duration lockWaitLimit) throws SQLException {
		if (this.savedSettings != null) {
			return;
		}
		this.savedSettings = new java.util.LinkedHashMap<>();
		for (java.util.Map.Entry<String, String> setting : this.dialect.migrationSettings(lockWaitLimit).entrySet()) {
			String previous;
			try (java.sql.PreparedStatement read = this.connection.prepareStatement(this.dialect.readSettingQuery())) {
				read.setString(1, setting.getKey());
				try (java.sql.ResultSet rows = read.executeQuery()) {
					previous = rows.next() ? rows.getString(1) : null;
				}
			}
			if (previous != null) {
				writeSetting(setting.getKey(), setting.getValue());
				this.savedSettings.put(setting.getKey(), previous);
			}
		}
	}

	/**
	 * Puts the migration schema first in the search path and applies the dialect's
	 * settings for running migrations, as {@link #useMigrationSchema()} and
	 * {@link #applyMigrationSettings} do; where the dialect reads and writes settings
	 * together, in two round trips whatever their number, and {@link #close()} restores
	 * them in one.
	 */
	void prepareForMigrations(java.time.Duration lockWaitLimit) throws SQLException {
		java.util.Map.Entry<String, String> searchPath = this.dialect.searchPathSetting(this.schema);
		if (searchPath == null || this.savedSearchPath != null || this.savedSettings != null) {
			useMigrationSchema();
			applyMigrationSettings(lockWaitLimit);
			return;
		}
		java.util.Map<String, String> wanted = new java.util.LinkedHashMap<>();
		wanted.put(searchPath.getKey(), searchPath.getValue());
		wanted.putAll(this.dialect.migrationSettings(lockWaitLimit));
		List<String> names = new ArrayList<>(wanted.keySet());
		List<String> previous = new ArrayList<>(names.size());
		try (java.sql.PreparedStatement read = this.connection
			.prepareStatement(this.dialect.readSettingsQuery(names.size()))) {
			for (int i = 0; i < names.size(); i++) {
				read.setString(i + 1, names.get(i));
			}
			try (ResultSet rows = read.executeQuery()) {
				rows.next();
				for (int i = 0; i < names.size(); i++) {
					previous.add(rows.getString(i + 1));
				}
			}
		}
		java.util.Map<String, String> changed = new java.util.LinkedHashMap<>();
		java.util.Map<String, String> saved = new java.util.LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			// A setting this server does not know is skipped, as applyMigrationSettings does.
			if (i == 0 || previous.get(i) != null) {
				changed.put(names.get(i), wanted.get(names.get(i)));
				saved.put(names.get(i), (previous.get(i) != null) ? previous.get(i) : "");
			}
		}
		writeSettings(changed);
		this.savedSearchPath = saved.remove(searchPath.getKey());
		this.savedSettings = saved;
		this.restoresTogether = true;
	}

	private void writeSettings(java.util.Map<String, String> settings) throws SQLException {
		try (java.sql.PreparedStatement write = this.connection
			.prepareStatement(this.dialect.writeSettingsQuery(settings.size()))) {
			int parameter = 1;
			for (java.util.Map.Entry<String, String> setting : settings.entrySet()) {
				write.setString(parameter++, setting.getKey());
				write.setString(parameter++, setting.getValue());
			}
			write.execute();
		}
	}

	private void writeSetting(String name, String value) throws SQLException {
		try (java.sql.PreparedStatement write = this.connection.prepareStatement(this.dialect.writeSettingQuery())) {
			write.setString(1, name);
			write.setString(2, value);
			write.execute();
		}
	}

	static String queryString(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

	@Override
	public void close() {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
			}
			if (this.restoresTogether) {
				java.util.Map<String, String> restored = new java.util.LinkedHashMap<>();
				restored.put(this.dialect.searchPathSetting(this.schema).getKey(), this.savedSearchPath);
				restored.putAll(this.savedSettings);
				writeSettings(restored);
			}
			else if (this.savedSearchPath != null) {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute(this.dialect.restoreSearchPath(this.savedSearchPath));
				}
			}
			if (this.savedSettings != null && !this.restoresTogether) {
				for (java.util.Map.Entry<String, String> setting : this.savedSettings.entrySet()) {
					writeSetting(setting.getKey(), setting.getValue());
				}
			}
			this.connection.setAutoCommit(this.initialAutoCommit);
		}
		catch (SQLException ex) {
			// The connection goes back to its pool either way; the pool validates it.
		}
		finally {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// Nothing more can be done with a connection that fails to close.
			}
		}
	}

}
