package dev.migration.sample.jpa;

import java.nio.file.Path;
import java.util.List;

import dev.migration.HistoryAction;
import dev.migration.HistoryEntry;
import dev.migration.MigrationManager;
import dev.migration.autoconfigure.test.MigrateFromBase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MigrateFromBase @MigrateFromBase}: a test class starts from a freshly migrated
 * schema, whatever the classes before it left in the same cached context. The outer
 * class's test runs first and leaves a row; the nested class, annotated, does not see it.
 */
@SpringBootTest
class MigrateFromBaseTests {

	@TempDir
	static Path directory;

	@Autowired
	CustomerRepository customers;

	@Autowired
	MigrationManager migrationManager;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:duckdb:" + directory.resolve("app.db"));
	}

	@Test
	void leavesARowBehind() {
		this.customers.save(new Customer("Grace Hopper", "grace@example.com"));
		assertThat(this.customers.count()).isEqualTo(3);
	}

	@Nested
	@MigrateFromBase
	class FromBase {

		@Test
		void startsFromTheMigratedSchemaAlone() {
			assertThat(MigrateFromBaseTests.this.customers.count()).isEqualTo(2);
			assertThat(MigrateFromBaseTests.this.customers.findByEmail("grace@example.com")).isEmpty();
			List<HistoryAction> actions = MigrateFromBaseTests.this.migrationManager.history()
				.stream()
				.map(HistoryEntry::action)
				.toList();
			// Newest first: upgraded again after both downgrades, after the first start's upgrades.
			assertThat(actions).containsExactly(HistoryAction.UPGRADE, HistoryAction.UPGRADE, HistoryAction.DOWNGRADE,
					HistoryAction.DOWNGRADE, HistoryAction.UPGRADE, HistoryAction.UPGRADE);
		}

	}

}
