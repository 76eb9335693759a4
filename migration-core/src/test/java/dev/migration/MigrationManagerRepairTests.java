package dev.migration;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the audited repair operations on real databases.
 */
class MigrationManagerRepairTests {

	@DatabaseTest
	void markAppliedRecordsARevisionWithoutRunningItAndLogsTheReason(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		manager.migrate("r1");
		MigrationResult result = manager.repair(RepairAction.MARK_APPLIED, "r2", "created by hand during the outage",
				null);
		assertThat(result.operation()).isEqualTo(MigrationResult.Command.REPAIR);
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(database.tables()).containsExactly("t_r1");
		HistoryEntry entry = manager.history().get(0);
		assertThat(entry.action()).isEqualTo(HistoryAction.REPAIR);
		assertThat(entry.revision()).isEqualTo("r2");
		assertThat(entry.message()).isEqualTo("mark-applied: created by hand during the outage");
		assertThat(entry.user()).isNotBlank();
		assertThat(entry.host()).isNotBlank();
	}

	@DatabaseTest
	void markAppliedNeedsTheParentsApplied(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		assertThatExceptionOfType(MigrationStateException.class)
			.isThrownBy(() -> manager.repair(RepairAction.MARK_APPLIED, "r2", "why", null))
			.withMessage("Cannot mark r2 applied: it needs r1 applied first");
		assertThat(manager.currentRevisions()).isEmpty();
	}

	@DatabaseTest
	void markRolledBackForgetsARevisionWithoutRunningItsDowngrade(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		MigrationManager manager = database.manager();
		manager.migrate();
		assertThatExceptionOfType(MigrationStateException.class)
			.isThrownBy(() -> manager.repair(RepairAction.MARK_ROLLED_BACK, "r1", "why", null))
			.withMessage("Cannot mark r1 rolled back: r2 depend on it and are applied");
		manager.repair(RepairAction.MARK_ROLLED_BACK, "r2", "dropped by hand", null);
		assertThat(manager.currentRevisions()).containsExactly("r1");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
	}

	@DatabaseTest
	void acceptChecksumClearsTheDriftOfAnEditedScript(TestDatabase database) throws Exception {
		Path file = database.writeTable("r1", null);
		MigrationManager manager = database.manager();
		manager.migrate();
		Files.writeString(file, Files.readString(file).replace("(id INTEGER)", "(id BIGINT)"));
		MigrationManager edited = database.manager();
		assertThat(edited.verify().problems(VerifyReport.Kind.CHECKSUM_MISMATCH)).hasSize(1);
		edited.repair(RepairAction.ACCEPT_CHECKSUM, "r1", "widened the type on purpose", null);
		assertThat(edited.verify().problems(VerifyReport.Kind.CHECKSUM_MISMATCH)).isEmpty();
		assertThat(edited.history().get(0).message()).isEqualTo("accept-checksum: widened the type on purpose");
	}

	@DatabaseTest
	void aRepairNeedsAReasonAndInProductionAConfirmation(TestDatabase database) {
		database.writeTable("r1", null);
		MigrationManager manager = database.manager((builder) -> builder.production(true));
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> manager.repair(RepairAction.MARK_APPLIED, "r1", " ", "r1"))
			.withMessage("A repair needs a reason, for the history log");
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> manager.repair(RepairAction.MARK_APPLIED, "r1", "why", null))
			.withMessageContaining("Production protection")
			.withMessageContaining("Confirm with: repair(RepairAction.MARK_APPLIED, \"r1\", reason, \"r1\")");
		manager.repair(RepairAction.MARK_APPLIED, "r1", "why", "r1");
		assertThat(manager.currentRevisions()).containsExactly("r1");
	}

}
