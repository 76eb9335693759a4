package dev.migration.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * The floor: plain JDBC running the scripts' statements, one transaction per
 * migration, with no bookkeeping. It reads the same files as the engine, in file-name
 * order (the generated names sort in upgrade order), and splits them naively on
 * {@code ;}, which the generated scripts allow.
 */
final class FloorRunner {

	private final DataSource dataSource;

	private final String schema;

	/**
	 * Creates a floor.
	 * @param dataSource the database
	 * @param schema the schema to put first in the search path, {@code null} for none
	 */
	FloorRunner(DataSource dataSource, String schema) {
		this.dataSource = dataSource;
		this.schema = schema;
	}

	/**
	 * Runs every upgrade, oldest first.
	 * @param directory the scripts
	 * @return how many migrations ran
	 */
	int migrate(Path directory) throws IOException, SQLException {
		return run(files(directory), "-- upgrade", "-- downgrade");
	}

	/**
	 * Runs every downgrade, newest first.
	 * @param directory the scripts
	 * @return how many migrations were reverted
	 */
	int rollback(Path directory) throws IOException, SQLException {
		List<Path> files = files(directory);
		Collections.reverse(files);
		return run(files, "-- downgrade", null);
	}

	/**
	 * A start with nothing to do: connect, list the script files, read the applied
	 * state in one query.
	 * @param directory the scripts
	 * @param stateTable the table holding the applied revisions
	 * @return how many scripts are not applied
	 */
	int noop(Path directory, String stateTable) throws IOException, SQLException {
		String table = (this.schema != null) ? this.schema + "." + stateTable : stateTable;
		try (Connection connection = this.dataSource.getConnection()) {
			List<Path> files = files(directory);
			Set<String> applied = new HashSet<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT revision FROM " + table)) {
				while (rows.next()) {
					applied.add(rows.getString(1));
				}
			}
			int pending = 0;
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (!applied.contains(name.substring(0, name.indexOf('_')))) {
					pending++;
				}
			}
			return pending;
		}
	}

	/**
	 * Reads every upgrade once, oldest first, for runs over many schemas.
	 * @param directory the scripts
	 * @return each migration's statements
	 */
	static List<List<String>> upgrades(Path directory) throws IOException {
		List<List<String>> upgrades = new ArrayList<>();
		for (Path file : files(directory)) {
			upgrades.add(statements(Files.readString(file), "-- upgrade", "-- downgrade"));
		}
		return upgrades;
	}

	/**
	 * Creates this floor's schema and runs upgrades already read in it, one transaction
	 * each, on one connection.
	 * @param upgrades each migration's statements, from {@link #upgrades}
	 * @return how many migrations ran
	 */
	int createSchemaAndMigrate(List<List<String>> upgrades) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE SCHEMA " + this.schema);
				statement.execute("SET search_path TO " + this.schema);
			}
			connection.setAutoCommit(false);
			for (List<String> upgrade : upgrades) {
				try (Statement statement = connection.createStatement()) {
					for (String sql : upgrade) {
						statement.execute(sql);
					}
				}
				connection.commit();
			}
			return upgrades.size();
		}
	}

	private int run(List<Path> files, String start, String end) throws IOException, SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			if (this.schema != null) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET search_path TO " + this.schema);
				}
			}
			connection.setAutoCommit(false);
			for (Path file : files) {
				try (Statement statement = connection.createStatement()) {
					for (String sql : statements(Files.readString(file), start, end)) {
						statement.execute(sql);
					}
				}
				connection.commit();
			}
			return files.size();
		}
	}

	/**
	 * The statements of a script's upgrade section, as the floor runs them.
	 * @param file the script
	 * @return the statements, in order
	 */
	static List<String> upgrade(Path file) throws IOException {
		return statements(Files.readString(file), "-- upgrade", "-- downgrade");
	}

	/**
	 * The statements of a script's downgrade section, as the floor runs them.
	 * @param file the script
	 * @return the statements, in order
	 */
	static List<String> downgrade(Path file) throws IOException {
		return statements(Files.readString(file), "-- downgrade", null);
	}

	static List<Path> files(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return new ArrayList<>(files.filter((file) -> file.toString().endsWith(".sql")).sorted().toList());
		}
	}

	private static List<String> statements(String script, String start, String end) {
		StringBuilder section = new StringBuilder();
		boolean inside = false;
		for (String line : script.split("\n")) {
			String marker = line.strip().toLowerCase(Locale.ROOT);
			if (marker.equals(start)) {
				inside = true;
			}
			else if (marker.equals(end)) {
				inside = false;
			}
			else if (inside) {
				section.append(line).append('\n');
			}
		}
		List<String> statements = new ArrayList<>();
		for (String sql : section.toString().split(";")) {
			if (!sql.isBlank()) {
				statements.add(sql.strip());
			}
		}
		return statements;
	}

}
