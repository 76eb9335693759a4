package dev.migration.autogenerate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.migration.MigrationException;
import dev.migration.dialect.Dialect;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.script.SqlScriptParser;
import dev.migration.script.SqlStatement;

/**
 * Loads the model into a scratch database and compares.
 */
final class DefaultAutogenerator implements Autogenerator {

	private final Dialect dialect;

	private final List<String> modelLocations;

	private final ClassLoader classLoader;

	DefaultAutogenerator(Dialect dialect, List<String> modelLocations, ClassLoader classLoader) {
		this.dialect = dialect;
		this.modelLocations = List.copyOf(modelLocations);
		this.classLoader = (classLoader != null) ? classLoader : DefaultAutogenerator.class.getClassLoader();
	}

	@Override
	public Comparison compare(Connection connection, String schema, Set<String> excludedTables) {
		List<SqlStatement> model = readModel();
		SchemaIntrospector introspector = this.dialect.introspector();
		String scratchUrl = this.dialect.scratchDatabaseUrl(null);
		try {
			SchemaSnapshot live = introspector.snapshot(connection, schema, excludedTables);
			SchemaSnapshot declared = (scratchUrl != null)
					? loadIntoMemory(scratchUrl, model, introspector, excludedTables)
					: loadIntoScratchSchema(connection, model, introspector, excludedTables);
			return new Comparison(live, declared, SchemaComparator.create().compare(live, declared));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot compare the database with the model: " + ex.getMessage(), ex);
		}
	}

	private SchemaSnapshot loadIntoMemory(String url, List<SqlStatement> model, SchemaIntrospector introspector,
			Set<String> excludedTables) throws SQLException {
		try (Connection scratch = DriverManager.getConnection(url)) {
			run(scratch, model);
			return introspector.snapshot(scratch, this.dialect.defaultSchema(), excludedTables);
		}
	}

	private SchemaSnapshot loadIntoScratchSchema(Connection connection, List<SqlStatement> model,
			SchemaIntrospector introspector, Set<String> excludedTables) throws SQLException {
		String scratch = "migration_model_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String searchPath;
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(this.dialect.searchPathQuery())) {
			rows.next();
			searchPath = rows.getString(1);
		}
		boolean autoCommit = connection.getAutoCommit();
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + this.dialect.quote(scratch));
			statement.execute(this.dialect.useSchema(scratch));
			connection.setAutoCommit(false);
			run(connection, model);
			return introspector.snapshot(connection, scratch, excludedTables);
		}
		finally {
			try {
				// The model never stays: its tables go with the transaction and the schema.
				connection.rollback();
			}
			finally {
				connection.setAutoCommit(autoCommit);
				try (Statement statement = connection.createStatement()) {
					statement.execute("DROP SCHEMA IF EXISTS " + this.dialect.quote(scratch) + " CASCADE");
					statement.execute(this.dialect.restoreSearchPath(searchPath));
				}
			}
		}
	}

	private static void run(Connection connection, List<SqlStatement> model) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (SqlStatement each : model) {
				try {
					statement.execute(each.sql());
				}
				catch (SQLException ex) {
					throw new MigrationException("Cannot load the model: statement at line " + each.line() + " ('"
							+ each.firstLine() + "'): " + ex.getMessage(), ex);
				}
			}
		}
	}

	private List<SqlStatement> readModel() {
		List<SqlStatement> statements = new java.util.ArrayList<>();
		for (String location : this.modelLocations) {
			statements.addAll(SqlScriptParser.statements(location, read(location)));
		}
		return statements;
	}

	private String read(String location) {
		try {
			if (location.startsWith("filesystem:")) {
				return Files.readString(Path.of(location.substring("filesystem:".length())), StandardCharsets.UTF_8);
			}
			String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
			while (path.startsWith("/")) {
				path = path.substring(1);
			}
			try (InputStream in = this.classLoader.getResourceAsStream(path)) {
				if (in == null) {
					throw new MigrationException("Model '" + location + "' not found");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new MigrationException("Cannot read model '" + location + "': " + ex.getMessage(), ex);
		}
	}

}
