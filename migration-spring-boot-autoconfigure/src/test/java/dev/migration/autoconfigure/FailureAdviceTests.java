package dev.migration.autoconfigure;

import java.util.List;

import dev.migration.EditedScript;
import dev.migration.EditedScriptsException;
import dev.migration.MigrationStateException;
import dev.migration.MigrationStateException.Reason;
import dev.migration.MultipleHeadsException;
import dev.migration.RollbackRefusedException;
import dev.migration.RollbackRefusedException.Check;
import dev.migration.RollbackRefusedException.Refusal;
import dev.migration.TargetException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureAdvice}: the text built from the exceptions' data, naming the
 * commands and properties of the place where it is read.
 */
class FailureAdviceTests {

	private static final MultipleHeadsException TWO_HEADS = new MultipleHeadsException(
			"Multiple heads: b1, c1; 'head' needs one. (MigrationAuthor.merge)", List.of("b1", "c1"), "head");

	private static final EditedScriptsException EDITED = new EditedScriptsException(
			List.of(new EditedScript("a1", "classpath:db/migration/a1_users.sql", "1111", "2222"),
					new EditedScript("a2", "classpath:db/migration/a2_email.sql", "3333", "4444")));

	@Test
	void twoHeadsAtStartupNameTheMergeTheCreateOnAHeadAndTheHeadsTarget() {
		FailureAdvice advice = FailureAdvice.forStartup(TWO_HEADS);
		assertThat(advice.problem())
			.isEqualTo("The scripts have 2 heads, b1 and c1, and the target 'head' needs exactly one");
		assertThat(advice.action()).isEqualTo("""
				Join the heads in a merge revision:
				    migration merge "Merge heads" b1 c1
				To add a revision to one branch before the merge, write it on that branch's head:
				    migration create "..." --head b1
				If the branches are meant to stay apart, set migration.target to heads to migrate every head.""");
		assertThat(advice.text()).doesNotContain("migration.target=head").doesNotContain("MigrationAuthor");
	}

	@Test
	void threeHeadsAreAllMerged() {
		FailureAdvice advice = FailureAdvice
			.forStartup(new MultipleHeadsException("three", List.of("b1", "c1", "d1"), "head"));
		assertThat(advice.problem()).startsWith("The scripts have 3 heads, b1, c1 and d1,");
		assertThat(advice.action()).contains("    migration merge \"Merge heads\" b1 c1 d1\n");
	}

	@Test
	void twoHeadsForACommandNameTheCommandsThatFitIt() {
		assertThat(FailureAdvice.forCommand(TWO_HEADS, "migrate").action())
			.contains("    migration migrate --revision heads")
			.doesNotContain("migration create")
			.doesNotContain("migration.target");
		assertThat(FailureAdvice.forCommand(TWO_HEADS, "stamp").action()).contains("    migration stamp heads");
		FailureAdvice create = FailureAdvice
			.forCommand(new MultipleHeadsException("merge(message, revisions)", List.of("b1", "c1"), null), "create");
		assertThat(create.problem()).isEqualTo("The scripts have 2 heads, b1 and c1: a new revision needs one parent");
		assertThat(create.action()).contains("    migration merge \"Merge heads\" b1 c1")
			.contains("    migration create \"...\" --head b1")
			.doesNotContain("--revision heads");
		assertThat(create.text()).doesNotContain("merge(");
	}

	@Test
	void editedScriptsOfferTheRevertThenTheRepairOfEachThenTheSwitchLast() {
		FailureAdvice advice = FailureAdvice.forStartup(EDITED);
		assertThat(advice.problem()).isEqualTo(EDITED.getProblem())
			.contains("Revision a1 (classpath:db/migration/a1_users.sql) was edited after it was applied: checksum "
					+ "1111 when applied, 2222 now");
		assertThat(advice.action()).isEqualTo("""
				Revert the edit (restore the script as it was applied) and put the change in a new revision:
				    migration create "..."
				If the edit is harmless (a comment, formatting), accept it; the history records who, when and why:
				    migration repair accept-checksum a1 --reason "..."
				    migration repair accept-checksum a2 --reason "..."
				Last resort: migration.validate-on-migrate=false turns this check off for every script.""");
		assertThat(advice.text()).doesNotContain("repair(").doesNotContain("validateOnMigrate");
	}

