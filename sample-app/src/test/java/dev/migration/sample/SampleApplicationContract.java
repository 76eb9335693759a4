package dev.migration.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the running sample app answers over HTTP once it migrated on startup, the same
 * on every database.
 */
abstract class SampleApplicationContract {

	static final String HEAD = "a1c0e5f00009";

	@LocalServerPort
	int port;

	SampleHttp http() {
		return new SampleHttp(this.port);
	}

	@Test
	void migratesOnStartupAndReportsItThroughTheEndpoint() {
		JsonNode status = http().get("/actuator/migrations").json();
		assertThat(status.get("state").asString()).isEqualTo("UP_TO_DATE");
		assertThat(status.get("current").get(0).asString()).isEqualTo(HEAD);
		assertThat(status.get("heads").get(0).asString()).isEqualTo(HEAD);
		assertThat(status.get("pending").size()).isZero();
		JsonNode lastRun = status.get("lastRun");
		assertThat(lastRun.get("outcome").asString()).isEqualTo("SUCCEEDED");
		assertThat(lastRun.get("applied").size()).isEqualTo(9);
		assertThat(status.toString()).doesNotContain("password");
	}

	@Test
	void servesTheHistoryNewestFirstWithPaging() {
		JsonNode page = http().get("/actuator/migrations/history?page=0&size=3").json();
		assertThat(page.get("entries").size()).isEqualTo(3);
		assertThat(page.get("entries").get(0).get("revision").asString()).isEqualTo(HEAD);
		assertThat(page.get("entries").get(0).get("action").asString()).isEqualToIgnoringCase("upgrade");
		assertThat(page.get("total").asInt()).isEqualTo(9);
		assertThat(http().get("/actuator/migrations/history?page=0&size=0").status()).isEqualTo(400);
	}

	@Test
	void verifiesTheScriptsAgainstTheDatabase() {
		JsonNode verify = http().get("/actuator/migrations/verify").json();
		assertThat(verify.get("ok").asBoolean()).isTrue();
		assertThat(verify.get("problems").size()).isZero();
	}

	@Test
	void reportsHealthInfoAndMetrics() {
		JsonNode health = http().get("/actuator/health").json();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode migration = health.get("components").get("migration");
		assertThat(migration.get("status").asString()).isEqualTo("UP");
		assertThat(migration.get("details").get("pending").asInt()).isZero();
		assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(http().get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(http().get("/actuator/info").json().get("migration").get("current").toString()).contains(HEAD);
		JsonNode applied = http().get("/actuator/metrics/migration.applied").json();
		assertThat(applied.get("measurements").get(0).get("value").asDouble()).isEqualTo(9.0);
		JsonNode duration = http().get("/actuator/metrics/migration.duration").json();
		assertThat(duration.get("measurements").get(0).get("value").asDouble()).isEqualTo(9.0);
		assertThat(duration.get("availableTags").toString()).contains("revision").contains("direction")
			.contains("outcome");
	}

	@Test
	void theApiReadsTheMigratedTables() {
		JsonNode users = http().get("/api/users").json();
		assertThat(users.size()).isEqualTo(3);
		assertThat(users.get(0).get("email").asString()).isEqualTo("ada@example.com");
		assertThat(users.get(0).get("fullName").asString()).isEqualTo("Ada Lovelace");
		long id = users.get(0).get("id").asLong();
		assertThat(http().get("/api/users/" + id + "/posts").json().get(0).get("title").asString())
			.isEqualTo("Hello from Ada Lovelace");
	}

	@Test
	void theWriteOperationIsAbsentUnlessEnabled() {
		assertThat(http().post("/actuator/migrations", "{\"action\": \"rollback\"}").status()).isIn(404, 405);
		assertThat(http().get("/actuator/migrations").json().get("current").get(0).asString()).isEqualTo(HEAD);
	}

}
