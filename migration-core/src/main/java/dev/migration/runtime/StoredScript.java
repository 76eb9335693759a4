package dev.migration.runtime;

import java.util.List;

import dev.migration.MigrationInfo;
import dev.migration.MigrationKind;
import dev.migration.script.MigrationScript;
import dev.migration.script.SqlScript;
import dev.migration.script.SqlScriptParser;
import dev.migration.script.SqlStatement;

/**
 * Rebuilds a revision that this build has no file for from its state row, so that an
 * older build can still roll back what a newer one applied.
 */
final class StoredScript {

	private StoredScript() {
	}

	static MigrationScript of(StoredRevision applied, String source, String downgradeSql) {
		boolean reversible = applied.reversible() && downgradeSql != null;
		List<SqlStatement> downgrade = reversible ? SqlScriptParser.statements(source, downgradeSql) : null;
		SqlScript sql = new SqlScript(source, applied.toRevision(), applied.transactional(), List.of(), downgrade,
				reversible ? downgradeSql : null, applied.checksum());
		MigrationInfo info = new MigrationInfo(applied.revision(), applied.message(), applied.downRevisions(),
				applied.dependsOn(), source, applied.checksum(), MigrationKind.SQL, applied.transactional(),
				reversible);
		return MigrationScript.of(sql, info);
	}

}
