package dev.migration.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * The Liquibase anchor (community edition): a new {@link Liquibase} per run on one
 * connection of the workspace, the schema first in its search path (as the floor does)
 * and Liquibase's own tables in it, reading the formatted SQL changelog of
 * {@link AnchorScripts}. Its console output and update summary go to its log, which the
 * harness keeps at warnings, and its product analytics are off: the floor sends nothing
 * either, and a benchmark machine may reach no network.
 */
final class LiquibaseRunner {

	static {
		System.setProperty("liquibase.analytics.enabled", "false");
		// The update summary is still made, but goes to the log instead of standard output.
		System.setProperty("liquibase.command.showSummaryOutput", "LOG");
	}

	private final DataSource dataSource;

	private final String schema;

	private final Path directory;

	LiquibaseRunner(DataSource dataSource, String schema, AnchorScripts scripts) {
		this.dataSource = dataSource;
		this.schema = schema;
		this.directory = scripts.liquibase();
	}

	/**
	 * Applies what is pending.
	 * @return how many changesets ran
	 */
	int migrate() throws Exception {
		return run((liquibase) -> liquibase.update());
	}

	/**
	 * Reverts every changeset, newest first, with its {@code --rollback} statements.
	 * @param count how many changesets the workspace holds
	 * @return how many were reverted
	 */
	int rollback(int count) throws Exception {
		return run((liquibase) -> liquibase.rollback(count, (String) null));
	}

	private int run(Command command) throws Exception {
		AtomicInteger changeSets = new AtomicInteger();
		try (Connection connection = this.dataSource.getConnection()) {
			if (this.schema != null) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET search_path TO " + this.schema);
				}
			}
			Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
				Database database = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				if (this.schema != null) {
					database.setDefaultSchemaName(this.schema);
				}
				Liquibase liquibase = new Liquibase(AnchorScripts.CHANGELOG,
						new DirectoryResourceAccessor(this.directory), database);
				liquibase.setChangeExecListener(new AbstractChangeExecListener() {

					@Override
					public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database,
							ChangeSet.ExecType execType) {
						changeSets.incrementAndGet();
					}

					@Override
					public void rolledBack(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
						changeSets.incrementAndGet();
					}

				});
				command.apply(liquibase);
			});
		}
		return changeSets.get();
	}

	@FunctionalInterface
	private interface Command {

		void apply(Liquibase liquibase) throws Exception;

	}

}
