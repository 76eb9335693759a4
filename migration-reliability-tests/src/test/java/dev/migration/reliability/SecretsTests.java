package dev.migration.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No endpoint, log line or error message shows a database password, whether it comes
 * from {@code DATABASE_URL} or a JDBC URL, when things work and when they fail.
 */
class SecretsTests {

	private static final String SECRET = "s3cr3t";

	/** The password, URL-encoded in a URL: still the secret. */
	private static final String ENCODED_SECRET = "s3cr3t%21";

	private static final List<String> READS = List.of("/actuator", "/actuator/migrations",
			"/actuator/migrations/history?size=1000", "/actuator/migrations/verify", "/actuator/health",
			"/actuator/health/readiness", "/actuator/health/liveness", "/actuator/info", "/actuator/metrics",
			"/actuator/metrics/migration.duration", "/actuator/metrics/migration.failures",
			"/actuator/metrics/hikaricp.connections", "/actuator/env", "/actuator/configprops", "/api/users");

	/** No connection retries: failing fast is enough here. */
	private static final List<String> FAST_RETRIES = List.of("--migration.connect-retries=0");

	@TempDir
	Path directory;

	@Test
	void databaseUrlPasswordIsNeverShownWhileRunningOrWhenAMigrationFails() {
		Scripts scripts = new Scripts(this.directory);
		scripts.write("secret0001", Scripts.SAMPLE_HEAD, "INSERT INTO no_such_table VALUES (1);", "");
		try (PostgresSchema schema = PostgresSchema.create()) {
			String databaseUrl = "postgresql://postgres:" + SECRET + "%21@127.0.0.1:"
					+ PostgresSchema.hostAndPort().split(":")[1] + "/postgres?currentSchema=" + schema.name();
			List<String> arguments = List.of("--spring.profiles.active=staging", "--migration.schema=" + schema.name(),
					"--migration.locations=classpath:db/migration," + scripts.location(),
					"--migration.on-failure=keep-running", "--migration.endpoint.write-enabled=true");
			try (SampleApp app = SampleApp.start(arguments, Map.of("DATABASE_URL", databaseUrl))) {
				awaitOutput(app, "failed; the application keeps running");
				List<String> answers = new ArrayList<>();
				for (String path : READS) {
					answers.add(path + " -> " + app.get(path).body());
				}
				assertThat(app.get("/actuator/migrations").json().get("lastRun").get("error").asString())
					.contains("no_such_table");
				answers.add(app.post("/actuator/migrations",
						SampleApp.toJson(Map.of("action", "migrate", "target", "nowhere"))).body());
				answers.add(app.post("/actuator/migrations",
						SampleApp.toJson(Map.of("action", "migrate", "target", "head"))).body());
				assertThat(String.join("\n", answers)).doesNotContain(SECRET, ENCODED_SECRET);
				assertThat(app.output()).doesNotContain(SECRET, ENCODED_SECRET).contains("no_such_table");
			}
		}
	}

	@Test
	void databaseUrlPasswordIsNeverShownWhenTheServerCannotBeReached() {
		String databaseUrl = "postgresql://postgres:" + SECRET + "@127.0.0.1:" + SampleApp.freePort() + "/app";
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=staging",
				"--migration.on-failure=keep-running", "--spring.datasource.hikari.connection-timeout=1000"));
		arguments.addAll(FAST_RETRIES);
		try (SampleApp app = SampleApp.start(arguments, Map.of("DATABASE_URL", databaseUrl))) {
			awaitOutput(app, "failed; the application keeps running");
			List<String> answers = new ArrayList<>();
			for (String path : READS) {
				answers.add(path + " -> " + app.get(path).body());
			}
			assertThat(String.join("\n", answers)).doesNotContain(SECRET);
			assertThat(app.output()).doesNotContain(SECRET);
		}
	}

	@Test
	void jdbcUrlPasswordIsNeverShownWhenStartupFails() {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=staging",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + SampleApp.freePort()
						+ "/app?user=postgres&password=" + SECRET + "&connectTimeout=1",
				"--spring.datasource.password=" + SECRET, "--migration.password=" + SECRET,
				"--spring.datasource.hikari.connection-timeout=1000"));
		arguments.addAll(FAST_RETRIES);
		try (SampleApp app = SampleApp.start(arguments)) {
			assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
			assertThat(app.output()).contains("127.0.0.1").doesNotContain(SECRET);
		}
	}

	@Test
	void commandLineNeverShowsThePasswordWorkingOrFailing() {
		try (PostgresSchema schema = PostgresSchema.create()) {
			String working = "postgresql://postgres:" + SECRET + "@" + PostgresSchema.hostAndPort()
					+ "/postgres?currentSchema=" + schema.name();
			String unreachable = "postgresql://postgres:" + SECRET + "@127.0.0.1:" + SampleApp.freePort() + "/app";
			List<String> options = List.of("--verbose", "--spring.profiles.active=staging",
					"--migration.schema=" + schema.name(), "--migration.connect-retries=0");
			Map<List<String>, Integer> commands = Map.of(List.of("migrate"), 0, List.of("status", "--json"), 0,
					List.of("rollback", "--revision", "nowhere"), 1);
			for (List<String> command : List.of(List.of("migrate"), List.of("status", "--json"),
					List.of("rollback", "--revision", "nowhere"))) {
				List<String> arguments = new ArrayList<>(command);
				arguments.addAll(options);
				try (SampleApp cli = SampleApp.command(arguments, Map.of("DATABASE_URL", working))) {
					assertThat(cli.awaitExit(Duration.ofSeconds(60))).as(cli::output).isEqualTo(commands.get(command));
					assertThat(cli.output()).as(String.join(" ", command)).doesNotContain(SECRET);
				}
			}
			assertThat(schema.rows("SELECT count(*) FROM users")).containsExactly("3");
			List<String> failing = new ArrayList<>(List.of("status"));
			failing.addAll(options);
			try (SampleApp cli = SampleApp.command(failing, Map.of("DATABASE_URL", unreachable))) {
				assertThat(cli.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
				assertThat(cli.output()).contains("Cannot connect to the database").doesNotContain(SECRET);
			}
		}
	}

	private static void awaitOutput(SampleApp app, String text) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (app.output().contains(text)) {
				return;
			}
			if (!app.isAlive()) {
				throw new AssertionError("The sample app exited before logging '" + text + "':\n" + app.output());
			}
			SampleApp.pause(200);
		}
		throw new AssertionError("The sample app did not log '" + text + "' within 90s:\n" + app.output());
	}

}
