package dev.migration.sample.jpa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @DataJpaTest} slice of the repository on PostgreSQL: the migration
 * auto-configuration takes part in the slice, so Hibernate validates and the repository
 * reads the migrated schema.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("postgres")
class CustomerRepositoryPostgresTests {

	private static final PostgresDatabase database = PostgresDatabase.create();

	@Autowired
	private CustomerRepository customers;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::url);
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void findsTheCustomersTheMigrationsSeeded() {
		assertThat(this.customers.findByEmail("alan@example.com")).get()
			.extracting(Customer::getName)
			.isEqualTo("Alan Turing");
		assertThat(this.customers.count()).isEqualTo(2);
	}

	@Test
	void savesIntoTheMigratedTable() {
		Customer saved = this.customers.saveAndFlush(new Customer("Grace Hopper", "grace@example.com"));
		assertThat(saved.getId()).isNotNull();
		assertThat(this.customers.count()).isEqualTo(3);
	}

}
