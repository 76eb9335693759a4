package dev.migration.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A smoke run of the harness: tiny sizes, one repetition, both databases, every
 * workload. No timing is asserted; the harness itself checks that every migration was
 * applied and reverted, and fails otherwise. An anchor that fails does not fail the run:
 * its row carries its error.
 */
class BenchmarkMainTests {

	@Test
	void quickRunPrintsTheTableWithSaneCounts() throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		BenchmarkOptions options = BenchmarkOptions.parse("--quick", "--migrate-n", "5,10", "--noop-n", "5",
				"--graph-n", "100", "--fleet-t", "3", "--fleet-m", "2");
		List<ResultRow> rows = BenchmarkMain.run(options, new PrintStream(output, true, StandardCharsets.UTF_8));
		String table = output.toString(StandardCharsets.UTF_8);
		assertThat(table).contains("workload", "ours", "floor", "ratio", "target", "Targets:");
		assertThat(rows).extracting(ResultRow::workload)
			.contains("migrate", "statements/migration", "noop (fresh JVM)", "rollback-all",
					"rollback-all (fresh JVM)", "status (new manager)",
					"plan (in memory)", "peak heap (fresh JVM)", "fleet migrate", "fleet statements/tenant",
					"fleet connections/tenant", "fleet status (up to date)",
					"fleet migrate (nothing pending)", "fleet peak heap, no-op (fresh JVM)");
		assertThat(rows).extracting(ResultRow::database).contains("postgresql", "duckdb");
		for (ResultRow row : rows) {
			assertThat(table).contains(row.workload());
			assertThat(row.ours().value()).as(row.workload()).isPositive();
		}
		List<ResultRow> statements = rows.stream()
			.filter((row) -> row.workload().equals("statements/migration"))
			.toList();
		assertThat(statements).hasSize(4).allSatisfy((row) -> {
			// At least the scripts' own statements and a commit per migration.
			assertThat(row.floor().value()).isGreaterThanOrEqualTo(2.9);
			assertThat(row.ours().value()).isGreaterThanOrEqualTo(row.floor().value());
		});
		// The floor creates the schema and runs 2 migrations of 2 statements and a commit each, on one connection.
		assertThat(rows).filteredOn((row) -> row.workload().equals("fleet statements/tenant"))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.floor().value()).isEqualTo(8.0);
				assertThat(row.ours().value()).isGreaterThanOrEqualTo(row.floor().value());
			});
		assertThat(rows).filteredOn((row) -> row.workload().equals("fleet connections/tenant"))
			.singleElement()
			.satisfies((row) -> assertThat(row.floor().value()).isEqualTo(1.0));
		// Every anchor has its row in every workload it takes part in, measured or with its error
		// (in a smoke run, at the largest size only).
		for (String workload : List.of("migrate", "rollback-all")) {
			for (String database : List.of("postgresql", "duckdb")) {
				for (String anchor : List.of("flyway", "liquibase")) {
					assertThat(rows).filteredOn((row) -> row.workload().equals(workload + " vs " + anchor)
							&& row.database().equals(database))
						.singleElement()
						.satisfies((row) -> assertAnchorRow(row, anchor));
				}
			}
		}
		for (String workload : List.of("noop (fresh JVM)", "peak RSS (fresh JVM)", "migrate (fresh JVM)")) {
			for (String anchor : List.of("flyway", "liquibase")) {
				assertThat(rows).filteredOn((row) -> row.workload().equals(workload + " vs " + anchor))
					.isNotEmpty()
					.allSatisfy((row) -> {
						assertThat(row.database()).isEqualTo("postgresql");
						assertAnchorRow(row, anchor);
					});
			}
		}
		// Flyway's community edition has no undo: said so, with Flyway's own words.
		assertThat(rows).filteredOn((row) -> row.workload().equals("rollback-all vs flyway"))
			.allSatisfy((row) -> assertThat(row.target()).startsWith("flyway cannot: ").containsIgnoringCase("undo"));
		assertThat(rows).extracting(ResultRow::workload)
			.contains("peak RSS (fresh JVM)", "app start, migration starter (fresh JVM)",
					"app start, flyway starter (fresh JVM)", "app start, migration starter vs flyway");
		// A whole process's first migrate at small N, on both databases, the target on PostgreSQL.
		assertThat(rows).filteredOn((row) -> row.workload().equals("migrate (fresh JVM)") && row.size().equals("3"))
			.extracting(ResultRow::database)
			.containsExactly("postgresql", "duckdb");
		assertThat(rows).filteredOn((row) -> row.workload().equals("migrate (fresh JVM)") && row.size().equals("3")
				&& row.database().equals("postgresql"))
			.singleElement()
			.satisfies((row) -> assertThat(row.target()).isEqualTo("<= 1.15x"));
		// What each further migration costs on PostgreSQL, the run's fixed cost aside.
		assertThat(rows).filteredOn((row) -> row.workload().equals("statements/migration (marginal)")
				&& row.database().equals("postgresql"))
			.singleElement()
			.satisfies((row) -> assertThat(row.ours().value()).isBetween(2.9, 5.0));
	}

	private static void assertAnchorRow(ResultRow row, String anchor) {
		if (row.floor() == null) {
			assertThat(row.target()).as(row.workload()).startsWith(anchor + " cannot: ");
		}
		else {
			assertThat(row.floor().value()).as(row.workload()).isPositive();
			assertThat(row.target()).as(row.workload()).startsWith(anchor + "/floor ");
		}
	}

	@Test
	void anchorScriptsHoldTheSameStatementsInFlywayAndLiquibaseFormats(@TempDir Path directory) throws Exception {
		ScriptSet scripts = ScriptGenerator.chain(directory.resolve("scripts"), 10);
		AnchorScripts anchors = AnchorScripts.write(scripts, directory.resolve("anchors"));
		assertThat(anchors.flyway().toFile().list()).hasSize(10).contains("V1__m.sql", "V10__m.sql");
		assertThat(Files.readString(anchors.flyway().resolve("V1__m.sql"))).isEqualTo(
				"CREATE TABLE t000001 (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at TIMESTAMP);\n"
						+ "CREATE INDEX ix_t000001_name ON t000001 (name);\n");
		String changelog = Files.readString(anchors.liquibase().resolve(AnchorScripts.CHANGELOG));
		assertThat(changelog).startsWith("--liquibase formatted sql\n")
			.contains("\n--changeset benchmark:r000001\nCREATE TABLE t000001 (id BIGINT PRIMARY KEY, name VARCHAR(100) "
					+ "NOT NULL, created_at TIMESTAMP);\nCREATE INDEX ix_t000001_name ON t000001 (name);\n"
					+ "--rollback DROP INDEX ix_t000001_name;\n--rollback DROP TABLE t000001;\n")
			.contains("\n--changeset benchmark:r000010\nALTER TABLE t000009 ADD COLUMN c000010 VARCHAR(50);\n"
					+ "--rollback DROP INDEX ix_t000009_name;\n--rollback ALTER TABLE t000009 DROP COLUMN c000010;\n"
					+ "--rollback CREATE INDEX ix_t000009_name ON t000009 (name);\n");
		assertThat(changelog.split("--changeset ", -1)).hasSize(11);
	}

	@Test
	void optionsSelectWorkloadsDatabasesAndRepetitions() {
		BenchmarkOptions options = BenchmarkOptions.parse("--only", "migrate,noop", "--db", "duckdb", "--reps", "3");
		assertThat(options.workloads()).containsExactlyInAnyOrder("migrate", "noop");
		assertThat(options.databases()).containsExactly(Database.DUCKDB);
		assertThat(options.reps()).isEqualTo(3);
		assertThat(options.startReps()).isEqualTo(11);
		assertThat(BenchmarkOptions.parse("--start-reps", "7").startReps()).isEqualTo(7);
		assertThat(BenchmarkOptions.parse("--quick").startReps()).isEqualTo(1);
		assertThat(options.migrateSizes()).containsExactly(100, 1000);
		assertThat(options.processSizes()).containsExactly(10, 300);
		assertThat(BenchmarkOptions.parse("--process-n", "30,5").processSizes()).containsExactly(5, 30);
		assertThat(options.fleetTenants()).isEqualTo(1000);
		assertThat(options.fleetMigrations()).isEqualTo(20);
		assertThat(options.fleetParallelism()).isEqualTo(4);
		BenchmarkOptions fleet = BenchmarkOptions.parse("--fleet-t", "100", "--fleet-m", "5", "--fleet-p", "2");
		assertThat(fleet.fleetTenants()).isEqualTo(100);
		assertThat(fleet.fleetMigrations()).isEqualTo(5);
		assertThat(fleet.fleetParallelism()).isEqualTo(2);
		assertThat(BenchmarkOptions.parse("--quick").fleetTenants()).isEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse("--fleet-p", "0"))
			.withMessageContaining("--fleet-p");
	}

}
