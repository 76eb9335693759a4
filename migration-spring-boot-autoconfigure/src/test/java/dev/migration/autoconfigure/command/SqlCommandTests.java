package dev.migration.autoconfigure.command;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlCommand}.
 */
class SqlCommandTests {

	@TempDir
	Path directory;

	@Test
	void sqlRendersTheRangeForTheDialectGiven() {
		CommandLine.Run run = new CommandLine(this.directory, null).run("sql", "base:a1", "--dialect", "duckdb");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR);", "a1")
			.doesNotContain("ADD COLUMN email");
	}

	@Test
	void sqlTakesTheDialectFromTheDatasourceUrl() {
		CommandLine.Run run = new CommandLine(this.directory, CommandLine.url(this.directory)).run("sql", "base:a2");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("CREATE TABLE users", "ALTER TABLE users ADD COLUMN email VARCHAR;");
	}

	@Test
	void sqlWithoutADialectOrAUrlIsAUsageError() {
		CommandLine.Run run = new CommandLine(this.directory, null).run("sql", "base:a1");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("No datasource URL to take the dialect from: give --dialect postgresql or "
				+ "--dialect duckdb", "Usage: migration sql FROM:TO [options]", "--dialect NAME");
	}

}
