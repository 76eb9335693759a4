package dev.migration.benchmark;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The Flyway anchor (community edition): a new {@link Flyway} per run, as a start builds
 * one, on the workspace's data source and schema, reading the {@code V<n>__m.sql} files
 * of {@link AnchorScripts}. Its history table is Flyway's own.
 */
final class FlywayRunner {

	private final Flyway flyway;

	FlywayRunner(DataSource dataSource, String schema, AnchorScripts scripts) {
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:" + scripts.flyway().toAbsolutePath());
		if (schema != null) {
			configuration.schemas(schema);
		}
		this.flyway = configuration.load();
	}

	/**
	 * Applies what is pending.
	 * @return how many migrations ran
	 */
	int migrate() {
		return this.flyway.migrate().migrationsExecuted;
	}

	/**
	 * Reverts every migration: Flyway's {@code undo}, which its community edition
	 * refuses.
	 * @return how many migrations were reverted
	 */
	int rollback() {
		this.flyway.undo();
		throw new IllegalStateException("Flyway's undo returned without reverting to base");
	}

}
