package dev.migration.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.migration.MigrationException;
import dev.migration.SchemaInspector;
import dev.migration.dialect.Dialect;

/**
 * Answers schema questions with the dialect's catalog queries, on the migration's own
 * connection so it sees the migration's uncommitted changes.
 */
final class DefaultSchemaInspector implements SchemaInspector {

	private final Connection connection;

	private final Dialect dialect;

	private final String schema;

	private final List<String> hidden;

	DefaultSchemaInspector(Connection connection, Dialect dialect, String schema, List<String> hidden) {
		this.connection = connection;
		this.dialect = dialect;
		this.schema = schema;
		this.hidden = hidden;
	}

	@Override
	public boolean tableExists(String table) {
		return tables(true).contains(table);
	}

	@Override
	public boolean columnExists(String table, String column) {
		return columns(table).contains(column);
	}

	@Override
	public boolean indexExists(String index) {
		return !query(this.dialect.indexExistsQuery(), this.schema, index).isEmpty();
	}

	@Override
	public List<String> columns(String table) {
		return query(this.dialect.columnsQuery(), this.schema, table);
	}

	@Override
	public List<String> tables() {
		return tables(false);
	}

	/**
	 * Every table of the schema, the history tables among them: one query.
	 */
	List<String> allTables() {
		return tables(true);
	}

	private List<String> tables(boolean includeHistory) {
		List<String> tables = new ArrayList<>(query(this.dialect.tablesQuery(), this.schema));
		if (!includeHistory) {
			tables.removeAll(this.hidden);
		}
		return tables;
	}

	private List<String> query(String sql, String... parameters) {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			List<String> result = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					result.add(rows.getString(1));
				}
			}
			return result;
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot inspect schema '" + this.schema + "': " + ex.getMessage(), ex);
		}
	}

}
