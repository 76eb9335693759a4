package dev.migration.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's write operation: absent unless enabled, and a production rollback
 * only with the confirmation, on the sample app over PostgreSQL.
 */
class WriteOperationGuardTests {

	private static final String PREVIOUS = "a1c0e5f00008";

	@Test
	void writeOperationIsAbsentWhileWriteIsDisabled() {
		try (PostgresSchema schema = PostgresSchema.create();
				SampleApp app = SampleApp.start(schema.sampleAppArguments())) {
			app.awaitReady(Duration.ofSeconds(60));
			HostileInputTests.Snapshot before = HostileInputTests.Snapshot.of(schema);
			for (Map<String, String> body : List.of(Map.of("action", "rollback", "target", "-1"),
					Map.of("action", "rollback", "target", "base", "confirm", "base"),
					Map.of("action", "migrate", "target", "head"))) {
				SampleApp.Response response = app.post("/actuator/migrations", SampleApp.toJson(body));
				assertThat(response.status()).as(response.body()).isIn(404, 405);
			}
			assertThat(app.get("/actuator/migrations").status()).isEqualTo(200);
			assertThat(HostileInputTests.Snapshot.of(schema)).isEqualTo(before);
			assertThat(current(app)).isEqualTo(Scripts.SAMPLE_HEAD);
		}
	}

	@Test
	void productionRollbackIsRefusedWithoutTheConfirmationAndRunsWithIt() {
		assertProductionRollbackGuarded("--spring.profiles.active=prod");
	}

	@Test
	void rollbackInAnEnvironmentNamedProductionIsGuardedToo() {
		assertProductionRollbackGuarded("--spring.profiles.active=staging", "--migration.environment=production");
	}

	private void assertProductionRollbackGuarded(String... production) {
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = new ArrayList<>(schema.sampleAppArguments());
			arguments.removeIf((argument) -> argument.startsWith("--spring.profiles.active="));
			arguments.addAll(List.of(production));
			// The prod profile's pool is sized for production; keep the test's small.
			arguments.add("--spring.datasource.hikari.minimum-idle=1");
			arguments.add("--spring.datasource.hikari.maximum-pool-size=4");
			arguments.add("--migration.endpoint.write-enabled=true");
			try (SampleApp app = SampleApp.start(arguments)) {
				app.awaitReady(Duration.ofSeconds(60));
				HostileInputTests.Snapshot before = HostileInputTests.Snapshot.of(schema);
				SampleApp.Response refused = app.post("/actuator/migrations",
						SampleApp.toJson(Map.of("action", "rollback", "target", "-1")));
				assertThat(refused.status()).as(refused.body()).isEqualTo(400);
				assertThat(refused.json().get("error").asString()).contains("Production protection")
					.contains(PREVIOUS);
				for (String wrong : List.of("-1", "a1c0e5f00007", Scripts.SAMPLE_HEAD, "yes", "a1c0e5f0000")) {
					SampleApp.Response unconfirmed = app.post("/actuator/migrations",
							SampleApp.toJson(Map.of("action", "rollback", "target", "-1", "confirm", wrong)));
					assertThat(unconfirmed.status()).as("confirm %s: %s", wrong, unconfirmed.body()).isEqualTo(400);
				}
				assertThat(HostileInputTests.Snapshot.of(schema)).isEqualTo(before);
				assertThat(current(app)).isEqualTo(Scripts.SAMPLE_HEAD);

				SampleApp.Response confirmed = app.post("/actuator/migrations",
						SampleApp.toJson(Map.of("action", "rollback", "target", "-1", "confirm", PREVIOUS)));
				assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
				JsonNode run = confirmed.json();
				assertThat(run.get("operation").asString()).isEqualTo("ROLLBACK");
				assertThat(run.get("applied").get(0).get("id").asString()).isEqualTo(Scripts.SAMPLE_HEAD);
				assertThat(current(app)).isEqualTo(PREVIOUS);
				assertThat(schema.rows("SELECT revision, action FROM migration_history ORDER BY id DESC LIMIT 1"))
					.containsExactly(Scripts.SAMPLE_HEAD + "|downgrade");
				assertThat(schema.rows("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
						+ schema.name() + "' AND table_name = 'posts'")).containsExactly("0");
			}
		}
	}

	private static String current(SampleApp app) {
		return app.get("/actuator/migrations").json().get("current").get(0).asString();
	}

}
