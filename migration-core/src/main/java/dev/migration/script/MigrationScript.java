package dev.migration.script;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.MigrationInfo;
import dev.migration.MigrationKind;
import dev.migration.ScriptException;
import dev.migration.revision.Direction;
import dev.migration.revision.Revision;
import org.jspecify.annotations.Nullable;

/**
 * A loaded revision: its place in the graph and what runs, either an SQL script or a
 * Java migration. An SQL script found in a location is outlined when loaded (header,
 * sections, checksum) and split into statements only when {@link #sql()} is first
 * asked for, before anything runs: a start with every script applied never pays for
 * splitting them, and a rollback, which asks for {@link #statements(Direction,
 * Placeholders)}, splits only the downgrade sections.
 */
public final class MigrationScript {

	private final Revision revision;

	private final MigrationInfo info;

	private final JavaMigration java;

	private final String content;

	// For error messages, 0 when unknown: the line of the branch_labels header entry of
	// a revision, or of the depends_on entry of a repeatable migration.
	private final int headerLine;

	// The statements as last split, and the placeholders they were split with.
	private volatile Split sql;

	// One section's statements as last split alone, for a run that needs one direction.
	private volatile Section upgrade;

	private volatile Section downgrade;

	private MigrationScript(Revision revision, MigrationInfo info, SqlScript sql, String content, JavaMigration java,
			int headerLine) {
		this.revision = revision;
		this.info = info;
		this.sql = (sql != null) ? new Split(sql, null) : null;
		this.content = content;
		this.java = java;
		this.headerLine = headerLine;
	}

	/**
	 * Wraps a parsed SQL script.
	 * @param script the script
	 * @return the migration
	 */
	public static MigrationScript of(SqlScript script) {
		return of(script.revision(), script.path(), script.transactional(), script.reversible(), script.checksum(),
				script);
	}

	/**
	 * Wraps an SQL script rebuilt from elsewhere (the database's record of it), with its
	 * own description.
	 * @param script the script
	 * @param info the description
	 * @return the migration
	 */
	public static MigrationScript of(SqlScript script, MigrationInfo info) {
		return new MigrationScript(script.revision(), info, script, null, null, 0);
	}

	/**
	 * Outlines an SQL script now and splits its statements when first needed.
	 * @param path where it was read from
	 * @param content its text
	 * @return the migration
	 * @throws ScriptException for a malformed header, naming file and line
	 */
	public static MigrationScript load(String path, String content) {
		SqlScriptOutline outline = SqlScriptParser.outline(path, content);
		Revision revision = outline.revision();
		MigrationInfo info = new MigrationInfo(revision.id(), revision.message(), revision.downRevisions(),
				revision.dependsOn(), path, outline.checksum(), MigrationKind.SQL, outline.transactional(),
				outline.reversible(), revision.branchLabels(), outline.repeatable());
		return new MigrationScript(revision, info, null, content, null,
				outline.repeatable() ? outline.dependsOnLine() : outline.branchLabelsLine());
	}

	private static MigrationScript of(Revision revision, String path, boolean transactional, boolean reversible,
			String checksum, SqlScript sql) {
		return new MigrationScript(revision, info(revision, path, transactional, reversible, checksum), sql, null,
				null, 0);
	}

	private static MigrationInfo info(Revision revision, String path, boolean transactional, boolean reversible,
			String checksum) {
		return new MigrationInfo(revision.id(), revision.message(), revision.downRevisions(), revision.dependsOn(),
				path, checksum, MigrationKind.SQL, transactional, reversible, revision.branchLabels());
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
			throw new ScriptException(source, 0, "invalid revision id '" + id + "': use letters, digits and _");
		}
		List<String> parents = (migration.downRevisions() != null) ? migration.downRevisions() : List.of();
		List<String> dependsOn = (migration.dependsOn() != null) ? migration.dependsOn() : List.of();
		List<String> labels = (migration.branchLabels() != null) ? migration.branchLabels() : List.of();
		BranchLabelCheck.check(source, 0, labels, id);
		Revision revision = new Revision(id, migration.message(), parents, dependsOn, source, labels);
		MigrationInfo info = new MigrationInfo(id, revision.message(), parents, dependsOn, source,
				migration.checksum(), MigrationKind.JAVA, migration.transactional(), overridesDowngrade(migration),
				labels);
		return new MigrationScript(revision, info, null, null, migration, 0);
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
	 * The graph node.
	 * @return the revision
	 */
	public Revision revision() {
		return this.revision;
	}

	/**
	 * The line of the {@code branch_labels} header entry, for error messages.
	 * @return the line, or 0 when there is none or it is unknown
	 */
	int branchLabelsLine() {
		return this.info.repeatable() ? 0 : this.headerLine;
	}

	/**
	 * The line of the {@code depends_on} header entry of a repeatable migration, for
	 * error messages.
	 * @return the line, or 0 when there is none, it is unknown or this is a revision
	 */
	public int dependsOnLine() {
		return this.info.repeatable() ? this.headerLine : 0;
	}

