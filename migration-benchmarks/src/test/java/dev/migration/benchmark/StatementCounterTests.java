package dev.migration.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link StatementCounter} counts the statements of one SQL string.
 */
class StatementCounterTests {

	@Test
	void oneStatementWithOrWithoutItsSemicolon() {
		assertThat(StatementCounter.statementsIn("INSERT INTO t VALUES (?)")).isEqualTo(1);
		assertThat(StatementCounter.statementsIn("INSERT INTO t VALUES (?);  ")).isEqualTo(1);
	}

	@Test
	void recordFollowedByItsCommitIsTwo() {
		assertThat(StatementCounter.statementsIn("WITH a AS (DELETE FROM s WHERE r = ?) INSERT INTO l VALUES (?); COMMIT"))
			.isEqualTo(2);
	}

	@Test
	void semicolonInAStringIsNoSeparator() {
		assertThat(StatementCounter.statementsIn("INSERT INTO t VALUES ('a;b', ?)")).isEqualTo(1);
	}

}
