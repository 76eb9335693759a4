package dev.migration.autoconfigure.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.migration.autoconfigure.MigrationAutoConfiguration;
import dev.migration.autoconfigure.MigrationManagerCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationCommandAutoConfiguration}.
 */
class MigrationCommandAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					MigrationAutoConfiguration.class, MigrationCommandAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + CommandLine.url(this.directory),
					"spring.datasource.driver-class-name=org.duckdb.DuckDBDriver",
					"spring.datasource.hikari.maximum-pool-size=2",
					MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY + "=true",
					MigrationCommandAutoConfiguration.SOURCE_DIRECTORY_PROPERTY + "=" + this.directory.resolve("scripts"));
	}

	@Test
	void commandModeHasTheCommandsAndTheirRunner() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(MigrationCommands.class)
			.hasSingleBean(MigrationCommandRunner.class)
			.hasSingleBean(CommandProgress.class));
	}

	@Test
	void withoutCommandModeThereAreNoCommands() {
		contextRunner().withPropertyValues(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY + "=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MigrationCommands.class));
	}

	@Test
	void createSeesTheScriptsOfTheManagerAsACustomizerSetsThem() {
		contextRunner()
			.withBean(MigrationManagerCustomizer.class, () -> (builder) -> builder.locations("classpath:db/customized"))
			.run((context) -> {
				assertThat(context.getBean(MigrationCommands.class)
					.execute("migration", "create", "Add total", "--no-autogenerate")).isZero();
				assertThat(createdScripts()).singleElement()
					.satisfies((file) -> assertThat(Files.readString(file)).contains("down_revision: c1"));
			});
	}

	@Test
	void createSeesTheScriptsOfTheManagerAsThePropertiesSetThem() {
		contextRunner().withPropertyValues("migration.locations=classpath:db/customized").run((context) -> {
			assertThat(context.getBean(MigrationCommands.class)
				.execute("migration", "create", "Add total", "--no-autogenerate")).isZero();
			assertThat(createdScripts()).singleElement()
				.satisfies((file) -> assertThat(Files.readString(file)).contains("down_revision: c1"));
		});
	}

	private List<Path> createdScripts() throws Exception {
		try (Stream<Path> files = Files.list(this.directory.resolve("scripts"))) {
			return files.toList();
		}
	}

}