	/**
	 * Whether this is a repeatable migration ({@code repeatable: true}), outside the
	 * revision graph.
	 * @return whether it is repeatable
	 */
	public boolean repeatable() {
		return this.info.repeatable();
	}

	/**
	 * The script's text as written, before any placeholder is replaced.
	 * @return the text, or {@code null} for a Java migration or a script rebuilt from
	 * elsewhere
	 */
	public @Nullable String text() {
		return this.content;
	}

	/**
	 * The public description.
	 * @return the description
	 */
	public MigrationInfo info() {
		return this.info;
	}

	/**
	 * The revision id.
	 * @return the id
	 */
	public String id() {
		return this.revision.id();
	}

	/**
	 * The Java migration, or {@code null} for an SQL script.
	 * @return the instance
	 */
	public JavaMigration java() {
		return this.java;
	}

	/**
	 * The SQL script with its statements as last split: with the placeholders of the
	 * run at hand once {@link #sql(Placeholders)} was called, as written otherwise;
	 * {@code null} for a Java migration.
	 * @return the parsed script
	 * @throws ScriptException when a statement is malformed or cannot run where it
	 * stands, naming file and line
	 */
	public SqlScript sql() {
		Split split = this.sql;
		return (split != null) ? split.script() : sql(Placeholders.NONE);
	}

	/**
	 * The SQL script with its statements, its placeholders replaced with the given
	 * values; split once for the same values, and once for all values when its text
	 * names no placeholder. A script given parsed (not read from a file) is returned as
	 * it was given.
	 * @param placeholders the values
	 * @return the parsed script, {@code null} for a Java migration
	 * @throws ScriptException when a statement is malformed, cannot run where it stands
	 * or names an unknown placeholder, naming file and line
	 */
	public SqlScript sql(Placeholders placeholders) {
		Split split = this.sql;
		if (this.content == null) {
			return (split != null) ? split.script() : null;
		}
		if (split == null || (namesPlaceholders() && !placeholders.equals(split.placeholders()))) {
			// The checksum was taken when the script was outlined, from the same text.
			split = new Split(SqlScriptParser.parse(this.info.path(), this.content, this.info.checksum(), placeholders),
					placeholders);
			this.sql = split;
		}
		return split.script();
	}

	/**
	 * The statements of one direction, their placeholders replaced with the given
	 * values: for a run that needs that direction alone, as a rollback needs only
	 * downgrades, so that the other section is neither split nor checked. The section
	 * is split as {@link #sql(Placeholders)} splits it, with the same line numbers and
	 * errors, and as often: once for the same values, once for all values when the text
	 * names no placeholder. When the whole script was split already for these values,
	 * its statements are returned; a script given parsed returns its own.
	 * @param direction {@link Direction#UPGRADE} for the {@code -- upgrade} section,
	 * {@link Direction#DOWNGRADE} for the {@code -- downgrade} one
	 * @param placeholders the values
	 * @return the statements, {@code null} for a Java migration or a downgrade the
	 * script does not have
	 * @throws ScriptException when the header or a statement of that section is
	 * malformed, cannot run where it stands or names an unknown placeholder, naming file
	 * and line
	 */
	public @Nullable List<SqlStatement> statements(Direction direction, Placeholders placeholders) {
		Objects.requireNonNull(direction, "direction");
		Objects.requireNonNull(placeholders, "placeholders");
		Split split = this.sql;
		if (this.content == null || (split != null && splitWith(split.placeholders(), placeholders))) {
			return (split != null) ? split.statements(direction) : null;
		}
		boolean up = direction == Direction.UPGRADE;
		Section section = up ? this.upgrade : this.downgrade;
		if (section == null || !splitWith(section.placeholders(), placeholders)) {
			section = new Section(SqlScriptParser.section(this.info.path(), this.content, direction, placeholders),
					placeholders);
			if (up) {
				this.upgrade = section;
			}
			else {
				this.downgrade = section;
			}
		}
		return section.statements();
	}

	/**
	 * Whether statements split with some values serve a run with others.
	 */
	private boolean splitWith(Placeholders used, Placeholders wanted) {
		return !namesPlaceholders() || wanted.equals(used);
	}

	/**
	 * Whether the script's text may name a placeholder: when it does not, its
	 * statements are the same whatever the values, so one split serves every run, every
	 * tenant of a fleet alike.
	 * @return {@code false} for a text without {@code ${} and for a Java migration
	 */
	public boolean namesPlaceholders() {
		return this.content != null && this.content.contains("${");
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MigrationScript script && this.info.equals(script.info)
				&& Objects.equals(this.java, script.java);
	}

	@Override
	public int hashCode() {
		return this.info.hashCode();
	}

	@Override
	public String toString() {
		return "MigrationScript[" + this.info + "]";
	}

	private record Split(SqlScript script, Placeholders placeholders) {

		List<SqlStatement> statements(Direction direction) {
			return (direction == Direction.UPGRADE) ? this.script.upgrade() : this.script.downgrade();
		}

	}

	private record Section(List<SqlStatement> statements, Placeholders placeholders) {

	}

}
