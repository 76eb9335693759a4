package dev.migration.lint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.migration.MigrationConfiguration;
import dev.migration.script.SqlScript;
import org.jspecify.annotations.Nullable;

/**
 * Lints parsed SQL scripts, as one set, in the order given. The engine's lint behind
 * {@link dev.migration.MigrationManager#lint()}, which is what applications call: this
 * interface serves the engine and the tooling built on it.
 */
public interface ScriptLinter {

	/**
	 * Creates a linter.
	 * @param configuration the configuration: its {@link LintOptions} and whether the
	 * engine sets {@code lock_timeout} for each migration
	 * @return the linter
	 */
	static ScriptLinter create(MigrationConfiguration configuration) {
		return new DefaultScriptLinter(configuration);
	}

	/**
	 * Lints the scripts.
	 * @param scripts the scripts, in the order an upgrade runs them
	 * @param connection a connection to the database whose catalog tells table sizes,
	 * the server version and existing indexes, with the migration schema first in its
	 * search path; only read from; {@code null} to lint the scripts alone (as
	 * PostgreSQL scripts, with sizes unknown)
	 * @return the report
	 */
	LintReport lint(List<SqlScript> scripts, @Nullable Connection connection);

	/**
	 * Lints the scripts against the catalog of a connection that is prepared for it only
	 * when a statement needs the catalog: scripts whose statements touch only the tables
	 * they create cost no round trip.
	 * @param scripts the scripts, in the order an upgrade runs them
	 * @param connection a connection to the database, only read from
	 * @param beforeFirstRead what puts the migration schema first in the connection's
	 * search path, run once before the first catalog query; an unchecked exception it
	 * throws ends the lint and is thrown by this method
	 * @return the report; it names the database only when a catalog query ran
	 */
	LintReport lint(List<SqlScript> scripts, Connection connection, CatalogPreparation beforeFirstRead);

	/**
	 * Prepares a connection for the lint's catalog queries.
	 */
	@FunctionalInterface
	interface CatalogPreparation {

		/**
		 * Prepares the connection.
		 * @throws SQLException if it cannot be prepared
		 */
		void prepare() throws SQLException;

	}

}
