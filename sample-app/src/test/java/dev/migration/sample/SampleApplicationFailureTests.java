package dev.migration.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample app starting with a migration that fails, in both {@code on-failure}
 * modes, on DuckDB and PostgreSQL.
 */
class SampleApplicationFailureTests {

	@TempDir
	Path directory;

	@Test
	void failModeStopsTheApplicationOnDuckDb() {
		assertFailModeStops("--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("fail.db"));
	}

	@Test
	void failModeStopsTheApplicationOnPostgres() {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertFailModeStops("--spring.profiles.active=staging", "--spring.datasource.url=" + schema.url(),
					"--spring.datasource.username=postgres", "--migration.schema=" + schema.name());
		}
	}

	@Test
	void keepRunningModeServesWithHealthDownOnDuckDb() {
		assertKeepsRunning("--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("keep.db"));
	}

	@Test
	void keepRunningModeServesWithHealthDownOnPostgres() {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertKeepsRunning("--spring.profiles.active=staging", "--spring.datasource.url=" + schema.url(),
					"--spring.datasource.username=postgres", "--migration.schema=" + schema.name());
		}
	}

	private void assertFailModeStops(String... database) {
		assertThatException().isThrownBy(() -> start(database))
			.withStackTraceContaining("Upgrade of revision b0000000001")
			.withStackTraceContaining("failed at statement 2 (line 8: INSERT INTO no_such_table VALUES (1))");
	}

	private void assertKeepsRunning(String... database) {
		String[] arguments = concat(database, "--migration.on-failure=keep-running");
		try (ConfigurableApplicationContext context = start(arguments)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SampleHttp http = new SampleHttp(port);
			JsonNode status = http.get("/actuator/migrations").json();
			assertThat(status.get("state").asString()).isEqualTo("FAILED");
			assertThat(status.get("current").get(0).asString()).isEqualTo(SampleApplicationContract.HEAD);
			assertThat(status.get("lastRun").get("error").asString()).contains("b0000000001")
				.contains("no_such_table");
			JsonNode health = http.get("/actuator/health").json();
			assertThat(health.get("components").get("migration").get("status").asString()).isEqualTo("DOWN");
			assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
			assertThat(http.get("/api/users").json().size()).isEqualTo(3);
		}
	}

	private static ConfigurableApplicationContext start(String... database) {
		String[] arguments = concat(database, "--server.port=0",
				"--migration.locations=classpath:db/migration,classpath:db/broken");
		return new SpringApplicationBuilder(SampleApplication.class).run(arguments);
	}

	private static String[] concat(String[] first, String... second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
