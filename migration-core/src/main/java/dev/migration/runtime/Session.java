package dev.migration.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.dialect.Dialect;

/**
 * One borrowed connection with what the engine derives from it: the dialect, the
 * migration schema and the history table. Closing it restores the search path it
 * changed and returns the connection.
 */
final class Session implements AutoCloseable {

	private static final System.Logger logger = System.getLogger("dev.migration");

	private final Connection connection;

	private final Dialect dialect;

	private final String schema;

	private final HistoryTable history;

	private final boolean initialAutoCommit;

	private String savedSearchPath;

	private String savedLockWaitLimit;

	private String user;

	private Session(Connection connection, Dialect dialect, String schema, HistoryTable history)
			throws SQLException {
		this.connection = connection;
		this.dialect = dialect;
		this.schema = schema;
		this.history = history;
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
			return new Session(connection, dialect, schema, history);
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
	 * that starts after the application, a pool still warming up).
	 */
	private static Connection connect(javax.sql.DataSource dataSource, MigrationConfiguration configuration) {
		long start = System.nanoTime();
		long pause = configuration.connectRetryBackoff().toMillis();
		for (int attempt = 0;; attempt++) {
			try {
				return dataSource.getConnection();
			}
			catch (SQLException ex) {
				String message = String.valueOf(ex.getMessage());
				if (attempt >= configuration.connectRetries()) {
					String tried = (attempt > 0) ? " after " + (attempt + 1) + " attempts over "
							+ java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s" : "";
					if (message.contains("Could not set lock on file")) {
						throw Dialect.duckdb().connectionFailure(ex);
					}
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
	 * Puts the migration schema first in the search path, so scripts' unqualified names
	 * land there; {@link #close()} restores the previous path.
	 */
	void useMigrationSchema() throws SQLException {
		if (this.savedSearchPath != null) {
			return;
		}
		this.savedSearchPath = queryString(this.connection, this.dialect.searchPathQuery());
		if (this.savedSearchPath == null) {
			this.savedSearchPath = "";
		}
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(this.dialect.useSchema(this.schema));
		}
	}

	/**
	 * Limits how long each statement waits for a table lock, where the database can;
	 * {@link #close()} restores the previous limit.
	 */
	void limitLockWaits(java.time.Duration limit) throws SQLException {
		String read = this.dialect.lockWaitLimitQuery();
		if (limit == null || read == null || this.savedLockWaitLimit != null) {
			return;
		}
		this.savedLockWaitLimit = queryString(this.connection, read);
		setLockWaitLimit(limit.toMillis() + "ms");
	}

	private void setLockWaitLimit(String value) throws SQLException {
		try (java.sql.PreparedStatement statement = this.connection
			.prepareStatement(this.dialect.setLockWaitLimitQuery())) {
			statement.setString(1, value);
			statement.execute();
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
			if (this.savedSearchPath != null) {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute(this.dialect.restoreSearchPath(this.savedSearchPath));
				}
			}
			if (this.savedLockWaitLimit != null) {
				setLockWaitLimit(this.savedLockWaitLimit);
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
