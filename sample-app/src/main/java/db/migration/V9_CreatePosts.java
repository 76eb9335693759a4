package db.migration;

import java.sql.SQLException;
import java.util.List;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;

/**
 * Creates {@code posts} with a foreign key to {@code users}. PostgreSQL deletes a
 * user's posts with the user ({@code ON DELETE CASCADE}); DuckDB has no cascading
 * foreign keys, so there the key is plain and the application deletes posts first.
 * Skips the table when it already exists (a schema adopted from elsewhere).
 */
public class V9_CreatePosts implements JavaMigration {

	@Override
	public String revision() {
		return "a1c0e5f00009";
	}

	@Override
	public List<String> downRevisions() {
		return List.of("a1c0e5f00008");
	}

	@Override
	public String message() {
		return "Create posts with a foreign key to users";
	}

	@Override
	public String checksum() {
		return "v1";
	}

	@Override
	public void upgrade(MigrationContext context) throws SQLException {
		if (context.inspector().tableExists("posts")) {
			return;
		}
		String onDelete = context.dialect().hasReferentialActions() ? " ON DELETE CASCADE" : "";
		context.execute("CREATE SEQUENCE posts_id_seq");
		context.execute("""
				CREATE TABLE posts (
				    id BIGINT PRIMARY KEY DEFAULT nextval('posts_id_seq'),
				    user_id BIGINT NOT NULL REFERENCES users (id)%s,
				    title VARCHAR(200) NOT NULL,
				    body TEXT,
				    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
				)""".formatted(onDelete));
		context.execute("CREATE INDEX ix_posts_user_id ON posts (user_id)");
		context.execute("""
				INSERT INTO posts (user_id, title, body)
				SELECT id, 'Hello from ' || full_name, 'Seeded by a Java migration.' FROM users""");
	}

	@Override
	public void downgrade(MigrationContext context) throws SQLException {
		context.execute("DROP TABLE posts");
		context.execute("DROP SEQUENCE posts_id_seq");
	}

}
