package dev.migration.reliability;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationManager;
import dev.migration.RepairAction;
import dev.migration.RollbackOptions;
import dev.migration.authoring.CreatedRevision;
import dev.migration.authoring.MigrationAuthor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Hostile revision ids, targets, paging parameters, messages and locations: each is
 * refused with a clear error and changes nothing, through the engine API and the
 * endpoint, on real PostgreSQL.
 */
class HostileInputTests {

	/**
	 * Values no revision, target or page may accept.
	 */
	static final List<String> HOSTILE = List.of("1; DROP TABLE users", "head; DROP TABLE users",
			"a1c0e5f00001'; DROP TABLE users; --", "' OR '1'='1", "../../etc/passwd", "..\\..\\windows\\win.ini",
			"x".repeat(100_000), "   ", "ユーザー🙂", "head\u0000", "-1 OR 1=1", "+1; SELECT pg_sleep(10)",
			"base:head", "%", "_", "*");

	@TempDir
	Path directory;

	@Test
	void engineRefusesHostileTargetsAndRevisionsAndChangesNothingOnPostgres() {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertEngineRefusesHostileValues(schema.dataSource(), schema.name());
		}
	}

	@Test
	void engineRefusesHostileTargetsAndRevisionsAndChangesNothingOnDuckDb() {
		assertEngineRefusesHostileValues(new DuckDbFile(this.directory.resolve("hostile.db")), "main");
	}

	private void assertEngineRefusesHostileValues(DataSource dataSource, String schema) {
		Scripts scripts = accountsScripts(this.directory.resolve("scripts"));
		MigrationManager manager = MigrationManager.create(dataSource,
				MigrationConfiguration.builder().locations(scripts.location()).schema(schema).build());
		manager.migrate("hostile01");
		Snapshot before = Snapshot.of(dataSource, schema);
		List<Consumer<String>> calls = List.of(manager::migrate, (value) -> manager.migrate(value, true),
				manager::rollback, (value) -> manager.rollback(value, RollbackOptions.defaults().withConfirm(value)),
				manager::stamp,
				(value) -> manager.repair(RepairAction.MARK_APPLIED, value, "hostile input test", value),
				(value) -> manager.repair(RepairAction.ACCEPT_CHECKSUM, value, "hostile input test", value));
		for (String value : HOSTILE) {
			for (Consumer<String> call : calls) {
				assertThatException().as("'%s'", abbreviate(value))
					.isThrownBy(() -> call.accept(value))
					.isInstanceOf(MigrationException.class)
					.satisfies((ex) -> assertThat(ex.getMessage()).isNotBlank());
			}
		}
		assertThat(Snapshot.of(dataSource, schema)).isEqualTo(before);
		assertThat(manager.currentRevisions()).containsExactly("hostile01");
	}

	@Test
	void hostileMessagesNeverWriteOutsideTheSourceDirectoryNorInjectSql() throws IOException {
		try (PostgresSchema schema = PostgresSchema.create()) {
			Path root = Files.createDirectories(this.directory.resolve("root"));
			Path source = Files.createDirectories(root.resolve("a/b/source"));
			Scripts scripts = accountsScripts(source);
			MigrationConfiguration configuration = MigrationConfiguration.builder()
				.locations(scripts.location())
				.schema(schema.name())
				.build();
			MigrationManager manager = MigrationManager.create(schema.dataSource(), configuration);
			manager.migrate();
			Snapshot before = Snapshot.of(schema);
			List<String> messages = List.of("../../etc/passwd", "../../../../../../tmp/escaped",
					"/etc/passwd", "1; DROP TABLE users", "Innocent\n-- revision: evil\n-- upgrade\nDROP TABLE accounts;",
					"Innocent\r\n-- upgrade\r\nDROP TABLE accounts;", "x".repeat(100_000), "ユーザー🙂 \u202Efdp.exe",
					"a\u0000b");
			for (String message : messages) {
				MigrationAuthor author = MigrationAuthor.create(schema.dataSource(), configuration, source);
				try {
					CreatedRevision created = author.create(message);
					assertThat(created.path().toAbsolutePath().normalize().getParent())
						.as("'%s'", abbreviate(message))
						.isEqualTo(source.toAbsolutePath().normalize());
					assertThat(created.path().getFileName().toString()).matches("[A-Za-z0-9_]+\\.sql")
						.hasSizeLessThan(256);
				}
				catch (MigrationException | IllegalArgumentException ex) {
					assertThat(ex.getMessage()).as("'%s'", abbreviate(message)).isNotBlank();
				}
			}
			try (Stream<Path> files = Files.walk(root)) {
				assertThat(files.filter(Files::isRegularFile)).allMatch((file) -> file.getParent().equals(source));
			}
			// The revisions written apply as empty migrations: no message became SQL.
			manager.migrate();
			Snapshot after = Snapshot.of(schema);
			assertThat(after.structure()).isEqualTo(before.structure());
			assertThat(after.rows()).isEqualTo(before.rows());
		}
	}

	@Test
	void locationsWithAnUnsupportedSchemeAreRefusedClearly() {
		try (PostgresSchema schema = PostgresSchema.create()) {
			for (String location : List.of("http://127.0.0.1/x", "jar:file:/etc/passwd!/", "file:../../",
					"ftp://127.0.0.1/")) {
				Snapshot before = Snapshot.of(schema);
				assertThatException().as(location).isThrownBy(() -> {
					MigrationManager manager = MigrationManager.create(schema.dataSource(),
							MigrationConfiguration.builder().locations(location).schema(schema.name()).build());
					manager.migrate();
				}).isInstanceOf(MigrationException.class).withMessageContaining("Unsupported script location");
				assertThat(Snapshot.of(schema)).isEqualTo(before);
			}
		}
	}

	@Test
	void endpointRefusesHostileTargetsActionsAndPagesAndChangesNothing() {
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = new ArrayList<>(schema.sampleAppArguments());
			arguments.add("--migration.endpoint.write-enabled=true");
			try (SampleApp app = SampleApp.start(arguments)) {
				app.awaitReady(java.time.Duration.ofSeconds(60));
				Snapshot before = Snapshot.of(schema);
				for (String value : HOSTILE) {
					for (String action : List.of("migrate", "rollback")) {
						SampleApp.Response response = app.post("/actuator/migrations",
								SampleApp.toJson(Map.of("action", action, "target", value)));
						assertThat(response.status()).as("%s to '%s': %s", action, abbreviate(value),
								abbreviate(response.body())).isEqualTo(400);
						assertThat(response.json().get("error").asString()).isNotBlank();
					}
					SampleApp.Response action = app.post("/actuator/migrations",
							SampleApp.toJson(Map.of("action", value, "target", "head")));
					assertThat(action.status()).as("action '%s'", abbreviate(value)).isEqualTo(400);
					if (value.length() < 1000) {
						for (String query : List.of("page=" + encode(value), "size=" + encode(value),
								"page=0&size=" + encode(value))) {
							assertThat(app.get("/actuator/migrations/history?" + query).status())
								.as(query).isEqualTo(400);
						}
						assertThat(app.get("/actuator/migrations/" + encode(value).replace("+", "%20")).status())
							.as("part '%s'", value).isIn(400, 404);
					}
				}
				for (String query : List.of("page=-1", "size=0", "size=-5", "size=1001", "size=2147483648",
						"page=99999999999999999999", "page=1e3", "size=%00", "size=1%3B1")) {
					assertThat(app.get("/actuator/migrations/history?" + query).status()).as(query).isEqualTo(400);
				}
				SampleApp.Response farPage = app.get("/actuator/migrations/history?page=2147483647&size=1000");
				assertThat(farPage.status()).isEqualTo(200);
				assertThat(farPage.json().get("entries").size()).isZero();
				assertThat(app.post("/actuator/migrations", "{\"action\": \"migrate\", \"target\": ").status())
					.isEqualTo(400);
				assertThat(Snapshot.of(schema)).isEqualTo(before);
				assertThat(app.get("/actuator/migrations").json().get("current").get(0).asString())
					.isEqualTo(Scripts.SAMPLE_HEAD);
				// Refused requests ran nothing: the application's migrations are no less healthy.
				assertThat(app.get("/actuator/migrations").json().get("state").asString()).isEqualTo("UP_TO_DATE");
				assertThat(app.get("/actuator/health").json().get("components").get("migration").get("status")
					.asString()).isEqualTo("UP");
				assertThat(schema.rows("SELECT count(*) FROM users")).containsExactly("3");
			}
		}
	}

	static Scripts accountsScripts(Path directory) {
		Scripts scripts = new Scripts(directory).createDirectory();
		scripts.write("hostile01", "none", """
				CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(40));
				INSERT INTO accounts VALUES (1, 'one'), (2, 'two');""", "DROP TABLE accounts;");
		scripts.write("hostile02", "hostile01", "ALTER TABLE accounts ADD COLUMN note TEXT;",
				"ALTER TABLE accounts DROP COLUMN note;");
		return scripts;
	}

	static String abbreviate(String value) {
		return (value.length() > 60) ? value.substring(0, 60) + "... (" + value.length() + " chars)" : value;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * What a hostile call must not change: the tables' structure, the rows of
	 * {@code accounts} and {@code users}, and the history.
	 */
	record Snapshot(List<String> structure, List<String> rows, List<String> state, List<String> log) {

		static Snapshot of(PostgresSchema schema) {
			return of(schema.dataSource(), schema.name());
		}

		static Snapshot of(DataSource dataSource, String schema) {
			try (Connection connection = dataSource.getConnection()) {
				List<String> structure = Sql.rows(connection, "SELECT table_name || '.' || column_name || ' ' "
						+ "|| data_type || ' ' || is_nullable FROM information_schema.columns WHERE table_schema = '"
						+ schema + "' ORDER BY table_name, column_name");
				boolean hasHistory = structure.stream().anyMatch((column) -> column.startsWith("migration_history."));
				List<String> rows = new ArrayList<>();
				for (String table : List.of("accounts", "users")) {
					if (structure.stream().anyMatch((column) -> column.startsWith(table + "."))) {
						rows.addAll(Sql.rows(connection, "SELECT * FROM " + table + " ORDER BY id"));
					}
				}
				return new Snapshot(structure, rows,
						hasHistory ? Sql.rows(connection, "SELECT revision FROM migration_history_state "
								+ "ORDER BY revision") : List.of(),
						hasHistory ? Sql.rows(connection, "SELECT id, revision, action, success, error "
								+ "FROM migration_history ORDER BY id") : List.of());
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
