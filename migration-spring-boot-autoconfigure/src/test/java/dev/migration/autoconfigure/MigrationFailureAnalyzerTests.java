package dev.migration.autoconfigure;

import dev.migration.MigrationFailedException;
import dev.migration.MigrationLockException;
import dev.migration.ScriptException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationFailureAnalyzer}.
 */
class MigrationFailureAnalyzerTests {

	private final MigrationFailureAnalyzer analyzer = new MigrationFailureAnalyzer();

	@Test
	void analyzesFailedMigrationInsideAnotherException() {
		MigrationFailedException failure = new MigrationFailedException("b2",
				"b2_broken.sql: statement 1 failed: password=hunter2", null);
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("runner", "failed", failure));
		assertThat(analysis.getDescription()).contains("b2_broken.sql").doesNotContain("hunter2");
		assertThat(analysis.getAction()).startsWith("Fix revision 'b2'").contains("migration.on-failure=keep-running");
	}

	@Test
	void analyzesLockTimeout() {
		FailureAnalysis analysis = this.analyzer.analyze(new MigrationLockException("held by 12@host"));
		assertThat(analysis.getAction()).contains("migration.lock-timeout");
	}

	@Test
	void analyzesScriptErrorWithItsLine() {
		FailureAnalysis analysis = this.analyzer.analyze(new ScriptException("a1_users.sql", 7, "bad header"));
		assertThat(analysis.getDescription()).contains("a1_users.sql:7: bad header");
		assertThat(analysis.getAction()).startsWith("Correct the script a1_users.sql at line 7");
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("no"))).isNull();
	}

}
