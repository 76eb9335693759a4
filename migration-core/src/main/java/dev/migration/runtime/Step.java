package dev.migration.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.migration.MigrationInfo;
import dev.migration.PlannedMigration;
import dev.migration.revision.Direction;
import dev.migration.script.MigrationScript;
import dev.migration.script.SqlStatement;

/**
 * One migration of a plan, with the statements it runs ({@code null} for Java), and how
 * many of them to skip when it resumes a failed {@code transactional: false} run.
 */
record Step(MigrationScript script, Direction direction, List<SqlStatement> statements, int resumeAfter) {

	/**
	 * A step that runs every statement.
	 */
	Step(MigrationScript script, Direction direction, List<SqlStatement> statements) {
		this(script, direction, statements, 0);
	}

	/**
	 * The exact SQL this step sends, state and log rows included, for dry runs and
	 * offline scripts.
	 */
	PlannedMigration planned(HistoryTable history, String host) {
		MigrationInfo info = this.script.info();
		List<String> sql = new ArrayList<>();
		if (this.statements != null) {
			this.statements.forEach((statement) -> sql.add(statement.sql()));
		}
		else {
			sql.add("-- Java migration " + info.path() + "."
					+ ((this.direction == Direction.UPGRADE) ? "upgrade" : "downgrade") + "(context)");
		}
		sql.addAll(history.renderRecord(this.script, this.direction, host));
		return new PlannedMigration(info.revision(), info.message(), this.direction, sql);
	}

}
