package dev.migration.benchmark.app;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's one endpoint, so that it has a controller and a use of its
 * database like any small service: how many tables the current schema holds.
 */
@RestController
class TablesController {

	private final JdbcClient jdbc;

	TablesController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/tables")
	long tables() {
		return this.jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
			.query(Long.class)
			.single();
	}

}
