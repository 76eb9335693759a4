package dev.migration.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.DurationFormat;
import dev.migration.HistoryAction;
import dev.migration.HistoryEntry;
import dev.migration.MigrationInfo;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStateException.Reason;
import dev.migration.dialect.Dialect;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;
import dev.migration.script.Placeholders;

/**
 * The two history tables: the state (which revisions are applied now, one row each)
 * and the append-only log of every action, both in the migration schema and created on
 * first write. Where the dialect {@link Dialect#keepsStateInLog() keeps the state in the
 * log} (DuckDB), the log is a view of its entries and the state a view of the log, and
 * a history of an earlier layout is refused, never misread nor converted. This class
 * reads and writes them with the SQL of {@link HistoryStatements}; the rows of a run go
 * through a {@link Recorder}.
 */
final class HistoryTable {

	private final Dialect dialect;

	private final String schema;

	private final HistoryStatements statements;

	/**
	 * Whether the log has the columns of this release (durations to the microsecond,
	 * committed statements), once a write has checked or made sure; where the state is a
	 * view of the log, whether the layout is this release's, once a read or a write found
	 * it is.
	 */
	private boolean current;

	/**
	 * Whether to read the state before asking the catalog, whatever the dialect prefers:
	 * for a fleet's tenants, whose tables exist at every run but the first. Cleared once
	 * a read found no table, so that the reads after it ask the catalog first.
	 */
	private boolean readFirst;

	HistoryTable(Dialect dialect, String schema, String stateTable, String logTable) {
		this.dialect = dialect;
		this.schema = schema;
		this.statements = new HistoryStatements(dialect, schema, stateTable, logTable);
	}

	String schema() {
		return this.schema;
	}

	List<String> tableNames() {
		return this.statements.tableNames();
	}

	/**
	 * The statements that create the schema and both tables unless they exist, in order.
	 */
	List<String> createStatements() {
		return this.statements.create();
	}

