package dev.migration.autoconfigure.command;

import dev.migration.HistoryAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WriteCommands}: {@code migrate}, {@code rollback}, {@code stamp} and
 * {@code repair} on DuckDB.
 */
@ExtendWith(CommandLine.Resolver.class)
class WriteCommandsTests {

	@Test
	void migrateCountsItsProgressAgainstThePlannedMigrations(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("migrate");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).containsPattern("\\[1/2\\] a1 Create users  \\d+(\\.\\d+)? m?s")
			.containsPattern("\\[2/2\\] a2 Add email to users  \\d+(\\.\\d+)? m?s")
			.containsPattern("Applied 2 migrations in \\d+(\\.\\d+)? m?s; now at a2");
		assertThat(commandLine.manager().currentRevisions()).containsExactly("a2");
	}

	@Test
	void migrateToARevisionCountsOnlyTheMigrationsUpToIt(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("migrate", "--revision", "a1");
		assertThat(run.out()).contains("[1/1] a1 Create users").doesNotContain("a2").contains("now at a1");
	}

	@Test
	void migrateWithNothingPendingSaysSo(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("migrate");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("Nothing to migrate: the database is at a2 (checked in ");
	}

	@Test
	void migrateDryRunPrintsTheSqlAndChangesNothing(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("migrate", "--dry-run");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("-- a1 Create users (upgrade)",
				"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR);", "-- a2 Add email to users (upgrade)",
				"-- Dry run: 2 migrations would run; nothing was changed");
		assertThat(commandLine.manager().currentRevisions()).isEmpty();
	}

	@Test
	void migrateToAnUnknownRevisionFailsNamingItWithoutAStackTrace(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("migrate", "--revision", "nope");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: ")
			.contains("'nope'")
			.contains("(run with --verbose for the stack trace)")
			.doesNotContain("\tat ");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void migrateAndRollbackTakeARelativeTargetAsTheirArgument(CommandLine commandLine) {
		assertThat(commandLine.run("migrate", "+1").out()).contains("[1/1] a1 Create users").contains("now at a1");
		assertThat(commandLine.run("migrate", "+1").out()).contains("[1/1] a2 Add email to users")
			.contains("now at a2");
		assertThat(commandLine.run("rollback", "-2", "--dry-run").out())
			.contains("-- Dry run: 2 migrations would run; nothing was changed");
		CommandLine.Run rollback = commandLine.run("rollback", "-1");
		assertThat(rollback.exitCode()).isZero();
		assertThat(rollback.out()).contains("[1/1] a2 Add email to users", "(rolled back)", "now at a1");
		assertThat(commandLine.run("migrate", "head").out()).contains("now at a2");
		assertThat(commandLine.manager().currentRevisions()).containsExactly("a2");
	}

	@Test
	void rollbackCountsItsProgressAgainstThePlannedRollbacks(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("rollback", "--revision=base");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("[1/2] a2 Add email to users", "[2/2] a1 Create users", "(rolled back)")
			.containsPattern("Rolled back 2 migrations in \\d+(\\.\\d+)? m?s; now at base");
	}

	@Test
	void rollbackByDefaultUndoesTheLastMigration(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("rollback");
		assertThat(run.out()).contains("[1/1] a2 Add email to users").contains("now at a1");
	}

	@Test
	void rollbackDryRunPrintsTheDowngradeAndChangesNothing(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("rollback", "--dry-run");
		assertThat(run.out()).contains("-- a2 Add email to users (downgrade)",
				"ALTER TABLE users DROP COLUMN email;", "-- Dry run: 1 migration would run; nothing was changed");
		assertThat(commandLine.manager().currentRevisions()).containsExactly("a2");
	}

	@Test
	void rollbackWithNothingAppliedFailsAndCountsNothing(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("rollback");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).doesNotContain("[");
	}

	@Test
	void stampSetsTheStateWithoutRunningAnything(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("stamp", "a1");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("Stamped a1: now at a1 (1 migration added or removed, nothing was run)\n");
		assertThat(commandLine.manager().history()).first()
			.satisfies((entry) -> assertThat(entry.action()).isEqualTo(HistoryAction.STAMP));
	}

	@Test
	void repairNeedsAReason(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("repair", "mark-rolled-back", "a2");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("migration: repair needs --reason \"...\": the reason is kept in the history\n")
			.contains("Usage: migration repair ACTION REV [options]", "--reason TEXT");
	}

	@Test
	void repairAnUnknownActionSuggestsTheNearestOne(CommandLine commandLine) {
		CommandLine.Run run = commandLine.run("repair", "mark-aplied", "a2", "--reason", "by hand");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Unknown repair action 'mark-aplied': did you mean 'mark-applied'?");
	}

	@Test
	void repairMarksARevisionRolledBackWithTheReason(CommandLine commandLine) {
		commandLine.run("migrate");
		CommandLine.Run run = commandLine.run("repair", "mark-rolled-back", "a2", "--reason", "dropped by hand");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("Repaired (mark-rolled-back a2): now at a1; logged with the reason\n");
	}

}
