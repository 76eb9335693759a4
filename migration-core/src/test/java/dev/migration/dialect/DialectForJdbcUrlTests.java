package dev.migration.dialect;

import org.junit.jupiter.api.Test;

import dev.migration.MigrationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Dialect#forJdbcUrl}: the dialect comes from the URL's scheme, never
 * from a database or file name further on.
 */
class DialectForJdbcUrlTests {

	@Test
	void aDuckDbFileNamedAfterPostgresIsDuckDb() {
		assertThat(Dialect.forJdbcUrl("jdbc:duckdb:/data/postgres_copy.db")).isSameAs(Dialect.duckdb());
	}

	@Test
	void aPostgresDatabaseNamedAfterDuckDbIsPostgres() {
		assertThat(Dialect.forJdbcUrl("jdbc:postgresql://localhost:5432/duckdb_import")).isSameAs(Dialect.postgresql());
	}

	@Test
	void anInMemoryDuckDbIsDuckDb() {
		assertThat(Dialect.forJdbcUrl("jdbc:duckdb:")).isSameAs(Dialect.duckdb());
		assertThat(Dialect.forJdbcUrl("jdbc:duckdb::memory:shared")).isSameAs(Dialect.duckdb());
	}

	@Test
	void aWrappingDriversPrefixIsLookedThrough() {
		assertThat(Dialect.forJdbcUrl("jdbc:tc:postgresql:16:///app")).isSameAs(Dialect.postgresql());
		assertThat(Dialect.forJdbcUrl("jdbc:p6spy:duckdb:app.db")).isSameAs(Dialect.duckdb());
	}

	@Test
	void theSchemeIsReadWhateverItsCase() {
		assertThat(Dialect.forJdbcUrl("JDBC:PostgreSQL://db/app")).isSameAs(Dialect.postgresql());
	}

	@Test
	void anUnsupportedDatabaseIsNamedByItsSchemeAlone() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> Dialect.forJdbcUrl("jdbc:mysql://admin:secret@db/postgres"))
			.withMessage("Unsupported database URL 'jdbc:mysql:...': supported are jdbc:postgresql: and jdbc:duckdb: URLs");
	}

	@Test
	void aUrlThatIsNotJdbcIsRefused() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> Dialect.forJdbcUrl("postgres://admin:secret@db/app"))
			.withMessage("Unsupported database URL 'postgres:...': supported are jdbc:postgresql: and jdbc:duckdb: URLs");
	}

	@Test
	void aMissingUrlIsRefused() {
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> Dialect.forJdbcUrl(null))
			.withMessage("Unsupported database URL '': supported are jdbc:postgresql: and jdbc:duckdb: URLs");
	}

}
