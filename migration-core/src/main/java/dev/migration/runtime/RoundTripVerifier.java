package dev.migration.runtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationInfo;
import dev.migration.PlainDataSource;
import dev.migration.RollbackOptions;
import dev.migration.VerifyReport.Kind;
import dev.migration.VerifyReport.Problem;
import dev.migration.autogenerate.SchemaComparator;
import dev.migration.autogenerate.SchemaIntrospector;
import dev.migration.dialect.Dialect;
import dev.migration.operation.Operation;
import dev.migration.operation.SchemaSnapshot;

/**
 * Tests every migration's downgrade on a scratch database: applies the revisions from
 * base one at a time and, for each, checks that upgrade, downgrade, upgrade works and
 * that the downgrade restores the schema exactly as it was before the upgrade. The
 * scratch database is the dialect's named in-memory database (DuckDB), or else a
 * temporary schema dropped afterwards (PostgreSQL).
 */
final class RoundTripVerifier {

	private final MigrationConfiguration configuration;

	private final DataSource dataSource;

	RoundTripVerifier(MigrationConfiguration configuration, DataSource dataSource) {
		this.configuration = configuration;
		this.dataSource = dataSource;
	}

	List<Problem> verify() {
		Dialect dialect;
		try (Connection connection = this.dataSource.getConnection()) {
			dialect = Dialect.of(connection);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot connect to find the database's dialect: " + ex.getMessage(), ex);
		}
		String name = "migration_roundtrip_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		String url = dialect.scratchDatabaseUrl(name);
		if (url != null) {
			// A named in-memory database lives while a connection to it is open.
			try (Connection keeper = DriverManager.getConnection(url)) {
				return run(PlainDataSource.of(url), null, dialect);
			}
			catch (SQLException ex) {
				throw new MigrationException("Cannot open a scratch DuckDB database: " + ex.getMessage(), ex);
			}
		}
		try {
			return run(this.dataSource, name, dialect);
		}
		finally {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				statement.execute("DROP SCHEMA IF EXISTS " + dialect.quote(name) + " CASCADE");
			}
			catch (SQLException ex) {
				throw new MigrationException("Cannot drop the scratch schema " + name + ": " + ex.getMessage(), ex);
			}
		}
	}

	private List<Problem> run(DataSource scratch, String schema, Dialect dialect) {
		MigrationConfiguration scratchConfiguration = this.configuration.toBuilder()
			.schema(schema)
			.production(false)
			.backupVerifiers(List.of())
			.listeners(List.of())
			.baselineOnMigrate(null)
			.echo(false)
			.build();
		// The engine itself, for revert: on branches, -1 after applying a revision would
		// have several revisions to choose from.
		MigrationEngine manager = new MigrationEngine(scratch, scratchConfiguration);
		Set<String> excluded = new HashSet<>(
				Dialect.historyNames(scratchConfiguration.stateTable(), scratchConfiguration.table()));
		SchemaIntrospector introspector = dialect.introspector();
		SchemaComparator comparator = SchemaComparator.create();
		List<Problem> problems = new ArrayList<>();
		for (MigrationInfo migration : manager.migrations()) {
			String id = migration.revision();
			String step = "upgrade";
			try {
				SchemaSnapshot before = snapshot(scratch, introspector, schema, excluded);
				manager.migrate(id);
				SchemaSnapshot after = snapshot(scratch, introspector, schema, excluded);
				if (!migration.reversible()) {
					continue;
				}
				step = "downgrade";
				manager.revert(id, RollbackOptions.defaults().withoutSafetyCheck());
				List<Operation> left = comparator.compare(before, snapshot(scratch, introspector, schema, excluded));
				if (!left.isEmpty()) {
					problems.add(new Problem(Kind.ROUND_TRIP, id, "The downgrade of " + id + " (" + migration.path()
							+ ") does not restore the schema; it differs by: " + describe(left)
							+ ". Later revisions were not checked"));
					// What follows would build on a schema the scripts never produce.
					break;
				}
				step = "second upgrade";
				manager.migrate(id);
				List<Operation> again = comparator.compare(after, snapshot(scratch, introspector, schema, excluded));
				if (!again.isEmpty()) {
					problems.add(new Problem(Kind.ROUND_TRIP, id, "Upgrading " + id + " (" + migration.path()
							+ ") again after its downgrade gives another schema; it differs by: " + describe(again)));
				}
			}
			catch (MigrationException | SQLException ex) {
				problems.add(new Problem(Kind.ROUND_TRIP, id, "The round trip of " + id + " (" + migration.path()
						+ ") failed at its " + step + ": " + ex.getMessage() + ". Later revisions were not checked"));
				// Later revisions build on this one: stop here.
				break;
			}
		}
		return problems;
	}

	private static SchemaSnapshot snapshot(DataSource dataSource, SchemaIntrospector introspector, String schema,
			Set<String> excluded) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return introspector.snapshot(connection, schema, excluded);
		}
	}

	private static String describe(List<Operation> operations) {
		return operations.stream().map(Operation::describe).collect(Collectors.joining("; "));
	}

}
