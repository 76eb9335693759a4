package dev.migration.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances of the sample app start at once against one PostgreSQL schema
 * with pending migrations: the lock lets one apply them, the others wait, re-read the
 * state and find nothing left to do.
 */
class ConcurrentStartupTests {

	private static final int INSTANCES = 6;

	private static final int MIGRATIONS = 20;

	@TempDir
	Path directory;

	@Test
	void instancesRacingAtStartupApplyEachMigrationExactlyOnceAndAllBecomeReady() {
		Scripts scripts = new Scripts(this.directory);
		String parent = Scripts.SAMPLE_HEAD;
		for (int i = 1; i <= MIGRATIONS; i++) {
			String revision = revision(i);
			// CREATE TABLE fails if run twice; the counter row shows how often each ran.
			String upgrade = ((i == 1) ? "CREATE TABLE race_counter (revision VARCHAR(20));\n" : "")
					+ "CREATE TABLE race_%02d (id INTEGER);\n".formatted(i)
					+ "INSERT INTO race_counter VALUES ('%s');".formatted(revision);
			String downgrade = "DROP TABLE race_%02d;".formatted(i) + ((i == 1) ? "\nDROP TABLE race_counter;" : "");
			scripts.write(revision, parent, upgrade, downgrade);
			parent = revision;
		}
		String head = parent;
		List<SampleApp> apps = new ArrayList<>();
		try (PostgresSchema schema = PostgresSchema.create()) {
			List<String> arguments = new ArrayList<>(schema.sampleAppArguments());
			arguments.add("--migration.locations=classpath:db/migration," + scripts.location());
			arguments.add("--spring.datasource.hikari.minimum-idle=1");
			for (int i = 0; i < INSTANCES; i++) {
				apps.add(SampleApp.start(arguments));
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
			for (SampleApp app : apps) {
				app.awaitReady(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
			}
			for (SampleApp app : apps) {
				JsonNode status = app.get("/actuator/migrations").json();
				assertThat(status.get("state").asString()).as(app.output()).isEqualTo("UP_TO_DATE");
				assertThat(status.get("current").get(0).asString()).isEqualTo(head);
				assertThat(app.isAlive()).isTrue();
				assertThat(app.output()).doesNotContain(" ERROR ", "Exception");
			}
			List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, 9)
				.mapToObj((i) -> "a1c0e5f0000" + i + "|1")
				.toList());
			IntStream.rangeClosed(1, MIGRATIONS).mapToObj((i) -> revision(i) + "|1").forEach(expected::add);
			assertThat(schema.rows("SELECT revision, count(*) FROM migration_history WHERE action = 'upgrade' "
					+ "GROUP BY revision ORDER BY revision"))
				.containsExactlyElementsOf(expected);
			assertThat(schema.rows("SELECT count(*) FROM migration_history WHERE NOT success")).containsExactly("0");
			assertThat(schema.rows("SELECT count(*) FROM migration_history_state")).containsExactly("29");
			assertThat(schema.rows("SELECT revision, count(*) FROM race_counter GROUP BY revision ORDER BY revision"))
				.containsExactlyElementsOf(IntStream.rangeClosed(1, MIGRATIONS)
					.mapToObj((i) -> revision(i) + "|1")
					.collect(Collectors.toList()));
		}
		finally {
			apps.forEach(SampleApp::close);
		}
	}

	private static String revision(int i) {
		return "race%08d".formatted(i);
	}

}
