package dev.migration.autoconfigure.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link DuckDbFileCheck} on files no other process holds; the packaged sample
 * app's command-line test runs it against the file of a running application.
 */
class DuckDbFileCheckTests {

	@TempDir
	Path directory;

	@Test
	void aFreeFileIsLeftToThePoolOfTheCommand() throws Exception {
		try (HikariDataSource pool = pool("jdbc:duckdb:" + this.directory.resolve("free.db"))) {
			new DuckDbFileCheck(() -> pool, new String[] { "migration", "status" }).refuseIfHeld();
			try (Connection connection = pool.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT 42")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getInt(1)).isEqualTo(42);
			}
		}
	}

	@Test
	void aCommandThatNeverConnectsLeavesTheFileUnopened() {
		Path file = this.directory.resolve("offline.db");
		try (HikariDataSource pool = pool("jdbc:duckdb:" + file)) {
			new DuckDbFileCheck(() -> pool, new String[] { "migration", "sql", "base:head" }).refuseIfHeld();
			new DuckDbFileCheck(() -> pool, new String[] { "migration", "heads" }).refuseIfHeld();
			new DuckDbFileCheck(() -> pool, new String[] { "migration", "statuss" }).refuseIfHeld();
		}
		assertThat(file).doesNotExist();
		assertThatNoException()
			.isThrownBy(() -> new DuckDbFileCheck(() -> null, new String[] { "migration", "status" }).refuseIfHeld());
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		return pool;
	}

}
