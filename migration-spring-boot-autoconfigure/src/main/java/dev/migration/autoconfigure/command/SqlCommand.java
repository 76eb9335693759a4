package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.migration.MigrationManager;
import dev.migration.dialect.Dialect;

/**
 * The {@code sql} command: the offline SQL script of a range, for the dialect given or
 * the one of the datasource URL, without connecting. Without a URL in the configuration
 * (a DataSource bean), the dialect is that of the bean's URL when it tells it, or else
 * of the database it connects to.
 */
final class SqlCommand {

	private final Supplier<MigrationManager> manager;

	private final MigrationCommands.Settings settings;

	private final PrintStream out;

	/**
	 * Creates the command.
	 * @param manager the manager
	 * @param settings the datasource URL or DataSource, for the dialect when none is
	 * given
	 * @param out where to print
	 */
	SqlCommand(Supplier<MigrationManager> manager, MigrationCommands.Settings settings, PrintStream out) {
		this.manager = manager;
		this.settings = settings;
		this.out = out;
	}

	int sql(ParsedCommand command) {
		Dialect dialect;
		if (command.has("dialect")) {
			dialect = Dialect.forProductName(command.value("dialect"));
		}
		else if (this.settings.datasourceUrl() != null) {
			dialect = Dialect.forJdbcUrl(this.settings.datasourceUrl());
		}
		else {
			// A DataSource bean (an instance's data-source): its own URL, or its database.
			DataSource dataSource = this.settings.dataSource().get();
			if (dataSource == null) {
				throw new UsageException("No datasource URL to take the dialect from: give --dialect postgresql or "
						+ "--dialect duckdb", command.command());
			}
			dialect = DataSourceDialect.of(dataSource);
		}
		this.out.print(this.manager.get().sql(command.argument(0), dialect));
		return MigrationCommands.SUCCESS;
	}

}
