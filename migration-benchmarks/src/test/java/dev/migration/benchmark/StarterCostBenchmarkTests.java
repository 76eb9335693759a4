package dev.migration.benchmark;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link StarterCostBenchmark} tells the project's installed jars from its
 * own build's.
 */
class StarterCostBenchmarkTests {

	@Test
	void jarInTheMavenRepositoryLayoutIsInstalled() {
		assertThat(StarterCostBenchmark.isInstalledProjectJar(Path.of("/root/.m2/repository/dev/migration/"
				+ "migration-core/0.1.0-SNAPSHOT/migration-core-0.1.0-SNAPSHOT.jar"))).isTrue();
	}

	@Test
	void buildOfAProjectCheckedOutUnderDevMigrationIsNotInstalled() {
		assertThat(StarterCostBenchmark.isInstalledProjectJar(
				Path.of("/home/me/dev/migration/migration-core/target/migration-core-0.1.0-SNAPSHOT.jar")))
			.isFalse();
		assertThat(StarterCostBenchmark
			.isInstalledProjectJar(Path.of("/home/me/dev/migration/migration-core/target/classes"))).isFalse();
	}

}
