package dev.migration.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.migration.HistoryEntry;
import dev.migration.HistoryQuery;
import dev.migration.HistoryRecord;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.script.MigrationScript;

/**
 * Answers a {@link HistoryQuery}: the log entries of a range of revisions, each with its
 * revision's SQL when asked. The range is resolved against the state (for
 * {@code current} and {@code -1}) before the log is read.
 */
final class HistorySearch {

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final StateReader reader;

	HistorySearch(DataSource dataSource, MigrationConfiguration configuration, StateReader reader) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.reader = reader;
	}

	List<HistoryRecord> history(HistoryQuery query) {
		Set<String> inRange = (query.range() != null)
				? this.reader.read((session, state) -> query.range().revisions(state.graph(), state.current()))
				: null;
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			Connection connection = session.connection();
			if (!session.history().exists(connection)) {
				return List.of();
			}
			Stream<HistoryEntry> entries = session.history().readLog(connection, 0).stream();
			if (inRange != null) {
				entries = entries.filter((entry) -> inRange.contains(entry.revision()));
			}
			if (query.limit() > 0) {
				entries = entries.limit(query.limit());
			}
			List<HistoryEntry> found = entries.toList();
			if (!query.sql()) {
				return found.stream().map(HistoryRecord::new).toList();
			}
			Map<String, String> storedDowngrades = new HashMap<>();
			Map<String, String> storedTexts = new HashMap<>();
			LoadedScripts scripts = this.reader.scripts();
			return found.stream().map((entry) -> withSql(entry, scripts, session, storedDowngrades, storedTexts)).toList();
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration history: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The entry with its script's text (a revision's or a repeatable migration's), or, for
	 * a revision this build has no script for, the downgrade the state table stored when
	 * it was applied.
	 */
	/**
	 * The text an applied revision's script had when it was applied, or empty.
	 */
	private static String storedText(String revision, Session session) {
		try {
			String text = session.history().storedScriptText(session.connection(), revision);
			return (text != null) ? text : "";
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the stored script of revision '" + revision + "': "
					+ ex.getMessage(), ex);
		}
	}

	private static HistoryRecord withSql(HistoryEntry entry, LoadedScripts scripts, Session session,
			Map<String, String> storedDowngrades, Map<String, String> storedTexts) {
		MigrationScript script = scripts.byId().get(entry.revision());
		if (script == null) {
			// A repeatable migration is logged under its own id, outside the graph.
			script = scripts.repeatables()
				.stream()
				.filter((repeatable) -> repeatable.id().equals(entry.revision()))
				.findFirst()
				.orElse(null);
		}
		String applied = storedTexts.computeIfAbsent(entry.revision(), (revision) -> storedText(revision, session));
		if (!applied.isEmpty()) {
			String checksum = (script != null) ? script.info().checksum() : null;
			boolean edited = checksum != null && entry.checksum() != null && !entry.checksum().equals(checksum);
			String stored = "as stored in the database when it was applied";
			return new HistoryRecord(entry, applied, ((script != null) ? script.info().path() + ", " + stored : stored)
					+ (edited ? " (the file's checksum differs from the one logged: edited since)" : ""));
		}
		if (script != null) {
			if (script.text() == null) {
				return new HistoryRecord(entry);
			}
			String checksum = script.info().checksum();
			boolean edited = entry.checksum() != null && checksum != null && !entry.checksum().equals(checksum);
			return new HistoryRecord(entry, script.text(), script.info().path()
					+ (edited ? " (its checksum differs from the one logged: edited since)" : ""));
		}
		String downgrade = storedDowngrades.computeIfAbsent(entry.revision(), (revision) -> {
			try {
				String stored = session.history().storedDowngrade(session.connection(), revision);
				return (stored != null) ? stored : "";
			}
			catch (SQLException ex) {
				throw new MigrationException("Cannot read the stored SQL of revision '" + revision + "': "
						+ ex.getMessage(), ex);
			}
		});
		return downgrade.isEmpty() ? new HistoryRecord(entry)
				: new HistoryRecord(entry, "-- downgrade\n" + downgrade, "the downgrade stored in the database");
	}

}
