package dev.migration.sample.jpa;

import java.nio.file.Path;
import java.util.List;

import dev.migration.MigrationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @JdbcTest} slice on a fresh DuckDB file: no JPA in the slice, and the
 * migrations still run before the test reads the schema.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class CustomerJdbcTests {

	@TempDir
	static Path directory;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MigrationManager migrationManager;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:duckdb:" + directory.resolve("slice.db"));
	}

	@Test
	void readsTheMigratedSchema() {
		List<String> emails = this.jdbc.sql("SELECT email FROM customers ORDER BY email").query(String.class).list();
		assertThat(emails).containsExactly("ada@example.com", "alan@example.com");
		assertThat(this.migrationManager.status().pending()).isEmpty();
	}

}
