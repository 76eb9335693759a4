package dev.migration.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.migration.JavaMigration;
import dev.migration.MigrationContext;
import dev.migration.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the {@link MigrationRunner} in whole applications: readiness while migrating,
 * probes served by the web server meanwhile, and a failure stopping the application.
 */
class MigrationRunnerApplicationTests {

	@TempDir
	Path directory;

	private SpringApplicationBuilder application(WebApplicationType type, String... properties) {
		return application(ProbingApplication.class, type, properties);
	}

	private SpringApplicationBuilder application(Class<?> source, WebApplicationType type, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
				"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver", "server.port=0",
				"management.endpoints.web.exposure.include=health,migrations",
				"management.endpoint.health.probes.enabled=true", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(source).web(type).properties(all.toArray(String[]::new));
	}

	@Test
	void refusesTrafficWhileMigratingAndServesProbes() {
		try (ConfigurableApplicationContext context = application(WebApplicationType.SERVLET).run()) {
			ProbingMigration probe = context.getBean(ProbingMigration.class);
			assertThat(probe.readiness).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			assertThat(probe.liveness).isEqualTo(LivenessState.CORRECT);
			assertThat(probe.readinessProbe).isEqualTo(503);
			assertThat(probe.livenessProbe).isEqualTo(200);
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(context.getBean(MigrationRunState.class).getLastRun().applied()).containsExactly("a1", "a2",
					"p3");
			assertThat(get(context, "/actuator/health/readiness")).isEqualTo(200);
			assertThat(get(context, "/actuator/migrations")).isEqualTo(200);
			assertThat(get(context, "/actuator/migrations/history?size=0")).isEqualTo(400);
			assertThat(get(context, "/actuator/migrations/verify")).isEqualTo(200);
			// Without the write extension the operation does not exist: Spring MVC answers
			// 405, as the path has a GET mapping.
			assertThat(post(context, "/actuator/migrations")).isEqualTo(405);
		}
	}

	@Test
	void writeOperationIsServedWhenEnabled() {
		try (ConfigurableApplicationContext context = application(WebApplicationType.SERVLET,
				"migration.endpoint.write-enabled=true")
			.run()) {
			assertThat(post(context, "/actuator/migrations")).isEqualTo(200);
		}
	}

	@Test
	void failureStopsTheApplication() {
		SpringApplicationBuilder application = application(PlainApplication.class, WebApplicationType.NONE,
				"migration.locations=classpath:db/failing");
		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(application::run)
			.withMessageContaining("b2_broken.sql");
	}

	private static int get(ConfigurableApplicationContext context, String path) {
		return send(HttpRequest.newBuilder(uri(context.getEnvironment(), path)).GET().build());
	}

	private static int post(ConfigurableApplicationContext context, String path) {
		return send(HttpRequest.newBuilder(uri(context.getEnvironment(), path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"migrate\", \"target\": \"head\"}"))
			.build());
	}

	private static URI uri(Environment environment, String path) {
		return URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
	}

	private static int send(HttpRequest request) {
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProbingApplication {

		@Bean
		ProbingMigration probingMigration(ApplicationAvailability availability, Environment environment) {
			return new ProbingMigration(availability, environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlainApplication {

	}

	/**
	 * A migration that looks at the application's availability while it runs.
	 */
	static class ProbingMigration implements JavaMigration {

		private final ApplicationAvailability availability;

		private final Environment environment;

		volatile ReadinessState readiness;

		volatile LivenessState liveness;

		volatile int readinessProbe;

		volatile int livenessProbe;

		ProbingMigration(ApplicationAvailability availability, Environment environment) {
			this.availability = availability;
			this.environment = environment;
		}

		@Override
		public String revision() {
			return "p3";
		}

		@Override
		public List<String> downRevisions() {
			return List.of("a2");
		}

		@Override
		public String message() {
			return "Probe the application";
		}

		@Override
		public void upgrade(MigrationContext context) {
			this.readiness = this.availability.getReadinessState();
			this.liveness = this.availability.getLivenessState();
			if (this.environment.containsProperty("local.server.port")) {
				this.readinessProbe = send(HttpRequest
					.newBuilder(uri(this.environment, "/actuator/health/readiness"))
					.GET()
					.build());
				this.livenessProbe = send(HttpRequest
					.newBuilder(uri(this.environment, "/actuator/health/liveness"))
					.GET()
					.build());
			}
		}

		@Override
		public void downgrade(MigrationContext context) {
		}

	}

}
