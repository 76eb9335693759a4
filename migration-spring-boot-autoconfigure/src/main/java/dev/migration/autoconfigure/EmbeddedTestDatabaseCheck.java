package dev.migration.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import dev.migration.MigrationException;

import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;

/**
 * Refuses an embedded database that Spring put in place of the application's own, as
 * the test slices that set up a database ({@code @DataJpaTest}, {@code @JdbcTest},
 * {@code @DataJdbcTest}) and {@code @AutoConfigureTestDatabase} do by default: H2,
 * HSQLDB or Derby, none of which the migrations support. Without this the failure
 * would only name the database, not the annotation that put it there and the way out.
 */
final class EmbeddedTestDatabaseCheck {

	private EmbeddedTestDatabaseCheck() {
	}

	/**
	 * Checks the DataSource to migrate.
	 * @param dataSource the DataSource
	 * @throws MigrationException if it is an embedded database other than DuckDB
	 */
	static void check(DataSource dataSource) {
		if (!(dataSource instanceof EmbeddedDatabase)) {
			return;
		}
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException ex) {
			// Not ours to report: the run meets it again and says what failed.
			return;
		}
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("duckdb") || name.contains("postgres")) {
			return;
		}
		throw new MigrationException("The DataSource to migrate is an embedded " + product + " database, which the "
				+ "migrations do not support (they run on PostgreSQL and DuckDB). Test slices such as @DataJpaTest, "
				+ "@JdbcTest and @DataJdbcTest replace the application's DataSource with an embedded database: "
				+ "annotate the test with @AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE) "
				+ "and give it a PostgreSQL or DuckDB spring.datasource.url");
	}

}
