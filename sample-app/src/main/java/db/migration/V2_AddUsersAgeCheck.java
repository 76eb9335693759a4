package db.migration;

import java.sql.SQLException;
import java.util.List;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.dialect.Dialect;

/**
 * Adds the check constraint {@code age >= 0} to {@code users}. PostgreSQL adds it in
 * place; DuckDB has no {@code ALTER TABLE ... ADD CONSTRAINT}, so the table is rebuilt
 * (create, copy, drop, rename) inside the migration's transaction: the conditional step.
 */
public class V2_AddUsersAgeCheck implements JavaMigration {

	private static final String COLUMNS = "id, email, name, age, created_at, updated_at, deleted_at";

	@Override
	public String revision() {
		return "a1c0e5f00002";
	}

	@Override
	public List<String> downRevisions() {
		return List.of("a1c0e5f00001");
	}

	@Override
	public String message() {
		return "Check users.age >= 0";
	}

	@Override
	public String checksum() {
		return "v1";
	}

	@Override
	public void upgrade(MigrationContext context) throws SQLException {
		if (Dialect.postgresql().equals(context.dialect())) {
			context.execute("ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0)");
		}
		else {
			rebuildUsers(context, "CONSTRAINT users_age_check CHECK (age >= 0)");
		}
	}

	@Override
	public void downgrade(MigrationContext context) throws SQLException {
		if (Dialect.postgresql().equals(context.dialect())) {
			context.execute("ALTER TABLE users DROP CONSTRAINT users_age_check");
		}
		else {
			rebuildUsers(context, null);
		}
	}

	private void rebuildUsers(MigrationContext context, String constraint) throws SQLException {
		context.execute("""
				CREATE TABLE users_rebuild (
				    id BIGINT PRIMARY KEY DEFAULT nextval('users_id_seq'),
				    email VARCHAR(255) NOT NULL,
				    name VARCHAR(255) NOT NULL,
				    age INTEGER,
				    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
				    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
				    deleted_at TIMESTAMP%s
				)""".formatted((constraint != null) ? ",\n    " + constraint : ""));
		context.execute("INSERT INTO users_rebuild (" + COLUMNS + ") SELECT " + COLUMNS + " FROM users");
		context.execute("DROP TABLE users");
		context.execute("ALTER TABLE users_rebuild RENAME TO users");
	}

}
