package dev.migration.sample.jpa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Data JPA application that uses the migration starter and nothing else of it:
 * Hibernate validates the schema the migrations create ({@code ddl-auto=validate}) and a
 * runner reads it, so the migrations must run first, which the starter's default
 * ({@code migration.run-at=auto}) sees to.
 */
@SpringBootApplication
public class SampleJpaApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleJpaApplication.class, args);
	}

}
