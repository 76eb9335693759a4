package dev.migration.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Credentials}.
 */
class CredentialsTests {

	@Test
	void maskHidesPasswordParametersWhateverTheirCase() {
		assertThat(Credentials.mask("jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db/app?user=app&password=******&ssl=true");
		assertThat(Credentials.mask("jdbc:sqlserver://db;user=app;PWD=s3cret;encrypt=true"))
			.isEqualTo("jdbc:sqlserver://db;user=app;PWD=******;encrypt=true");
	}

	@Test
	void maskHidesThePasswordOfAUrlButKeepsTheUser() {
		assertThat(Credentials.mask("Cannot connect to postgresql://app:s3cret@db:5432/app: refused"))
			.isEqualTo("Cannot connect to postgresql://app:******@db:5432/app: refused");
	}

	@Test
	void maskLeavesTextWithoutCredentialsAlone() {
		assertThat(Credentials.mask("jdbc:duckdb:/data/app.db (no such file)"))
			.isEqualTo("jdbc:duckdb:/data/app.db (no such file)");
		assertThat(Credentials.mask("postgresql://app@db/app")).isEqualTo("postgresql://app@db/app");
	}

}
