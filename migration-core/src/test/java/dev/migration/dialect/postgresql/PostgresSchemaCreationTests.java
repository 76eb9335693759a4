package dev.migration.dialect.postgresql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.migration.dialect.Dialect;
import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the statement that creates the migration schema on PostgreSQL: it creates a
 * missing schema, and leaves an existing one alone without a notice and without
 * asking for the database's {@code CREATE} privilege.
 */
class PostgresSchemaCreationTests {

	private final Dialect dialect = Dialect.postgresql();

	@DatabaseTest(Database.POSTGRESQL)
	void anExistingSchemaIsKeptWithoutAWarning(TestDatabase database) throws SQLException {
		try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
			statement.execute(this.dialect.createSchema(database.schema()));
			assertThat((Object) statement.getWarnings()).isNull();
			assertThat((Object) connection.getWarnings()).isNull();
		}
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aMissingSchemaIsCreated(TestDatabase database) throws SQLException {
		String schema = database.schema() + "_Created";
		try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
			try {
				statement.execute(this.dialect.createSchema(schema));
				assertThat(schemaExists(statement, schema)).isTrue();
			}
			finally {
				statement.execute("DROP SCHEMA IF EXISTS " + this.dialect.quote(schema));
			}
		}
	}

	@DatabaseTest(Database.POSTGRESQL)
	void aRoleThatMayNotCreateSchemasKeepsAnExistingOne(TestDatabase database) throws SQLException {
		String role = database.schema() + "_role";
		try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE ROLE " + role + " NOLOGIN");
			try {
				statement.execute("SET ROLE " + role);
				statement.execute(this.dialect.createSchema(database.schema()));
			}
			finally {
				statement.execute("RESET ROLE");
				statement.execute("DROP ROLE " + role);
			}
		}
	}

	@Test
	void aNameThatCouldEndTheBlockGetsThePlainStatement() {
		assertThat(this.dialect.createSchema("a$b")).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"a$b\"");
	}

	private static boolean schemaExists(Statement statement, String schema) throws SQLException {
		try (ResultSet rows = statement
			.executeQuery("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = '" + schema + "'")) {
			rows.next();
			return rows.getInt(1) == 1;
		}
	}

}
