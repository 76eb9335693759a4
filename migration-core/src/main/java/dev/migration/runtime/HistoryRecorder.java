package dev.migration.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;

/**
 * Writes the state and log rows of each migration of a run on one connection, inside
 * the migration's transaction. It prepares each statement once and reuses it for every
 * migration of the run. Where the database allows it, a step's state and log go in one
 * statement: one round trip instead of two where it has writable common table
 * expressions (PostgreSQL), one row instead of two where the state is a view of the
 * log (DuckDB).
 */
final class HistoryRecorder implements HistoryTable.Recorder {

	private final Connection connection;

	private final HistoryStatements statements;

	/**
	 * Whether the upgrade and downgrade statements write the log too.
	 */
	private final boolean combined;

	private final String upgradeSql;

	private final String downgradeSql;

	private final String logSql;

	/**
	 * {@link #upgradeSql} and {@link #downgradeSql} followed by the {@code COMMIT} of the
	 * step's transaction, where both rows go in one statement; {@code null} otherwise.
	 */
	private final String upgradeAndCommitSql;

	private final String downgradeAndCommitSql;

	private PreparedStatement upgrade;

	private PreparedStatement downgrade;

	private PreparedStatement log;

	/**
	 * The step's record followed by the {@code COMMIT} of its transaction, upgrade and
	 * downgrade: prepared once, so that the driver neither parses nor plans a literal
	 * statement per step.
	 */
	private PreparedStatement upgradeAndCommit;

	private PreparedStatement downgradeAndCommit;

	HistoryRecorder(Connection connection, HistoryStatements statements) {
		this.connection = connection;
		this.statements = statements;
		String upgradeRecord = statements.upgradeRecord();
		this.combined = upgradeRecord != null;
		this.upgradeSql = this.combined ? upgradeRecord : statements.insertState();
		this.downgradeSql = this.combined ? statements.downgradeRecord() : statements.deleteState();
		this.logSql = statements.insertLog();
		this.upgradeAndCommitSql = this.combined ? this.upgradeSql + "; COMMIT" : null;
		this.downgradeAndCommitSql = this.combined ? this.downgradeSql + "; COMMIT" : null;
	}

	@Override
	public void upgraded(MigrationScript script, Instant appliedAt, String user, HistoryTable.LogRow row)
			throws SQLException {
		this.upgrade = prepared(this.upgrade, this.upgradeSql);
		if (this.combined) {
			this.statements.bindUpgradeRecord(this.upgrade, script, appliedAt, user, row);
			this.upgrade.executeUpdate();
			return;
		}
		this.statements.bindState(this.upgrade, script, appliedAt, user);
		this.upgrade.executeUpdate();
		log(row);
	}

	@Override
	public void downgraded(String revision, HistoryTable.LogRow row) throws SQLException {
		this.downgrade = prepared(this.downgrade, this.downgradeSql);
		if (this.combined) {
			this.statements.bindDowngradeRecord(this.downgrade, revision, row);
			this.downgrade.executeUpdate();
			return;
		}
		this.statements.bindDeleteState(this.downgrade, revision);
		this.downgrade.executeUpdate();
		log(row);
	}

	@Override
	public void recordAndCommit(MigrationScript script, Direction direction, Instant appliedAt, String user,
			HistoryTable.LogRow row) throws SQLException {
		if (!this.combined) {
			throw new IllegalStateException("The state and log rows are written by two statements here");
		}
		if (direction == Direction.UPGRADE) {
			this.upgradeAndCommit = prepared(this.upgradeAndCommit, this.upgradeAndCommitSql);
			this.statements.bindUpgradeRecord(this.upgradeAndCommit, script, appliedAt, user, row);
			this.upgradeAndCommit.execute();
		}
		else {
			this.downgradeAndCommit = prepared(this.downgradeAndCommit, this.downgradeAndCommitSql);
			this.statements.bindDowngradeRecord(this.downgradeAndCommit, script.info().revision(), row);
			this.downgradeAndCommit.execute();
		}
	}

	@Override
	public void log(HistoryTable.LogRow row) throws SQLException {
		this.log = prepared(this.log, this.logSql);
		this.statements.bindLog(this.log, row);
		this.log.executeUpdate();
	}

	private PreparedStatement prepared(PreparedStatement statement, String sql) throws SQLException {
		// DuckDB closes a statement that failed: prepare it again then.
		return (statement != null && !statement.isClosed()) ? statement : this.connection.prepareStatement(sql);
	}

	@Override
	public void close() {
		for (PreparedStatement statement : new PreparedStatement[] { this.upgrade, this.downgrade, this.log, this.upgradeAndCommit,
				this.downgradeAndCommit }) {
			if (statement != null) {
				try {
					statement.close();
				}
				catch (SQLException ex) {
					// Closing with the connection's session is enough.
				}
			}
		}
	}

}
