package dev.migration.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.DurationFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The packaged sample app, started as a process on a fresh database, reports one
 * duration per migration of its startup migration everywhere: the engine's log line,
 * {@code /actuator/migrations/history}, the {@code migration.duration} timer of
 * {@code /actuator/metrics} and {@code migration history} on the command line agree,
 * and none of the small migrations says {@code 0 ms}. On DuckDB and PostgreSQL. Run by
 * the failsafe plugin, which packages the jar first.
 */
class MigrationDurationsIT {

	private static final Pattern APPLIED = Pattern
		.compile("dev\\.migration\\s*: Applied ([0-9a-f]{12}) .* \\(([^()]+)\\)\\s*$", Pattern.MULTILINE);

	private static final Pattern SUMMARY = Pattern
		.compile("Applied 9 migration\\(s\\) in ([^;]+); (.+) in all, with reading the state and the lock");

	@TempDir
	Path directory;

	@Test
	void durationsAgreeOnDuckDb() {
		assertDurationsAgree("--spring.datasource.url=jdbc:duckdb:" + this.directory.resolve("durations.db"));
	}

	@Test
	void durationsAgreeOnPostgres() {
		try (PostgresSchema schema = PostgresSchema.create()) {
			assertDurationsAgree("--spring.profiles.active=staging", "--spring.datasource.url=" + schema.url(),
					"--spring.datasource.username=postgres", "--migration.schema=" + schema.name());
		}
	}

	private void assertDurationsAgree(String... arguments) {
		Map<String, String> logged;
		try (SampleAppServer app = SampleAppServer.start(this.directory, List.of(), SampleAppJar.packagedLaunch(),
				arguments)) {
			String log = app.log();
			logged = loggedDurations(log);
			assertThat(logged).as("one line per migration in%n%s", log).hasSize(9);
			assertThat(logged.values()).as("tiny migrations are not 0 ms").doesNotContain("0 ms");
			double sum = 0;
			for (JsonNode entry : app.http().get("/actuator/migrations/history?page=0&size=100").json().get("entries")) {
				String revision = entry.get("revision").asString();
				double millis = entry.get("durationMillis").asDouble();
				Duration duration = Duration.parse(entry.get("duration").asString());
				assertThat(millis).as(revision).isPositive().isEqualTo(DurationFormat.millis(duration));
				assertThat(DurationFormat.format(duration)).as("%s: history and log", revision)
					.isEqualTo(logged.get(revision));
				assertThat(timerMillis(app, revision)).as("%s: timer and history", revision)
					.isCloseTo(millis, within(0.0005));
				sum += millis;
			}
			JsonNode lastRun = app.http().get("/actuator/migrations").json().get("lastRun");
			assertThat(lastRun.get("durationMillis").asDouble()).as("the run's total").isGreaterThan(sum);
			Matcher summary = SUMMARY.matcher(log);
			assertThat(summary.find()).as("the run's summary in%n%s", log).isTrue();
			assertThat(summary.group(2))
				.isEqualTo(DurationFormat.format(Duration.parse(lastRun.get("duration").asString())));
		}
		// The command line, once the app let go of the database (a DuckDB file has one
		// process at a time), of the jar as built, as the server.
		String history = new SampleAppProcess(this.directory, arguments).asBuilt()
			.migration("history")
			.succeeded()
			.out();
		logged.forEach((revision, duration) -> assertThat(history.lines()
			.filter((line) -> line.contains(revision) && line.contains(" upgrade ")))
			.as("%s in%n%s", revision, history)
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("  " + duration + "  ")));
	}

	/**
	 * The duration of each migration's log line, by revision.
	 */
	private static Map<String, String> loggedDurations(String log) {
		Map<String, String> durations = new LinkedHashMap<>();
		Matcher matcher = APPLIED.matcher(log);
		while (matcher.find()) {
			durations.put(matcher.group(1), matcher.group(2));
		}
		return durations;
	}

	/**
	 * The total time of a revision's {@code migration.duration} timer, in milliseconds.
	 */
	private static double timerMillis(SampleAppServer app, String revision) {
		JsonNode timer = app.http().get("/actuator/metrics/migration.duration?tag=revision:" + revision).json();
		assertThat(timer.get("baseUnit").asString()).isEqualTo("seconds");
		for (JsonNode measurement : timer.get("measurements")) {
			if ("TOTAL_TIME".equals(measurement.get("statistic").asString())) {
				return measurement.get("value").asDouble() * 1000;
			}
		}
		throw new AssertionError("No TOTAL_TIME in " + timer);
	}

}
