package dev.migration.runtime;

import java.util.List;
import java.util.stream.Collectors;

import dev.migration.script.ScriptChecksum;
import dev.migration.script.SqlStatement;

/**
 * The first statements of a {@code transactional: false} migration, those that
 * committed before it failed: their checksum tells whether that part of the script was
 * edited since, which decides whether running the rest of it is safe.
 */
final class CommittedStatements {

	private CommittedStatements() {
	}

	/**
	 * The checksum of the first {@code count} statements, as sent (placeholders
	 * replaced); not comparable with a script's checksum.
	 * @param statements every statement of the script
	 * @param count how many committed
	 * @return the checksum
	 */
	static String checksum(List<SqlStatement> statements, int count) {
		return ScriptChecksum.of(statements.subList(0, Math.min(count, statements.size()))
			.stream()
			.map(SqlStatement::sql)
			.collect(Collectors.joining("\n;\n")));
	}

}
