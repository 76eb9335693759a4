package dev.migration.autoconfigure.command;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MigrationCommandEnvironmentPostProcessor} in an application processed
 * ahead of time.
 */
class MigrationCommandEnvironmentPostProcessorAotTests {

	@BeforeEach
	void useGeneratedArtifacts() {
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
	}

	@AfterEach
	void stopUsingGeneratedArtifacts() {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
	}

	@Test
	void commandModeIsRefusedRatherThanStartTheApplication() {
		StandardEnvironment environment = environment("migration", "rollback", "--revision=-1");
		assertThatIllegalStateException()
			.isThrownBy(() -> new MigrationCommandEnvironmentPostProcessor().postProcessEnvironment(environment,
					new SpringApplication()))
			.withMessage("The migration command line cannot run in an application processed ahead of time "
					+ "(spring.aot.enabled=true), whose beans were chosen when it was built: run the command without "
					+ "-Dspring.aot.enabled=true");
	}

	@Test
	void aNormalStartIsLeftAlone() {
		StandardEnvironment environment = environment("--server.port=0");
		new MigrationCommandEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(MigrationCommandEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	private static StandardEnvironment environment(String... arguments) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
		return environment;
	}

}
