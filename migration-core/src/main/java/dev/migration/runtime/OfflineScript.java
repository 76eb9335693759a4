package dev.migration.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.migration.HistoryAction;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationInfo;
import dev.migration.PlannedMigration;
import dev.migration.TargetException;
import dev.migration.dialect.Dialect;
import dev.migration.revision.Direction;
import dev.migration.revision.MigrationPlan;
import dev.migration.script.MigrationScript;
import dev.migration.script.Placeholders;
import dev.migration.script.SqlStatement;

/**
 * Renders the SQL script of a range of revisions without any connection (Alembic's
 * {@code --sql}): the history tables' DDL, each migration in its transaction, and the
 * state and log rows, so the engine can take over from what a DBA ran.
 */
final class OfflineScript {

	private final MigrationConfiguration configuration;

	private final LoadedScripts scripts;

	OfflineScript(MigrationConfiguration configuration, LoadedScripts scripts) {
		this.configuration = configuration;
		this.scripts = scripts;
	}

	/**
	 * The script of {@code from:to} ({@code to} alone means from base); a target below
	 * {@code from} renders downgrades.
	 */
	String render(String range, Dialect dialect) {
		LoadedScripts scripts = this.scripts;
		String text = (range != null) ? range.strip() : "";
		int colon = text.indexOf(':');
		String from = (colon >= 0) ? text.substring(0, colon).strip() : "base";
		String to = (colon >= 0) ? text.substring(colon + 1).strip() : text;
		Set<String> applied = "base".equals(from) ? Set.of()
				: new LinkedHashSet<>(scripts.planner().upgrade(from, Set.of()).steps());
		// base and a branch's base (billing@base) are below everything they name.
		boolean toBase = "base".equals(to) || to.endsWith("@base");
		MigrationPlan plan = toBase ? scripts.planner().downgrade(to, applied) : scripts.planner().upgrade(to, applied);
		if (plan.isEmpty() && !toBase) {
			try {
				plan = scripts.planner().downgrade(to, applied);
			}
			catch (TargetException ex) {
				// Not a downgrade target either: the range is simply empty.
			}
		}
		String schema = (this.configuration.schema() != null) ? this.configuration.schema() : dialect.defaultSchema();
		HistoryTable history = new HistoryTable(dialect, schema, this.configuration.stateTable(),
				this.configuration.table());
		StringBuilder script = new StringBuilder();
		script.append("-- Migration script for ").append(text).append(" on ").append(dialect.name())
			.append(", rendered offline: review it, then run it\n")
			.append("-- (psql -v ON_ERROR_STOP=1 -f this.sql, or duckdb app.db < this.sql).\n\n");
		for (String ddl : history.createStatements()) {
			script.append(ddl).append(";\n");
		}
		script.append(dialect.useSchema(schema)).append(";\n");
		// Offline, the database user is not known: a script naming it cannot be rendered.
		Placeholders placeholders = new Placeholders(this.configuration.placeholders(), schema, null,
				this.configuration.table());
		boolean upgrade = plan.direction() == Direction.UPGRADE;
		if (!upgrade) {
			// Repeatables that depend on a revision going are taken down first. Offline, the
			// database is assumed to have every repeatable the range's start allows.
			Map<String, String> standing = new HashMap<>();
			RepeatablePlan.of(scripts.repeatables(), Map.of(), applied)
				.toRun()
				.forEach((repeatable) -> standing.put(repeatable.id(), repeatable.info().checksum()));
			for (MigrationScript repeatable : RepeatablePlan.takenDown(scripts.repeatables(), standing, plan.steps())) {
				appendRepeatable(script, repeatable, Direction.DOWNGRADE, placeholders, history);
			}
		}
		for (String id : plan.steps()) {
			MigrationScript migration = scripts.require(id);
			if (migration.sql(placeholders) == null) {
				throw new MigrationException("Cannot render revision " + id + " offline: it is a Java migration ("
						+ migration.info().path() + "); run it with migrate");
			}
			List<SqlStatement> statements = (plan.direction() == Direction.UPGRADE) ? migration.sql().upgrade()
					: migration.sql().downgrade();
			if (statements == null) {
				throw irreversible(migration);
			}
			PlannedMigration planned = new Step(migration, plan.direction(), statements).planned(history, "offline");
			script.append("\n-- ").append((plan.direction() == Direction.UPGRADE) ? "Upgrade " : "Downgrade ")
				.append(id).append(": ").append(migration.info().message().replace('\n', ' '))
				.append(" (").append(migration.info().path()).append(")\n");
			List<String> sql = planned.statements();
			int bookkeeping = sql.size() - history.recordStatements();
			boolean transactional = migration.info().transactional();
			if (transactional) {
				script.append("BEGIN;\n");
			}
			for (int i = 0; i < sql.size(); i++) {
				if (!transactional && i == bookkeeping) {
					script.append("BEGIN;\n");
				}
				script.append(sql.get(i)).append(";\n");
			}
			script.append("COMMIT;\n");
		}
		if (upgrade) {
			// Written to run again, repeatables are rendered whether or not the database has
			// them: every one whose dependencies the range's end has.
			Set<String> after = new HashSet<>(applied);
			after.addAll(plan.steps());
			for (MigrationScript repeatable : RepeatablePlan.of(scripts.repeatables(), Map.of(), after).toRun()) {
				appendRepeatable(script, repeatable, Direction.UPGRADE, placeholders, history);
			}
		}
		return script.toString();
	}

	private static void appendRepeatable(StringBuilder script, MigrationScript repeatable, Direction direction,
			Placeholders placeholders, HistoryTable history) {
		MigrationInfo info = repeatable.info();
		List<SqlStatement> statements = (direction == Direction.UPGRADE) ? repeatable.sql(placeholders).upgrade()
				: repeatable.sql(placeholders).downgrade();
		if (statements == null) {
			throw new MigrationException("Cannot take down repeatable migration " + info.revision() + " ("
					+ info.path() + ") before the revisions it depends on: it has no downgrade section");
		}
		script.append("\n-- ").append((direction == Direction.UPGRADE) ? "Repeatable " : "Take down repeatable ")
			.append(info.revision()).append(": ").append(info.message().replace('\n', ' '))
			.append(" (").append(info.path()).append(")\nBEGIN;\n");
		for (SqlStatement statement : statements) {
			script.append(statement.sql()).append(";\n");
		}
		script.append(history.renderInsertLog(info,
				(direction == Direction.UPGRADE) ? HistoryAction.REAPPLY : HistoryAction.UNAPPLY, "offline"))
			.append(";\nCOMMIT;\n");
	}

	private static MigrationException irreversible(MigrationScript script) {
		return new MigrationException("Cannot roll back revision " + script.id() + " (" + script.info().path()
				+ "): it has no downgrade section, so it is irreversible");
	}

}
