package dev.migration.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DuckDB file belongs to the one process that opened it: a running application's pool
 * keeps it for the pool's life. A second instance of the application, or the command line
 * run against the same file, fails with an error that names the process holding it,
 * changes nothing, and the file stays whole for its owner and for later runs.
 */
class DuckDbFileHeldTests {

	@TempDir
	Path directory;

	@Test
	void aSecondPoolOrTheCommandLineOnARunningApplicationsFileFailsNamingTheHolder() {
		Path database = this.directory.resolve("held.db");
		List<String> arguments = List.of("--spring.profiles.active=dev", "--spring.datasource.url=jdbc:duckdb:" + database,
				"--migration.echo=false");
		try (SampleApp owner = SampleApp.start(arguments)) {
			owner.awaitReady(Duration.ofSeconds(90));
			String holder = "PID " + owner.pid();

			// No retries: the file stays held for as long as its owner runs.
			List<String> second = List.of("--spring.profiles.active=dev", "--spring.datasource.url=jdbc:duckdb:" + database,
					"--migration.connect-retries=0");
			try (SampleApp instance = SampleApp.start(second)) {
				assertThat(instance.awaitExit(Duration.ofSeconds(90))).as(instance::output).isNotZero();
				assertThat(instance.output()).contains("The DuckDB database file is held by another process")
					.contains(holder);
			}
			try (SampleApp status = SampleApp.command(List.of("status", "--spring.datasource.url=jdbc:duckdb:" + database,
					"--migration.connect-retries=0"), Map.of())) {
				assertThat(status.awaitExit(Duration.ofSeconds(90))).as(status::output).isNotZero();
				assertThat(status.output()).contains("The DuckDB database file is held by another process")
					.contains(holder);
			}

			JsonNode state = owner.get("/actuator/migrations").json();
			assertThat(state.get("state").asString()).isEqualTo("UP_TO_DATE");
			assertThat(state.get("current").get(0).asString()).isEqualTo(Scripts.SAMPLE_HEAD);
		}
		try (SampleApp verify = SampleApp.command(List.of("verify", "--spring.datasource.url=jdbc:duckdb:" + database),
				Map.of())) {
			assertThat(verify.awaitExit(Duration.ofSeconds(90))).as(verify::output).isZero();
			assertThat(verify.output()).as(verify::output).doesNotContain("held by another process");
		}
		try (SampleApp current = SampleApp.command(
				List.of("current", "--json", "--spring.datasource.url=jdbc:duckdb:" + database), Map.of())) {
			assertThat(current.awaitExit(Duration.ofSeconds(90))).as(current::output).isZero();
			assertThat(current.output()).contains(Scripts.SAMPLE_HEAD);
		}
	}

}
