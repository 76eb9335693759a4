package dev.migration.benchmark.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application whose start the benchmarks time: a web server, Actuator's health
 * probes and a JDBC {@code DataSource} on PostgreSQL, and whatever migration tool its
 * class path holds.
 */
@SpringBootApplication
public class StartApplication {

	/**
	 * Starts the application.
	 * @param args Spring Boot's command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(StartApplication.class, args);
	}

}
