package dev.migration.sample.jpa;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @DataJpaTest} slice of the repository on a fresh DuckDB file.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class CustomerRepositoryDuckDbTests {

	@TempDir
	static Path directory;

	@Autowired
	private CustomerRepository customers;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:duckdb:" + directory.resolve("slice.db"));
	}

	@Test
	void findsTheCustomersTheMigrationsSeeded() {
		assertThat(this.customers.findByEmail("ada@example.com")).get()
			.extracting(Customer::getName)
			.isEqualTo("Ada Lovelace");
		assertThat(this.customers.count()).isEqualTo(2);
	}

}
