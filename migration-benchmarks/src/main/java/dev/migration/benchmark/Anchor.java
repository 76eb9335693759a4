package dev.migration.benchmark;

import java.util.Locale;

import javax.sql.DataSource;

/**
 * The established tools the engine is compared with, beside the floor, running the same
 * statements in their own formats ({@link AnchorScripts}): what each does of a
 * workload, its history table included.
 */
enum Anchor {

	/**
	 * Flyway, community edition, with its PostgreSQL module and the community DuckDB
	 * module.
	 */
	FLYWAY {

		@Override
		int migrate(DataSource dataSource, String schema, AnchorScripts scripts) {
			return new FlywayRunner(dataSource, schema, scripts).migrate();
		}

		@Override
		int rollback(DataSource dataSource, String schema, AnchorScripts scripts, int applied) {
			return new FlywayRunner(dataSource, schema, scripts).rollback();
		}

	},

	/**
	 * Liquibase, community edition, with a formatted SQL changelog.
	 */
	LIQUIBASE {

		@Override
		int migrate(DataSource dataSource, String schema, AnchorScripts scripts) throws Exception {
			return new LiquibaseRunner(dataSource, schema, scripts).migrate();
		}

		@Override
		int rollback(DataSource dataSource, String schema, AnchorScripts scripts, int applied) throws Exception {
			return new LiquibaseRunner(dataSource, schema, scripts).rollback(applied);
		}

	};

	/**
	 * Applies what is pending; with everything applied, a start's no-op.
	 * @param dataSource the database
	 * @param schema the schema to migrate, {@code null} for the connection's default
	 * @param scripts the anchors' scripts
	 * @return how many migrations ran
	 */
	abstract int migrate(DataSource dataSource, String schema, AnchorScripts scripts) throws Exception;

	/**
	 * Reverts every migration, newest first.
	 * @param dataSource the database
	 * @param schema the schema, {@code null} for the connection's default
	 * @param scripts the anchors' scripts
	 * @param applied how many migrations are applied
	 * @return how many migrations were reverted
	 */
	abstract int rollback(DataSource dataSource, String schema, AnchorScripts scripts, int applied)
			throws Exception;

	/**
	 * The name on the command line and in the table.
	 * @return the lower-case name
	 */
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Anchor of(String label) {
		return valueOf(label.toUpperCase(Locale.ROOT));
	}

}
