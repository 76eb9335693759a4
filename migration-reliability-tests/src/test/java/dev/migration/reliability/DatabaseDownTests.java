package dev.migration.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database is down when the sample app starts: it fails with a clear message (or
 * keeps running with health {@code DOWN}), and the next start, with the database
 * back, migrates and serves.
 */
class DatabaseDownTests {

	@Test
	void unreachableDatabaseFailsStartupClearlyAfterTheRetriesAndTheNextStartRecovers() {
		int port = SampleApp.freePort();
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = arguments(schema, port);
			arguments.add("--migration.connect-retries=2");
			arguments.add("--migration.connect-retry-backoff=300ms");
			try (SampleApp app = SampleApp.start(arguments)) {
				assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
				assertThat(app.output()).contains("APPLICATION FAILED TO START").contains("after 3 attempts")
					.contains("Cannot connect to the database")
					.contains("127.0.0.1:" + port);
			}
			assertThat(schema.structure()).isEmpty();
			try (TcpForwarder forwarder = TcpForwarder.start(port, PostgresSchema.hostAndPort());
					SampleApp app = SampleApp.start(arguments)) {
				app.awaitReady(Duration.ofSeconds(60));
				assertThat(app.get("/actuator/migrations").json().get("current").get(0).asString())
					.isEqualTo(Scripts.SAMPLE_HEAD);
			}
		}
	}

	@Test
	void databaseThatStartsLateIsReachedByRetryingWithBackoff() {
		int port = SampleApp.freePort();
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = arguments(schema, port);
			arguments.add("--migration.connect-retries=8");
			arguments.add("--migration.connect-retry-backoff=500ms");
			try (SampleApp app = SampleApp.start(arguments)) {
				long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (!app.output().contains("Started SampleApplication") && System.nanoTime() < deadline
						&& app.isAlive()) {
					SampleApp.pause(100);
				}
				// The server appears a couple of seconds after the first attempts failed.
				SampleApp.pause(2500);
				assertThat(app.isAlive()).as(app::output).isTrue();
				try (TcpForwarder forwarder = TcpForwarder.start(port, PostgresSchema.hostAndPort())) {
					app.awaitReady(Duration.ofSeconds(60));
					assertThat(app.get("/actuator/migrations").json().get("current").get(0).asString())
						.isEqualTo(Scripts.SAMPLE_HEAD);
				}
			}
		}
	}

	@Test
	void unreachableDatabaseWithKeepRunningServesProbesWithMigrationHealthDown() {
		int port = SampleApp.freePort();
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = arguments(schema, port);
			arguments.add("--migration.on-failure=keep-running");
			arguments.add("--migration.connect-retries=1");
			arguments.add("--migration.connect-retry-backoff=100ms");
			try (SampleApp app = SampleApp.start(arguments)) {
				long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
				while (!app.output().contains("failed; the application keeps running")
						&& System.nanoTime() < deadline && app.isAlive()) {
					SampleApp.pause(200);
				}
				assertThat(app.output()).contains("Cannot connect to the database").contains("127.0.0.1:" + port);
				JsonNode health = app.get("/actuator/health").json();
				assertThat(health.get("components").get("migration").get("status").asString()).isEqualTo("DOWN");
				assertThat(app.get("/actuator/health/liveness").status()).isEqualTo(200);
			}
		}
	}

	private static List<String> arguments(PostgresSchema schema, int port) {
		String url = schema.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
		List<String> arguments = new ArrayList<>(schema.sampleAppArguments());
		arguments.removeIf((argument) -> argument.startsWith("--spring.datasource.url="));
		arguments.add("--spring.datasource.url=" + url + "&connectTimeout=2");
		arguments.add("--spring.datasource.hikari.connection-timeout=2000");
		return arguments;
	}

}
