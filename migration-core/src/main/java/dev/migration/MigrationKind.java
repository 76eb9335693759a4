package dev.migration;

/**
 * How a revision is written.
 */
public enum MigrationKind {

	/**
	 * A {@code .sql} file with upgrade and downgrade sections.
	 */
	SQL,

	/**
	 * A {@link JavaMigration} class.
	 */
	JAVA

}
