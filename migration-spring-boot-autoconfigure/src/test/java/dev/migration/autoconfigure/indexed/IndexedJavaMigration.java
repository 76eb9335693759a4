package dev.migration.autoconfigure.indexed;

import java.util.List;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;

/**
 * A Java migration in a location of the {@code ScriptIndexAotProcessorTests}.
 */
public class IndexedJavaMigration implements JavaMigration {

	@Override
	public String revision() {
		return "c2";
	}

	@Override
	public List<String> downRevisions() {
		return List.of("c1");
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
