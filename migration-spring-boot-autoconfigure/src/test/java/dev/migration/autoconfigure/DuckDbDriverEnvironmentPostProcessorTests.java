package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DuckDbDriverEnvironmentPostProcessor}.
 */
class DuckDbDriverEnvironmentPostProcessorTests {

	private static final String DRIVER = "spring.datasource.driver-class-name";

	@TempDir
	Path directory;

	private MockEnvironment process(String... keysAndValues) {
		MockEnvironment environment = new MockEnvironment();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			environment.setProperty(keysAndValues[i], keysAndValues[i + 1]);
		}
		new DuckDbDriverEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	@Test
	void suppliesTheDriverForADuckDbUrl() {
		assertThat(process("spring.datasource.url", "jdbc:duckdb:app.db").getProperty(DRIVER))
			.isEqualTo("org.duckdb.DuckDBDriver");
		assertThat(process("spring.datasource.url", " JDBC:DUCKDB:").getProperty(DRIVER))
			.isEqualTo("org.duckdb.DuckDBDriver");
	}

	@Test
	void leavesADriverTheUserSet() {
		assertThat(process("spring.datasource.url", "jdbc:duckdb:app.db", DRIVER, "com.example.Wrapper")
			.getProperty(DRIVER)).isEqualTo("com.example.Wrapper");
		assertThat(Binder.get(process("spring.datasource.url", "jdbc:duckdb:app.db", "spring.datasource.driverClassName",
				"com.example.Wrapper"))
			.bind(DRIVER, String.class)
			.get()).isEqualTo("com.example.Wrapper");
	}

	@Test
	void followsAUrlSetAfterTheEnvironmentWasPrepared() {
		MockEnvironment environment = process("spring.datasource.url", "jdbc:duckdb:app.db");
		// As @DynamicPropertySource does: a source of higher precedence, added later.
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", "jdbc:postgresql://localhost/t")));
		assertThat(environment.getProperty(DRIVER)).isNull();
		environment.getPropertySources()
			.replace("test", new MapPropertySource("test", Map.of("spring.datasource.url", "jdbc:duckdb:t.db")));
		assertThat(environment.getProperty(DRIVER)).isEqualTo("org.duckdb.DuckDBDriver");
	}

	@Test
	void isBoundByTheDataSourceProperties() {
		MockEnvironment environment = process("spring.datasource.url", "jdbc:duckdb:app.db");
		assertThat(Binder.get(environment).bind(DRIVER, String.class).get()).isEqualTo("org.duckdb.DuckDBDriver");
	}

	@Test
	void leavesOtherDatabasesToSpringBoot() {
		assertThat(process("spring.datasource.url", "jdbc:postgresql://localhost/app").getProperty(DRIVER)).isNull();
		assertThat(process().getProperty(DRIVER)).isNull();
	}

	@Test
	void anApplicationStartsAndMigratesWithTheDuckDbUrlAlone() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
					"spring.main.banner-mode=off")
			.run()) {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(HikariDataSource.class);
			assertThat(((HikariDataSource) dataSource).getDriverClassName()).isEqualTo("org.duckdb.DuckDBDriver");
			assertThat(TestDatabase.hasTable(dataSource, "users")).isTrue();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlainApplication {

	}

}