	/**
	 * Whether the state table exists; one catalog query.
	 */
	boolean exists(Connection connection) throws SQLException {
		// Literals in a plain statement: the state is read the same way next, so a start
		// warms up one of the driver's paths, not two.
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.exists())) {
			return rows.next();
		}
	}

	/**
	 * Reads the state before asking the catalog from now on, until a read finds no
	 * table: see {@link #readStateIfExists}.
	 */
	void readFirst() {
		this.readFirst = true;
	}

	/**
	 * Creates the schema and both tables unless they exist, in one transaction so that
	 * a reader that finds the state table also finds the log. Call it holding the lock:
	 * concurrent {@code CREATE ... IF NOT EXISTS} can still collide in PostgreSQL's
	 * catalog.
	 */
	void create(Connection connection) throws SQLException {
		create(connection, false);
	}

	/**
	 * Creates the schema and both tables as {@link #create(Connection)} does.
	 * @param connection the connection
	 * @param absent whether the caller, holding the lock, found neither table: they are
	 * then of this release, with no need to ask which columns they have; a dialect that
	 * pipelines batches gets the statements in one round trip
	 */
	void create(Connection connection, boolean absent) throws SQLException {
		if (this.statements.stateInLog() && !absent) {
			// CREATE ... IF NOT EXISTS would keep a table of an earlier layout as it is.
			refuseEarlierLayout(connection);
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			if (absent && this.dialect.pipelinesBatches()) {
				for (String ddl : this.statements.create()) {
					statement.addBatch(ddl);
				}
				statement.executeBatch();
			}
			else {
				for (String ddl : this.statements.create()) {
					statement.execute(ddl);
				}
			}
			if (autoCommit) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			if (autoCommit) {
				connection.rollback();
			}
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
		// Unless it existed already, in the version of an earlier release.
		this.current = absent || this.statements.stateInLog() || (missingLogColumns(connection).isEmpty()
				&& hasColumn(this.statements.stateColumns(), connection, HistoryStatements.SCRIPT_TEXT_COLUMN));
	}

	/**
	 * Brings tables created by an earlier release up to date before the first write:
	 * adds the log's column that keeps durations to the microsecond, those that keep how
	 * many statements of a failed {@code transactional: false} migration committed, and
	 * the state's column that keeps each applied script's text.
	 * Its older rows keep their whole milliseconds, and earlier releases, which name
	 * their columns, keep reading and writing it. One query that returns no row; the
	 * {@code ALTER}s only once per table. Call it holding the lock, outside a
	 * migration's transaction.
	 */
	void upgrade(Connection connection) throws SQLException {
		if (this.current) {
			return;
		}
		if (this.statements.stateInLog()) {
			// The first layout of its kind: an earlier one is refused, not brought up to date.
			refuseEarlierLayout(connection);
			this.current = true;
			return;
		}
		List<String> missing = missingLogColumns(connection);
		if (!hasColumn(this.statements.stateColumns(), connection, HistoryStatements.SCRIPT_TEXT_COLUMN)) {
			missing.add(HistoryStatements.SCRIPT_TEXT_COLUMN);
		}
		if (!missing.isEmpty()) {
			boolean autoCommit = connection.getAutoCommit();
			try (Statement statement = connection.createStatement()) {
				if (missing.contains(HistoryStatements.SCRIPT_TEXT_COLUMN)) {
					statement.execute(this.statements.addScriptText());
				}
				if (missing.contains(HistoryStatements.DURATION_MICROS_COLUMN)) {
					statement.execute(this.statements.addDurationMicros());
				}
				if (missing.contains(HistoryStatements.COMMITTED_STATEMENTS_COLUMN)) {
					for (String ddl : this.statements.addCommittedStatementColumns()) {
						statement.execute(ddl);
					}
				}
			}
			if (!autoCommit) {
				connection.commit();
			}
		}
		this.current = true;
	}

	/**
	 * Where the state is a view of the log: refuses a history of an earlier layout (a
	 * state table of its own, a log table rather than a view of the log's entries),
	 * which this release would misread, naming what the catalog has and what to do. One
	 * catalog query.
	 */
	private void refuseEarlierLayout(Connection connection) throws SQLException {
		stateExistsInThisLayout(connection);
	}

	/**
	 * Where the state is a view of the log: whether the state exists, read from the one
	 * catalog query that refuses a history of an earlier layout
	 * ({@link #refuseEarlierLayout}); a log table is refused even where no state exists
	 * at all.
	 */
	private boolean stateExistsInThisLayout(Connection connection) throws SQLException {
		String state = this.statements.stateTable();
		String log = this.statements.logTable();
		boolean stateExists = false;
		boolean stateTable = false;
		boolean logTable = false;
		boolean logWithState = false;
		try (PreparedStatement statement = connection.prepareStatement(this.statements.layout())) {
			statement.setString(1, this.schema);
			statement.setString(2, state);
			statement.setString(3, log);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String name = rows.getString(1);
					stateExists |= name.equals(state);
					stateTable |= name.equals(state) && !rows.getBoolean(2);
					if (name.equals(log) && !rows.getBoolean(2)) {
						logTable = true;
						logWithState = rows.getBoolean(3);
					}
				}
			}
		}
		List<String> found = new ArrayList<>(2);
		if (stateTable) {
			found.add("'" + state + "' is a table of its own");
		}
		if (logTable) {
			found.add("the log '" + log + "' is a table of its own, "
					+ (logWithState ? "with the state's columns" : "without the state's columns"));
		}
		if (found.isEmpty()) {
			return stateExists;
		}
		String entries = Dialect.logEntriesTable(log);
		String problem = "The migration history in schema '" + this.schema + "' has the layout of an earlier "
				+ "version: " + String.join(", and ", found) + ". This version keeps the log's rows in '" + entries
				+ "', one row per migration that carries the state, and reads the log '" + log + "' and the state '"
				+ state + "' as views of it; it neither reads nor converts the earlier layout, and wrote nothing";
		throw new MigrationStateException(Reason.OTHER, List.of(), problem, problem + ". Keep running the "
				+ "version that wrote it, or record the database's place anew: note its applied revisions (SELECT "
				+ "revision FROM " + this.schema + "." + state + "), keep a copy of '" + log + "' if its rows "
				+ "matter, drop '" + state + "', '" + log + "' and the sequence '" + log + "_seq', then "
				+ "stamp(revision) at the applied head(s)", null);
	}

	/**
	 * The columns of this release the log lacks, from one query that returns no row.
	 */
	private List<String> missingLogColumns(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.logColumns())) {
			List<String> missing = new ArrayList<>(2);
			if (durationMicrosColumn(rows.getMetaData()) == 0) {
				missing.add(HistoryStatements.DURATION_MICROS_COLUMN);
			}
			if (!hasColumn(rows.getMetaData(), HistoryStatements.COMMITTED_STATEMENTS_COLUMN)) {
				missing.add(HistoryStatements.COMMITTED_STATEMENTS_COLUMN);
			}
			return missing;
		}
	}

	/**
	 * Whether the table a no-row query reads has the given column.
	 */
	private static boolean hasColumn(String query, Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			return hasColumn(rows.getMetaData(), name);
		}
	}

	private static boolean hasColumn(ResultSetMetaData metadata, String name) throws SQLException {
		for (int column = 1; column <= metadata.getColumnCount(); column++) {
			if (name.equalsIgnoreCase(metadata.getColumnLabel(column))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The 1-based index of {@code duration_us} in a result of the log's columns, or 0
	 * when the table predates it.
	 */
	private static int durationMicrosColumn(ResultSetMetaData metadata) throws SQLException {
		for (int column = 1; column <= metadata.getColumnCount(); column++) {
			if (HistoryStatements.DURATION_MICROS_COLUMN.equalsIgnoreCase(metadata.getColumnLabel(column))) {
				return column;
			}
		}
		return 0;
	}

	/**
	 * The applied revisions, keyed by id in the order they were applied: the columns
	 * every operation needs, as every start reads them (4 of 10: a fresh JVM decodes the
	 * rest of a thousand rows in several milliseconds, for nothing).
	 */
	Map<String, AppliedRevision> readState(Connection connection) throws SQLException {
		Map<String, AppliedRevision> applied = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.readState())) {
			while (rows.next()) {
				AppliedRevision revision = new AppliedRevision(rows.getString(1), rows.getString(2), rows.getString(3),
						integer(rows.getObject(4)));
				applied.put(revision.revision(), revision);
			}
		}
		if (this.statements.stateInLog()) {
			// The view read: the log has this layout's columns, none to check before a write.
			this.current = true;
		}
		return applied;
	}

	/**
	 * Reads the state of a table that exists; where the state is a view of the log, a
	 * failed read of a history of an earlier layout is refused as such.
	 */
	private Map<String, AppliedRevision> readExisting(Connection connection) throws SQLException {
		try {
			return readState(connection);
		}
		catch (SQLException ex) {
			if (this.statements.stateInLog()) {
				try {
					refuseEarlierLayout(connection);
				}
				catch (MigrationStateException refusal) {
					refusal.addSuppressed(ex);
					throw refusal;
				}
			}
			throw ex;
		}
	}

	/**
	 * The applied revisions as {@link #readState} reads them, or {@code null} when the
	 * state table does not exist. Where the dialect prefers it (or {@link #readFirst()}
	 * asked for it) and no transaction is open, the state is read first and the catalog asked only when that fails. When the
	 * catalog then has the table, another instance may have created it in between: it is
	 * read again, and a second failure is the read's own.
	 */
	Map<String, AppliedRevision> readStateIfExists(Connection connection) throws SQLException {
		if (!(this.readFirst || this.dialect.readsStateBeforeCheckingTable()) || !connection.getAutoCommit()) {
			return stateExists(connection) ? readExisting(connection) : null;
		}
		try {
			return readState(connection);
		}
		catch (SQLException ex) {
			boolean exists;
			try {
				exists = stateExists(connection);
			}
			catch (MigrationStateException refusal) {
				refusal.addSuppressed(ex);
				throw refusal;
			}
			catch (SQLException catalogFailure) {
				ex.addSuppressed(catalogFailure);
				throw ex;
			}
			if (!exists) {
				this.readFirst = false;
				return null;
			}
			// Created since by another instance, or a failure of the read's own, met again.
			return readExisting(connection);
		}
	}

	/**
	 * Whether the state exists, for a read that may find none: where the state is a
	 * view of the log, the catalog query that also refuses an earlier layout, so that a
	 * log of an earlier layout without any state is refused rather than taken for no
	 * history at all. One catalog query either way.
	 */
	private boolean stateExists(Connection connection) throws SQLException {
		return this.statements.stateInLog() ? stateExistsInThisLayout(connection) : exists(connection);
	}

	/**
	 * The whole state rows, keyed by id in the order they were applied (the downgrade
	 * SQL aside): for revisions this build has no script for, and to verify.
	 */
	Map<String, StoredRevision> readStoredState(Connection connection) throws SQLException {
		Map<String, StoredRevision> stored = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.readStoredState())) {
			while (rows.next()) {
				StoredRevision revision = new StoredRevision(rows.getString(1), split(rows.getString(2)),
						split(rows.getString(3)), rows.getString(4), rows.getString(5), rows.getString(6),
						rows.getString(7), integer(rows.getObject(8)), rows.getBoolean(9), rows.getBoolean(10));
				stored.put(revision.revision(), revision);
			}
		}
		return stored;
	}

	/**
	 * The repeatable migrations that stand applied, by id, with the checksum they last
	 * ran with, from the log: one query, read only when the scripts have repeatables.
	 */
	Map<String, String> readRepeatables(Connection connection) throws SQLException {
		Map<String, String> applied = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.readRepeatables())) {
			while (rows.next()) {
				String id = rows.getString(1);
				if ("reapply".equals(rows.getString(2))) {
					applied.remove(id);
					applied.put(id, rows.getString(3));
				}
				else {
					applied.remove(id);
				}
			}
		}
		return applied;
	}

	/**
	 * Whether the log has any row: a schema with an empty state but a log has a history.
	 */
	boolean hasLog(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.hasLog())) {
			return rows.next();
		}
	}

	/**
	 * Non-transactional migrations that started and never finished: a {@code start}
	 * row that no later row of the same revision follows, for a revision that is not
	 * applied.
	 */
	List<Interrupted> interrupted(Connection connection) throws SQLException {
		List<Interrupted> interrupted = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.readInterrupted())) {
			while (rows.next()) {
				interrupted.add(new Interrupted(rows.getString(1), rows.getString(2),
						instant(rows.getObject(3, OffsetDateTime.class)), rows.getString(4), rows.getString(5)));
			}
		}
		return interrupted;
	}

	/**
	 * A non-transactional migration that started and never finished.
	 */
	record Interrupted(String revision, String message, Instant startedAt, String host, String user) {

		String describe() {
			return "Revision " + this.revision + " (" + this.message + ") is declared transactional: false and was "
					+ "interrupted: it started at " + this.startedAt + " on " + this.host + " as " + this.user
					+ " and never finished, so some of its statements may be committed. Inspect the schema, then "
					+ "either complete it by hand and record it as applied with a mark-applied repair (giving the "
					+ "reason), or undo what it did and migrate again";
		}

	}

	/**
	 * Failed {@code transactional: false} migrations that left statements committed and
	 * were neither run again nor repaired since. Reading writes nothing: a log of an
	 * earlier release, which cannot have such rows, reads as none.
	 */
	List<PartlyCommitted> partlyCommitted(Connection connection) throws SQLException {
		if (!this.current) {
			List<String> missing = missingLogColumns(connection);
			if (missing.contains(HistoryStatements.COMMITTED_STATEMENTS_COLUMN)) {
				return List.of();
			}
		}
		List<PartlyCommitted> found = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.readPartlyCommitted())) {
			while (rows.next()) {
				found.add(new PartlyCommitted(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4),
						instant(rows.getObject(5, OffsetDateTime.class))));
			}
		}
		return found;
	}

	/**
	 * A failed {@code transactional: false} migration whose first statements committed.
	 * @param revision the revision
	 * @param committedStatements how many of its statements committed
	 * @param committedChecksum the checksum of those statements when it failed
	 * @param scriptChecksum the checksum of the whole script when it failed
	 * @param failedAt when the failed run started
	 */
	record PartlyCommitted(String revision, int committedStatements, String committedChecksum,
			String scriptChecksum, Instant failedAt) {

	}

	/**
	 * The downgrade SQL stored when a revision was applied, or {@code null}.
	 */
	/**
	 * The text of an applied revision's script as it was when it was applied; {@code null}
	 * when it is not applied, is a Java migration or was applied by an earlier release.
	 */
	String storedScriptText(Connection connection, String revision) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.statements.readStoredScriptText())) {
			statement.setString(1, revision);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			if (!hasColumn(this.statements.stateColumns(), connection, HistoryStatements.SCRIPT_TEXT_COLUMN)) {
				// A table of an earlier release: reading writes nothing, so it has no text.
				return null;
			}
			throw ex;
		}
	}

	String storedDowngrade(Connection connection, String revision) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.statements.readStoredDowngrade())) {
			statement.setString(1, revision);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	/**
	 * The downgrade SQL stored for each of some revisions, by revision: one query per
	 * thousand revisions, not one each. A revision without one maps to nothing.
	 */
	Map<String, String> storedDowngrades(Connection connection, List<String> revisions) throws SQLException {
		Map<String, String> downgrades = new LinkedHashMap<>();
		for (int from = 0; from < revisions.size(); from += 1000) {
			List<String> chunk = revisions.subList(from, Math.min(revisions.size(), from + 1000));
			try (PreparedStatement statement = connection
				.prepareStatement(this.statements.readStoredDowngrades(chunk.size()))) {
				for (int i = 0; i < chunk.size(); i++) {
					statement.setString(i + 1, chunk.get(i));
				}
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						if (rows.getString(2) != null) {
							downgrades.put(rows.getString(1), rows.getString(2));
						}
					}
				}
			}
		}
		return downgrades;
	}

	/**
	 * Records a revision as applied without running it (stamp, mark-applied): its
	 * downgrade stored as split with the run's placeholders, as a migrate stores it.
	 */
	void insertState(Connection connection, MigrationScript script, Placeholders placeholders, Instant appliedAt,
			String user) throws SQLException {
		script.sql(placeholders);
		try (PreparedStatement statement = connection.prepareStatement(this.statements.insertState())) {
			this.statements.bindState(statement, script, appliedAt, user);
			statement.executeUpdate();
		}
	}

	void deleteState(Connection connection, String revision) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.statements.deleteState())) {
			this.statements.bindDeleteState(statement, revision);
			statement.executeUpdate();
		}
	}

	/**
	 * Appends a log row; the table must be {@link #upgrade upgraded}.
	 */
	void insertLog(Connection connection, LogRow row) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.statements.insertLog())) {
			this.statements.bindLog(statement, row);
			statement.executeUpdate();
		}
	}

	/**
	 * A recorder for one run on one connection: it prepares the state and log writes
	 * once and reuses them for every migration of the run. The table must be
	 * {@link #upgrade upgraded}.
	 */
	Recorder recorder(Connection connection) {
		return new HistoryRecorder(connection, this.statements);
	}

	/**
	 * Writes the state and log rows of each migration of a run, inside the migration's
	 * transaction: {@link HistoryRecorder}.
	 */
	sealed interface Recorder extends AutoCloseable permits HistoryRecorder {

		/**
		 * Records an applied revision: its state row and its log row.
		 */
		void upgraded(MigrationScript script, Instant appliedAt, String user, LogRow row) throws SQLException;

		/**
		 * Records a reverted revision: its state row goes, a log row comes.
		 */
		void downgraded(String revision, LogRow row) throws SQLException;

		/**
		 * Records a successful step in one statement with the {@code COMMIT} of its
		 * transaction: one round trip, where the driver sends several statements of one
		 * prepared statement together (PostgreSQL) and one statement writes both rows.
		 * When the record fails, the database skips the {@code COMMIT} and the
		 * transaction is left for the caller to roll back.
		 */
		void recordAndCommit(MigrationScript script, Direction direction, Instant appliedAt, String user, LogRow row)
				throws SQLException;

		/**
		 * Appends a log row alone (a start, a failure).
		 */
		void log(LogRow row) throws SQLException;

		/**
		 * Closes the prepared statements; a failure to close is not one.
		 */
		@Override
		void close();

	}

	/**
	 * The log, newest first; {@code limit} of 0 or less means all. A row has its
	 * duration to the microsecond, or in whole milliseconds when an earlier release
	 * wrote it. Reading writes nothing: a table of an earlier release reads as it is.
	 */
	List<HistoryEntry> readLog(Connection connection, int limit) throws SQLException {
		List<HistoryEntry> entries = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.statements.readLog(limit))) {
			int micros = durationMicrosColumn(rows.getMetaData());
			while (rows.next()) {
				entries.add(new HistoryEntry(rows.getLong("id"), rows.getString("revision"), rows.getString("message"),
						HistoryAction.valueOf(rows.getString("action").toUpperCase(java.util.Locale.ROOT)),
						rows.getString("checksum"), integer(rows.getObject("checksum_version")),
						rows.getString("db_user"), rows.getString("host"),
						instant(rows.getObject("started_at", OffsetDateTime.class)), duration(rows, micros),
						rows.getBoolean("success"), rows.getString("error")));
			}
		}
		return entries;
	}

	private static Duration duration(ResultSet rows, int microsColumn) throws SQLException {
		if (microsColumn > 0) {
			long micros = rows.getLong(microsColumn);
			if (!rows.wasNull()) {
				return Duration.of(micros, DurationFormat.PRECISION);
			}
		}
		return Duration.ofMillis(rows.getLong("duration_ms"));
	}

	/**
	 * A successful step's state and log rows as literal SQL, for dry runs and offline
	 * scripts: two statements, or one where the state is a view of the log.
	 */
	List<String> renderRecord(MigrationScript script, Direction direction, String host) {
		return this.statements.record(script, direction, host);
	}

	/**
	 * How many statements {@link #renderRecord} renders, at the end of a step's SQL.
	 */
	int recordStatements() {
		return this.statements.stateInLog() ? 1 : 2;
	}

	/**
	 * A successful log row's insert as literal SQL, for dry runs and offline scripts.
	 */
	String renderInsertLog(MigrationInfo info, HistoryAction action, String host) {
		return this.statements.insertLog(info, action, host);
	}

	/**
	 * Updates the checksum recorded for an applied revision (an audited repair).
	 */
	void updateChecksum(Connection connection, String revision, String checksum) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.statements.updateChecksum())) {
			statement.setString(1, checksum);
			HistoryStatements.setInteger(statement, 2, HistoryStatements.checksumVersion(checksum));
			statement.setString(3, revision);
			statement.executeUpdate();
		}
	}

	private static Integer integer(Object value) {
		return (value != null) ? ((Number) value).intValue() : null;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static List<String> split(String list) {
		if (list == null || list.isEmpty()) {
			return List.of();
		}
		// A loop, not a stream or a regex: it runs for every row of a whole-state read.
		List<String> ids = new ArrayList<>(2);
		int from = 0;
		while (from <= list.length()) {
			int comma = list.indexOf(',', from);
			int end = (comma >= 0) ? comma : list.length();
			String id = list.substring(from, end).strip();
			if (!id.isEmpty()) {
				ids.add(id);
			}
			from = end + 1;
		}
		return ids.isEmpty() ? List.of() : List.copyOf(ids);
	}

	/**
	 * One row to append to the log, its start and duration as the engine measured them.
	 */
	record LogRow(String revision, String message, HistoryAction action, String checksum, String user, String host,
			Instant startedAt, Duration duration, String error, Integer committedStatements,
			String committedChecksum) {

		/**
		 * A row of any action but a failed {@code transactional: false} migration's.
		 */
		LogRow(String revision, String message, HistoryAction action, String checksum, String user, String host,
				Instant startedAt, Duration duration, String error) {
			this(revision, message, action, checksum, user, host, startedAt, duration, error, null, null);
		}

	}

}
