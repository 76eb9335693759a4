package dev.migration.autoconfigure.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.migration.HistoryAction;
import dev.migration.HistoryEntry;
import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationInstances;
import dev.migration.autoconfigure.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MigrateFromBaseTestExecutionListener} with several databases
 * ({@code migration.instances}): a PostgreSQL database ({@code reporting}, held at
 * revision {@code a1} by its own target) and a DuckDB file ({@code analytics}). The
 * annotated class is prepared by Spring's {@link TestContextManager}, as a test run
 * would, twice on the same cached context.
 */
class MigrateFromBaseTestExecutionListenerTests {

	static PostgresDatabase postgres;

	static Path directory;

	@BeforeAll
	static void createDatabases() throws Exception {
		postgres = PostgresDatabase.create();
		directory = Files.createTempDirectory("migrate-from-base");
	}

	@AfterAll
	static void dropDatabases() throws Exception {
		postgres.close();
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	void everyInstanceStartsFromBaseAtItsOwnTarget() throws Exception {
		TestContextManager first = new TestContextManager(InstancesTestClass.class);
		first.beforeTestClass();
		ApplicationContext context = first.getTestContext().getApplicationContext();
		try {
			MigrationInstances instances = context.getBean(MigrationInstances.class);
			assertThat(instances.manager("reporting").currentRevisions()).containsExactly("a1");
			assertThat(instances.manager("analytics").currentRevisions()).containsExactly("c1");
			// What an earlier test class leaves in the cached context.
			JdbcTemplate reporting = new JdbcTemplate(instances.instance("reporting").dataSource());
			JdbcTemplate analytics = new JdbcTemplate(instances.instance("analytics").dataSource());
			reporting.update("INSERT INTO users (id, name) VALUES (1, 'Ada')");
			analytics.update("INSERT INTO orders (id) VALUES (7)");

			TestContextManager next = new TestContextManager(InstancesTestClass.class);
			next.beforeTestClass();
			assertThat(next.getTestContext().getApplicationContext()).isSameAs(context);
			assertThat(reporting.queryForObject("SELECT count(*) FROM users", Integer.class)).isZero();
			assertThat(analytics.queryForObject("SELECT count(*) FROM orders", Integer.class)).isZero();
			assertThat(instances.manager("reporting").currentRevisions()).containsExactly("a1");
			assertThat(instances.manager("analytics").currentRevisions()).containsExactly("c1");
			// Newest first: each class rolled back and migrated again, after the start's run.
			assertThat(actions(instances, "analytics")).containsExactly(HistoryAction.UPGRADE,
					HistoryAction.DOWNGRADE, HistoryAction.UPGRADE, HistoryAction.DOWNGRADE, HistoryAction.UPGRADE);
		}
		finally {
			first.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

	@Test
	void withoutAManagerTheClassFailsSayingWhatItNeeds() throws Exception {
		TestContextManager manager = new TestContextManager(WithoutManagerTestClass.class);
		try {
			assertThatIllegalStateException().isThrownBy(manager::beforeTestClass)
				.withMessage("@MigrateFromBase on " + WithoutManagerTestClass.class.getName()
						+ " needs one MigrationManager in the test's application context, or migration.instances, "
						+ "and it has 0: give the test a DataSource (and migration.enabled=true), or remove the "
						+ "annotation");
		}
		finally {
			manager.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

	private static List<HistoryAction> actions(MigrationInstances instances, String name) {
		return instances.manager(name).history().stream().map(HistoryEntry::action).toList();
	}

	@SpringBootTest(classes = InstancesConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
	@MigrateFromBase
	static class InstancesTestClass {

		@DynamicPropertySource
		static void databases(DynamicPropertyRegistry registry) {
			registry.add("migration.instances.reporting.url", postgres::url);
			registry.add("migration.instances.reporting.target", () -> "a1");
			registry.add("migration.instances.analytics.url",
					() -> "jdbc:duckdb:" + directory.resolve("analytics.db").toAbsolutePath());
			registry.add("migration.instances.analytics.locations", () -> "classpath:db/customized");
		}

	}

	@SpringBootTest(classes = InstancesConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
			properties = "migration.enabled=false")
	@MigrateFromBase
	static class WithoutManagerTestClass {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(MigrationAutoConfiguration.class)
	static class InstancesConfiguration {

	}

}
