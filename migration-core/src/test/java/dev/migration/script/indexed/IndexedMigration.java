package dev.migration.script.indexed;

import java.util.List;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;

/**
 * A Java migration in a location of the {@code ScriptIndexTests}, after their SQL script
 * {@code b1}.
 */
public class IndexedMigration implements JavaMigration {

	@Override
	public String revision() {
		return "b2";
	}

	@Override
	public List<String> downRevisions() {
		return List.of("b1");
	}

	@Override
	public String message() {
		return "Indexed Java migration";
	}

	@Override
	public void upgrade(MigrationContext context) throws Exception {
		context.execute("SELECT 1");
	}

}
