package dev.migration.script;

import java.lang.reflect.Method;
import java.util.List;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.MigrationInfo;
import dev.migration.MigrationKind;
import dev.migration.revision.Revision;

/**
 * A loaded revision: its place in the graph and what runs, either an SQL script or a
 * Java migration (exactly one of {@code sql} and {@code java} is set).
 *
 * @param revision the graph node
 * @param info the public description
 * @param sql the parsed SQL script, for an SQL migration
 * @param java the instance, for a Java migration
 */
public record MigrationScript(Revision revision, MigrationInfo info, SqlScript sql, JavaMigration java) {

	/**
	 * Wraps a parsed SQL script.
	 * @param script the script
	 * @return the migration
	 */
	public static MigrationScript of(SqlScript script) {
		Revision revision = script.revision();
		MigrationInfo info = new MigrationInfo(revision.id(), revision.message(), revision.downRevisions(),
				revision.dependsOn(), script.path(), script.checksum(), MigrationKind.SQL, script.transactional(),
				script.reversible());
		return new MigrationScript(revision, info, script, null);
	}

	/**
	 * Wraps a Java migration.
	 * @param migration the migration
	 * @return the migration
	 */
	public static MigrationScript of(JavaMigration migration) {
		String source = migration.getClass().getName();
		String id = migration.revision();
		if (!Revision.isValidId(id)) {
			throw new dev.migration.ScriptException(source, 0,
					"invalid revision id '" + id + "': use letters, digits and _");
		}
		List<String> parents = (migration.downRevisions() != null) ? migration.downRevisions() : List.of();
		List<String> dependsOn = (migration.dependsOn() != null) ? migration.dependsOn() : List.of();
		Revision revision = new Revision(id, migration.message(), parents, dependsOn, source);
		MigrationInfo info = new MigrationInfo(id, revision.message(), parents, dependsOn, source,
				migration.checksum(), MigrationKind.JAVA, migration.transactional(), overridesDowngrade(migration));
		return new MigrationScript(revision, info, null, migration);
	}

	private static boolean overridesDowngrade(JavaMigration migration) {
		try {
			Method downgrade = migration.getClass().getMethod("downgrade", MigrationContext.class);
			return downgrade.getDeclaringClass() != JavaMigration.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/**
	 * The revision id.
	 * @return the id
	 */
	public String id() {
		return this.revision.id();
	}

}
