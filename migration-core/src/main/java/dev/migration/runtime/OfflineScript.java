package dev.migration.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
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
			int bookkeeping = sql.size() - 2;
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
		return script.toString();
	}

	private static MigrationException irreversible(MigrationScript script) {
		return new MigrationException("Cannot roll back revision " + script.id() + " (" + script.info().path()
				+ "): it has no downgrade section, so it is irreversible");
	}

}
