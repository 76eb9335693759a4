package dev.migration.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of several databases in a whole web application: a PostgreSQL database given by
 * a DataSource bean name ({@code reporting}, migrated during startup) and a DuckDB file
 * given by a URL ({@code analytics}, migrated once the application is ready), seen
 * through the actuator over HTTP.
 */
class MigrationInstancesApplicationTests {

	@TempDir
	Path directory;

	private PostgresDatabase postgres;

	@BeforeEach
	void createPostgresDatabase() {
		this.postgres = PostgresDatabase.create();
	}

	@AfterEach
	void dropPostgresDatabase() {
		this.postgres.close();
	}

	private ConfigurableApplicationContext run() {
		return new SpringApplicationBuilder(TwoDatabasesApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health,info,metrics,migrations",
					"management.endpoint.health.show-components=always", "test.reporting.url=" + this.postgres.url(),
					"migration.instances.reporting.data-source=reportingDataSource",
					"migration.instances.reporting.run-at=startup",
					"migration.instances.analytics.url=" + TestDatabase.url(this.directory, "analytics"),
					"migration.instances.analytics.locations=classpath:db/customized")
			.run();
	}

	@Test
	void theActuatorCoversEveryInstance() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBean("reportingMigrationRunner", MigrationRunner.class).getRunAt())
				.isEqualTo(MigrationProperties.RunAt.STARTUP);
			assertThat(context.getBean("analyticsMigrationRunner", MigrationRunner.class).getRunAt())
				.isEqualTo(MigrationProperties.RunAt.READY);
			assertThat(get(context, "/actuator/migrations")).satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"reporting\":{\"state\":\"UP_TO_DATE\",\"current\":[\"a2\"]",
						"\"analytics\":{\"state\":\"UP_TO_DATE\",\"current\":[\"c1\"]");
			});
			assertThat(get(context, "/actuator/migrations/reporting")).satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"current\":[\"a2\"]", "\"heads\":[\"a2\"]");
			});
			assertThat(get(context, "/actuator/migrations/reporting/history?size=1")).satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"total\":2", "\"size\":1");
			});
			assertThat(get(context, "/actuator/migrations/analytics/history?size=0").statusCode()).isEqualTo(400);
			assertThat(get(context, "/actuator/migrations/analytics/verify")).satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"ok\":true");
			});
			for (String path : new String[] { "/actuator/migrations/billing", "/actuator/migrations/billing/history" }) {
				assertThat(get(context, path)).satisfies((response) -> {
					assertThat(response.statusCode()).isEqualTo(404);
					assertThat(response.body()).contains("\"error\":\"No migration instance 'billing'\"",
							"\"instances\":[\"reporting\",\"analytics\"]");
				});
			}
			assertThat(get(context, "/actuator/health")).satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"migration\":{\"components\":{",
						"\"reporting\":{\"status\":\"UP\"}", "\"analytics\":{\"status\":\"UP\"}");
			});
			assertThat(get(context, "/actuator/info").body()).contains("\"migration\":{\"instances\":{",
					"\"reporting\":{\"current\":[\"a2\"]}", "\"analytics\":{\"current\":[\"c1\"]}");
			assertThat(get(context, "/actuator/metrics/migration.applied?tag=instance:reporting").body())
				.contains("\"value\":2.0");
			assertThat(get(context, "/actuator/metrics/migration.applied?tag=instance:analytics").body())
				.contains("\"value\":1.0");
		}
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) {
		URI uri = URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path);
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TwoDatabasesApplication {

		@Bean
		DataSource reportingDataSource(Environment environment) {
			return new SimpleDriverDataSource(new org.postgresql.Driver(),
					environment.getRequiredProperty("test.reporting.url"));
		}

	}

}
