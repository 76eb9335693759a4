package dev.migration.runtime;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.migration.AheadPolicy;
import dev.migration.EditedScript;
import dev.migration.EditedScriptsException;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStatus;
import dev.migration.MigrationStateException.Reason;
import dev.migration.RevisionGraphException;
import dev.migration.ScriptException;
import dev.migration.VerifyReport;
import dev.migration.VerifyReport.Kind;
import dev.migration.VerifyReport.Problem;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptChecksum;
import dev.migration.script.ScriptLoader;
import dev.migration.script.ScriptSet;

/**
 * Checks the scripts against what the database recorded: {@code verify} reports every
 * problem (graph, unsplittable script, interrupted migration, missing script, edited
 * script, irreversible revision), and the check before a migrate refuses a database
 * ahead of the build or applied scripts edited since.
 */
final class ScriptVerification {

	private static final LazyLogger logger = new LazyLogger("dev.migration");

	private final DataSource dataSource;

	private final MigrationConfiguration configuration;

	ScriptVerification(DataSource dataSource, MigrationConfiguration configuration) {
		this.dataSource = dataSource;
		this.configuration = configuration;
	}

	/**
	 * Every problem of the scripts as they are now and of the database against them.
	 */
	VerifyReport verify() {
		List<Problem> problems = new ArrayList<>();
		List<Problem> notes = new ArrayList<>();
		List<MigrationScript> loaded;
		ScriptSet scripts;
		try {
			// The files as they are now, not as this engine loaded them: verify is how an
			// edit made since is found.
			scripts = new ScriptLoader(this.configuration).loadAll();
			loaded = scripts.revisions();
		}
		catch (ScriptException ex) {
			problems.add(new Problem(Kind.GRAPH_PROBLEM, null, ex.getMessage()));
			return new VerifyReport(problems);
		}
		RevisionGraphException graphProblem = null;
		try {
			RevisionGraph.of(loaded.stream().map(MigrationScript::revision).toList());
		}
		catch (RevisionGraphException ex) {
			graphProblem = ex;
		}
		Map<String, MigrationScript> byId = new LinkedHashMap<>();
		loaded.forEach((script) -> byId.putIfAbsent(script.id(), script));
		List<MigrationScript> repeatables = List.of();
		if (graphProblem == null) {
			try {
				repeatables = RepeatableOrder.order(scripts.repeatables(),
						RevisionGraph.of(loaded.stream().map(MigrationScript::revision).toList()));
			}
			catch (ScriptException ex) {
				problems.add(new Problem(Kind.GRAPH_PROBLEM, null, ex.getMessage()));
			}
		}
		try (Session session = Session.open(this.dataSource, this.configuration)) {
			for (MigrationScript script : loaded) {
				try {
					// Split every script (once), with the placeholders a run would replace: a
					// start splits only those about to run.
					script.sql(session.placeholders());
				}
				catch (ScriptException ex) {
					problems.add(new Problem(Kind.GRAPH_PROBLEM, script.id(), ex.getMessage()));
				}
			}
			for (MigrationScript repeatable : repeatables) {
				try {
					repeatable.sql(session.placeholders());
				}
				catch (ScriptException ex) {
					problems.add(new Problem(Kind.GRAPH_PROBLEM, repeatable.id(), ex.getMessage()));
				}
			}
			if (graphProblem != null) {
				graphProblem.getProblems()
					.forEach((problem) -> problems.add(new Problem(Kind.GRAPH_PROBLEM, null, problem)));
			}
			boolean hasHistory = session.history().exists(session.connection());
			if (!repeatables.isEmpty()) {
				Map<String, String> standing = hasHistory ? session.history().readRepeatables(session.connection())
						: Map.of();
				Set<String> revisions = hasHistory ? session.history().readState(session.connection()).keySet()
						: Set.of();
				notes.addAll(pendingRepeatables(RepeatablePlan.of(repeatables, standing, revisions)));
			}
			if (hasHistory) {
				for (HistoryTable.Interrupted interrupted : session.history().interrupted(session.connection())) {
					problems.add(new Problem(Kind.INTERRUPTED, interrupted.revision(), interrupted.describe()));
				}
				for (InvalidIndexes.InvalidIndex index : InvalidIndexes.find(session)) {
					problems.add(new Problem(Kind.INVALID_INDEX, null, "Index " + index.index() + " on table "
							+ index.table() + " is invalid, as a failed CREATE INDEX CONCURRENTLY leaves it: the "
							+ "database keeps it up to date but never uses it. Drop it with "
							+ InvalidIndexes.fix(List.of(index), session) + " then run the migration again"));
				}
				for (StoredRevision stored : session.history().readStoredState(session.connection()).values()) {
					MigrationScript script = byId.get(stored.revision());
					if (script == null) {
						problems.add(missing(stored, this.configuration));
					}
					else if (checksumDiffers(stored.applied(), script)) {
						problems.add(new Problem(Kind.CHECKSUM_MISMATCH, stored.revision(),
								checksumMessage(stored.applied(), script)));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the migration state: " + ex.getMessage(), ex);
		}
		for (MigrationScript script : byId.values()) {
			if (!script.info().reversible()) {
				problems.add(new Problem(Kind.IRREVERSIBLE, script.id(), "Revision " + script.id() + " ("
						+ script.info().path() + ") has no downgrade: it cannot be rolled back"));
			}
		}
		for (MigrationScript repeatable : repeatables) {
			if (!repeatable.info().reversible() && !repeatable.info().dependsOn().isEmpty()) {
				problems.add(new Problem(Kind.IRREVERSIBLE, repeatable.id(), "Repeatable migration "
						+ repeatable.id() + " (" + repeatable.info().path() + ") depends on "
						+ String.join(", ", repeatable.info().dependsOn()) + " but has no downgrade: a rollback "
						+ "that removes what it depends on cannot take it down first, so it is refused"));
			}
		}
		return new VerifyReport(problems, notes);
	}

	/**
	 * The {@link Kind#REPEATABLE_PENDING} notes of the repeatables a migrate would run.
	 */
	static List<Problem> pendingRepeatables(RepeatablePlan plan) {
		List<Problem> notes = new ArrayList<>();
		for (MigrationStatus.Repeatable repeatable : plan.describe()) {
			if (repeatable.pending()) {
				notes.add(new Problem(Kind.REPEATABLE_PENDING, repeatable.id(), "Repeatable migration "
						+ repeatable.id() + " (" + repeatable.path() + ") is "
						+ ((repeatable.state() == MigrationStatus.RepeatableState.NEW) ? "new" : "changed since it last ran")
						+ ": a migrate applies it"));
			}
		}
		return notes;
	}

	/**
	 * Before a migrate: refuses (or, as the ahead policy says, warns about) a database
	 * ahead of this build, and refuses applied scripts edited since unless
	 * validate-on-migrate is off.
	 */
	void checkBeforeMigrate(DatabaseState state) {
		if (!state.unknown().isEmpty()) {
			List<String> unknown = List.copyOf(state.unknown().keySet());
			String problem = "The database is ahead of the scripts: applied revision(s) " + String.join(", ", unknown)
					+ " are unknown to this build";
			if (this.configuration.aheadPolicy() == AheadPolicy.FAIL) {
				throw new MigrationStateException(Reason.AHEAD, unknown, problem,
						problem + ". Deploy the build that has them, roll them back, or set the ahead policy to WARN",
						null);
			}
			logger.log(Level.WARNING, problem + "; carrying on as the ahead policy is WARN");
		}
		if (this.configuration.validateOnMigrate()) {
			List<EditedScript> edited = edited(state);
			if (!edited.isEmpty()) {
				throw new EditedScriptsException(edited);
			}
		}
	}

	/**
	 * The applied revisions whose script changed since, from the checksums the state
	 * table recorded and those computed when the scripts were loaded: no file is read.
	 */
	static List<EditedScript> edited(DatabaseState state) {
		List<EditedScript> edited = new ArrayList<>();
		for (AppliedRevision applied : state.applied().values()) {
			MigrationScript script = state.scripts().byId().get(applied.revision());
			if (script != null && checksumDiffers(applied, script)) {
				edited.add(new EditedScript(applied.revision(), script.info().path(), applied.checksum(),
						script.info().checksum()));
			}
		}
		return edited;
	}

	/**
	 * What {@code verify} and {@code status} say of an applied revision with no script.
	 */
	static Problem missing(StoredRevision stored, MigrationConfiguration configuration) {
		return new Problem(Kind.MISSING_SCRIPT, stored.revision(), "Applied revision " + stored.revision() + " ("
				+ stored.script() + ") has no script in " + configuration.locations());
	}

	/**
	 * What {@code verify} and {@code status} say of an edited applied script.
	 */
	static Problem edited(EditedScript script) {
		return new Problem(Kind.CHECKSUM_MISMATCH, script.revision(), script.describe());
	}

	private static boolean checksumDiffers(AppliedRevision applied, MigrationScript script) {
		return applied.checksum() != null && script.info().checksum() != null
				&& applied.checksumVersion() != null && applied.checksumVersion() == ScriptChecksum.VERSION
				&& !applied.checksum().equals(script.info().checksum());
	}

	private static String checksumMessage(AppliedRevision applied, MigrationScript script) {
		return new EditedScript(applied.revision(), script.info().path(), applied.checksum(),
				script.info().checksum())
			.describe();
	}

}