	@Test
	void eachStateReasonHasItsOwnAction() {
		FailureAdvice noHistory = FailureAdvice.forStartup(
				new MigrationStateException(Reason.NO_HISTORY, List.of(), "Schema 'app' has 1 table(s) (legacy) but "
						+ "no migration history", "... stamp(revision) ...", null));
		assertThat(noHistory.problem()).isEqualTo("Schema 'app' has 1 table(s) (legacy) but no migration history");
		assertThat(noHistory.action()).contains("    migration stamp REVISION", "migration.baseline-on-migrate=REVISION")
			.doesNotContain("ahead-policy");
		FailureAdvice ahead = FailureAdvice.forStartup(new MigrationStateException(Reason.AHEAD, List.of("r3"),
				"The database is ahead", "The database is ahead. set the ahead policy", null));
		assertThat(ahead.action()).contains("Deploy the build that has r3", "migration.ahead-policy=warn")
			.doesNotContain("baseline");
		FailureAdvice diverged = FailureAdvice.forStartup(
				new MigrationStateException(Reason.DIVERGED, List.of("q1"), "diverges", "diverges. Check", null));
		assertThat(diverged.action()).contains("migration.locations").doesNotContain("baseline", "ahead-policy");
		FailureAdvice interrupted = FailureAdvice.forStartup(new MigrationStateException(Reason.INTERRUPTED,
				List.of("r2"), "Refusing to migrate: r2 was interrupted", "same", null));
		assertThat(interrupted.action()).isEqualTo("""
				Once an interrupted migration is completed by hand, record it as applied (the history keeps who, \
				when and why):
				    migration repair mark-applied r2 --reason "..."
				Or undo what it did by hand; then restart.""");
		assertThat(FailureAdvice.forCommand(new MigrationStateException("Revision r1 is not applied"), "repair"))
			.isEqualTo(new FailureAdvice("Revision r1 is not applied", null));
	}

	@Test
	void otherFailuresKeepTheirMessageWithCredentialsMasked() {
		FailureAdvice advice = FailureAdvice
			.forEndpoint(new IllegalStateException("Cannot connect to postgresql://app:s3cret@db/app"));
		assertThat(advice).isEqualTo(new FailureAdvice("Cannot connect to postgresql://app:******@db/app", null));
		assertThat(FailureAdvice.forEndpoint(new TargetException("Unknown revision 'zz'")).text())
			.isEqualTo("Unknown revision 'zz'");
	}

	@Test
	void theEndpointNamesTheMergeButNoWayToMigrateEveryHead() {
		assertThat(FailureAdvice.forEndpoint(TWO_HEADS).action()).contains("migration merge \"Merge heads\" b1 c1")
			.doesNotContain("migration.target")
			.doesNotContain("--revision heads");
	}

	@Test
	void aRefusedRollbackSaysHowToConfirmAndAcceptDataLossInTheReadersTerms() {
		RollbackRefusedException refused = RollbackRefusedException.of("Rollback to '-1'", List.of(
				new Refusal(Check.PRODUCTION_CONFIRMATION, "Production protection: repeat the revision it ends at, a1.",
						"a1", "Confirm with: rollback(\"-1\", RollbackOptions.defaults().withConfirm(\"a1\"))"),
				new Refusal(Check.DATA_LOSS, "Data loss: the downgrade of a2 drops table users (3 rows).", null,
						"Back up what you need, then pass RollbackOptions.withAllowDataLoss() to accept"),
				new Refusal(Check.IRREVERSIBLE, "Irreversible migration: revision a0 has no downgrade", null, null)));
		assertThat(refused.getMessage()).contains("RollbackOptions.defaults().withConfirm(\"a1\")");
		assertThat(FailureAdvice.forCommand(refused, "rollback").text()).isEqualTo("""
				Rollback to '-1' refused by 3 safety check(s); nothing was run:
				  - Production protection: repeat the revision it ends at, a1. Confirm by repeating the command with \
				--confirm=a1
				  - Data loss: the downgrade of a2 drops table users (3 rows). Back up what you need, then repeat the \
				command with --allow-data-loss
				  - Irreversible migration: revision a0 has no downgrade""");
		assertThat(FailureAdvice.forEndpoint(refused).text())
			.contains("Confirm by adding \"confirm\": \"a1\" to the request")
			.contains("then add \"allowDataLoss\": true to the request")
			.doesNotContain("RollbackOptions")
			.doesNotContain("--");
	}

}
