package dev.migration.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;

/**
 * One fresh, empty place to migrate: a random schema on PostgreSQL, a new file on
 * DuckDB. Created and dropped outside the timings. A child JVM attaches to one with
 * {@link #attach} from the {@link #describe() description} its parent passed.
 */
final class Workspace implements AutoCloseable {

	private final Database database;

	private final String url;

	private final String schema;

	private final boolean owned;

	private Workspace(Database database, String url, String schema, boolean owned) {
		this.database = database;
		this.url = url;
		this.schema = schema;
		this.owned = owned;
	}

	/**
	 * Creates a fresh workspace.
	 * @param database the database
	 * @param postgresUrl where PostgreSQL is
	 * @param directory where DuckDB files go
	 * @return the workspace, empty
	 * @throws SQLException if the schema cannot be created
	 */
	static Workspace create(Database database, String postgresUrl, Path directory) throws SQLException {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		if (database == Database.POSTGRESQL) {
			Workspace workspace = new Workspace(database, postgresUrl, "bench_" + suffix, true);
			workspace.settle();
			workspace.execute("CREATE SCHEMA " + workspace.schema);
			return workspace;
		}
		return new Workspace(database, "jdbc:duckdb:" + directory.resolve("bench-" + suffix + ".duckdb"), null, true);
	}

	/**
	 * Attaches to a workspace another process created; closing it drops nothing.
	 * @param description the parts of {@link #describe()}
	 * @return the workspace
	 */
	static Workspace attach(List<String> description) {
		String schema = description.get(2);
		return new Workspace(Database.of(description.get(0)), description.get(1), schema.equals("-") ? null : schema,
				false);
	}

	/**
	 * What a child JVM needs to {@link #attach} to this workspace.
	 * @return database, URL and schema ({@code -} for none)
	 */
	List<String> describe() {
		return List.of(this.database.label(), this.url, (this.schema != null) ? this.schema : "-");
	}

	Database database() {
		return this.database;
	}

	/**
	 * The schema the scripts run in, {@code null} for the connection's default.
	 * @return the schema
	 */
	String schema() {
		return this.schema;
	}

	DataSource dataSource() {
		return new UnpooledDataSource(this.database.driver(), this.url);
	}

	/**
	 * The engine's configuration for scripts in a directory: the workspace's schema,
	 * the rest default.
	 * @param scripts the directory
	 * @return the configuration
	 */
	MigrationConfiguration configuration(Path scripts) {
		return MigrationConfiguration.builder()
			.locations("filesystem:" + scripts.toAbsolutePath())
			.schema(this.schema)
			.build();
	}

	/**
	 * Counts the tables the scripts created, the history tables (the engine's and the
	 * anchors') aside.
	 * @return the number of tables
	 * @throws SQLException on a database error
	 */
	int scriptTables() throws SQLException {
		String sql = "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
				+ ((this.schema != null) ? this.schema : "main") + "' AND table_name NOT LIKE 'migration_history%'"
				+ " AND lower(table_name) NOT IN"
				+ " ('flyway_schema_history', 'databasechangelog', 'databasechangeloglock')";
		try (Connection connection = dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Cleans up after the previous run, outside the clock: the catalog rows its dropped
	 * tables left are vacuumed and the WAL it wrote is checkpointed, so that neither
	 * side's timed run has autovacuum or a checkpoint of the other's leftovers land in
	 * it. Skipped, without a word, where the user may not do either.
	 */
	private void settle() {
		try (Connection connection = dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			for (String catalog : List.of("pg_class", "pg_attribute", "pg_type", "pg_depend", "pg_index",
					"pg_constraint")) {
				statement.execute("VACUUM pg_catalog." + catalog);
			}
			statement.execute("CHECKPOINT");
		}
		catch (SQLException ex) {
			// Not a superuser: the runs are only noisier.
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public void close() throws SQLException, IOException {
		if (!this.owned) {
			return;
		}
		if (this.schema != null) {
			execute("DROP SCHEMA " + this.schema + " CASCADE");
			return;
		}
		Path file = Path.of(this.url.substring("jdbc:duckdb:".length()));
		Files.deleteIfExists(file);
		Files.deleteIfExists(Path.of(file + ".wal"));
	}

}
