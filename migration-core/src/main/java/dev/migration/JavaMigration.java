package dev.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A revision written in Java, for changes SQL alone expresses badly: data
 * transformations, conditional steps, calls to application services.
 * <p>
 * It carries the same metadata as an SQL script's header. Implementations are found
 * in the configured locations (a public class with a no-argument constructor) or
 * passed to the configuration (in Spring, as beans). A migration that does not
 * override {@link #downgrade(MigrationContext)} is irreversible.
 */
public interface JavaMigration {

	/**
	 * The revision id: letters, digits and {@code _}.
	 * @return the id
	 */
	String revision();

	/**
	 * The parents; empty for a root, several for a merge.
	 * @return the parent ids
	 */
	List<String> downRevisions();

	/**
	 * Revisions that must be applied first without being parents.
	 * @return the dependency ids
	 */
	default List<String> dependsOn() {
		return List.of();
	}

	/**
	 * The branch labels this revision declares, as an SQL script's
	 * {@code branch_labels}: it and every revision above it form the branch each names,
	 * as in the target {@code billing@head}.
	 * @return the labels; none by default
	 */
	default List<String> branchLabels() {
		return List.of();
	}

	/**
	 * The one-line description.
	 * @return the message
	 */
	String message();

	/**
	 * Whether the migration runs in one transaction with its state rows.
	 * @return {@code true} by default
	 */
	default boolean transactional() {
		return true;
	}

	/**
	 * A checksum of the migration's logic, compared by {@code verify()}; change it when
	 * the logic changes. {@code null} (the default) means not checked.
	 * @return the checksum or {@code null}
	 */
	default @Nullable String checksum() {
		return null;
	}

	/**
	 * Applies the revision.
	 * @param context the connection (inside the migration's transaction), dialect and
	 * schema inspector
	 * @throws Exception on failure, which rolls the migration back
	 */
	void upgrade(MigrationContext context) throws Exception;

	/**
	 * Reverts the revision. Not overriding it makes the migration irreversible.
	 * @param context the connection (inside the migration's transaction), dialect and
	 * schema inspector
	 * @throws Exception on failure, which rolls the downgrade back
	 */
	default void downgrade(MigrationContext context) throws Exception {
		throw new MigrationException("Revision '" + revision() + "' (" + getClass().getName() + ") is irreversible");
	}

}
