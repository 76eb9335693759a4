package dev.migration.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.zip.CRC32;

import dev.migration.LockHolder;
import dev.migration.MigrationLockException;
import dev.migration.dialect.Dialect;

/**
 * A PostgreSQL session advisory lock held on the connection that runs the migrations:
 * a session-level lock outlives the transactions of that session, so no connection of
 * its own is needed (one more connection to open at every migrate, and a pool of one
 * connection could not lend it). The server releases it when that session ends, so a
 * crashed process never leaves it stuck.
 * Waiters poll {@code pg_try_advisory_lock} in autocommit: no transaction or snapshot
 * stays open while they wait.
 */
final class AdvisoryLock implements DatabaseLock {

	/** First key: this library's namespace in the advisory lock space ("migr"). */
	private static final int NAMESPACE = 0x6D696772;

	private final Dialect dialect;

	private final int key;

	private final Duration timeout;

	// The migrating connection, which holds the lock: never closed here.
	private final Connection sessionConnection;

	private Connection connection;

	private String previousLabel;

	private boolean labelled;

	/**
	 * A lock held on the connection of the session that migrates, in autocommit between
	 * its transactions.
	 */
	static AdvisoryLock onSession(Connection connection, Dialect dialect, String schema, String table,
			Duration timeout) {
		return new AdvisoryLock(connection, dialect, schema, table, timeout);
	}

	private AdvisoryLock(Connection sessionConnection, Dialect dialect, String schema, String table,
			Duration timeout) {
		this.sessionConnection = sessionConnection;
		this.dialect = dialect;
		CRC32 crc = new CRC32();
		crc.update((schema + "." + table).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		this.key = (int) (crc.getValue() & 0x7FFFFFFF);
		this.timeout = timeout;
	}

	@Override
	public void acquire() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		long pause = 20;
		try {
			this.connection = this.sessionConnection;
			this.connection.setAutoCommit(true);
			// Label before locking: whoever sees the lock granted also sees who holds it.
			boolean locked = labelAndTryLock();
			while (!locked) {
				if (System.nanoTime() >= deadline) {
					LockHolder holder = holder();
					close();
					throw new MigrationLockException("Timed out after " + this.timeout.toMillis()
							+ " ms waiting for the migration lock (advisory lock " + NAMESPACE + "/" + this.key
							+ "), held by " + describe(holder)
							+ ". Another instance is migrating; raise the lock timeout or wait for it to finish.");
				}
				Thread.sleep(pause);
				pause = Math.min(pause * 2, 500);
				locked = tryLock();
			}
		}
		catch (SQLException ex) {
			close();
			throw new MigrationLockException("Cannot take the migration lock: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new MigrationLockException("Interrupted while waiting for the migration lock", ex);
		}
	}

	private boolean tryLock() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(this.dialect.tryLockQuery())) {
			statement.setInt(1, NAMESPACE);
			statement.setInt(2, this.key);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() && rows.getBoolean(1);
			}
		}
	}

	/**
	 * Labels the session and tries the lock, in one statement where the dialect has one.
	 */
	private boolean labelAndTryLock() throws SQLException {
		String sql = this.dialect.labelAndTryLockQuery();
		if (sql == null) {
			label();
			return tryLock();
		}
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			this.previousLabel = this.connection.getClientInfo("ApplicationName");
			statement.setInt(1, NAMESPACE);
			statement.setInt(2, this.key);
			statement.setString(3, label(LockOwner.description()));
			this.labelled = true;
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() && rows.getBoolean(1);
			}
		}
	}

	private static String label(String owner) {
		String label = "migration-lock " + owner;
		return (label.length() > 63) ? label.substring(0, 63) : label;
	}

	private void label() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(this.dialect.labelSessionQuery())) {
			this.previousLabel = this.connection.getClientInfo("ApplicationName");
			statement.setString(1, label(LockOwner.description()));
			statement.execute();
			this.labelled = true;
		}
	}

	private void restoreLabel() throws SQLException {
		if (this.labelled) {
			try (PreparedStatement restore = this.connection.prepareStatement(this.dialect.labelSessionQuery())) {
				restore.setString(1, (this.previousLabel != null) ? this.previousLabel : "");
				restore.execute();
			}
			this.labelled = false;
		}
	}

	@Override
	public void release() {
		if (this.connection == null) {
			throw new MigrationLockException("The migration lock is not held");
		}
		try {
			if (!this.connection.getAutoCommit()) {
				// Whatever the work left open goes, as closing the session would do; the
				// label's restore below must not be rolled back with it.
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			close();
			throw new MigrationLockException("Cannot release the migration lock: " + ex.getMessage()
					+ " (the server releases it when the connection closes)", ex);
		}
		String unlockAndRestore = this.labelled ? this.dialect.unlockAndLabelQuery() : null;
		try (PreparedStatement statement = this.connection
			.prepareStatement((unlockAndRestore != null) ? unlockAndRestore : this.dialect.unlockQuery())) {
			statement.setInt(1, NAMESPACE);
			statement.setInt(2, this.key);
			if (unlockAndRestore != null) {
				statement.setString(3, (this.previousLabel != null) ? this.previousLabel : "");
				this.labelled = false;
			}
			boolean released;
			try (ResultSet rows = statement.executeQuery()) {
				released = rows.next() && rows.getBoolean(1);
			}
			if (!released) {
				throw new MigrationLockException("The migration lock (advisory lock " + NAMESPACE + "/" + this.key
						+ ") was not held by this connection when releasing it");
			}
			restoreLabel();
		}
		catch (SQLException ex) {
			throw new MigrationLockException("Cannot release the migration lock: " + ex.getMessage()
					+ " (the server releases it when the connection closes)", ex);
		}
		finally {
			close();
		}
	}

	@Override
	public LockHolder holder() {
		try (PreparedStatement statement = this.sessionConnection.prepareStatement(this.dialect.lockHolderQuery())) {
			statement.setInt(1, NAMESPACE);
			statement.setInt(2, this.key);
			try (ResultSet rows = statement.executeQuery()) {
				if (!rows.next()) {
					return null;
				}
				String name = rows.getString(1);
				String owner = (name != null && name.startsWith("migration-lock "))
						? name.substring("migration-lock ".length())
						: "backend pid " + rows.getInt(2) + " from " + rows.getString(3);
				OffsetDateTime since = rows.getObject(4, OffsetDateTime.class);
				return new LockHolder(owner, (since != null) ? since.toInstant() : null);
			}
		}
		catch (SQLException ex) {
			return null;
		}
	}

	static String describe(LockHolder holder) {
		if (holder == null) {
			return "an unknown session";
		}
		Instant since = holder.since();
		return holder.owner() + ((since != null) ? " since " + since : "");
	}

	private void close() {
		if (this.connection != null) {
			try {
				restoreLabel();
			}
			catch (SQLException ex) {
				// The label is cosmetic; the session closes its connection itself.
			}
			this.connection = null;
		}
	}

}
