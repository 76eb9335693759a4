package dev.migration.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.migration.MigrationContext;
import dev.migration.SchemaInspector;
import dev.migration.dialect.Dialect;

/**
 * The context handed to a Java migration.
 */
final class DefaultMigrationContext implements MigrationContext {

	private final Session session;

	private final String revision;

	private final StatementLog statementLog;

	DefaultMigrationContext(Session session, String revision, StatementLog statementLog) {
		this.session = session;
		this.revision = revision;
		this.statementLog = statementLog;
	}

	@Override
	public Connection connection() {
		return this.session.connection();
	}

	@Override
	public Dialect dialect() {
		return this.session.dialect();
	}

	@Override
	public SchemaInspector inspector() {
		return new DefaultSchemaInspector(this.session.connection(), this.session.dialect(), this.session.schema(),
				this.session.history().tableNames());
	}

	@Override
	public String revision() {
		return this.revision;
	}

	@Override
	public void execute(String sql) throws SQLException {
		this.statementLog.log(this.revision, sql);
		try (Statement statement = this.session.connection().createStatement()) {
			statement.execute(sql);
		}
	}

}
