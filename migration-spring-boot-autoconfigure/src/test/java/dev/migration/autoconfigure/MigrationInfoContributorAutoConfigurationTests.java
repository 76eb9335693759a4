package dev.migration.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.migration.MigrationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationInfoContributorAutoConfiguration}.
 */
class MigrationInfoContributorAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationInfoContributorAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabase.url(this.directory, "app"),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver");
	}

	@Test
	void contributesTheCurrentRevision() {
		contextRunner().run((context) -> {
			context.getBean(MigrationManager.class).migrate("a1");
			Info.Builder builder = new Info.Builder();
			context.getBean(MigrationInfoContributor.class).contribute(builder);
			assertThat(builder.build().getDetails()).containsEntry("migration", Map.of("current", List.of("a1")));
		});
	}

	@Test
	void noContributorWhenDisabled() {
		contextRunner().withPropertyValues("management.info.migration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationInfoContributor.class));
	}

}
