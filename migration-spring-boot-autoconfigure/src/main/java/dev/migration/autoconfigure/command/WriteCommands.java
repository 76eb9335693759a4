package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.migration.MigrationException;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import dev.migration.PlannedMigration;
import dev.migration.RepairAction;
import dev.migration.ResumeOptions;
import dev.migration.RollbackOptions;
import dev.migration.revision.Direction;

import static dev.migration.autoconfigure.command.CommandText.count;
import static dev.migration.autoconfigure.command.CommandText.duration;
import static dev.migration.autoconfigure.command.CommandText.revisions;

/**
 * The commands that change the database: {@code migrate}, {@code rollback},
 * {@code stamp}, {@code repair} and {@code restore}.
 */
final class WriteCommands {

	private final Supplier<MigrationManager> manager;

	private final CommandProgress progress;

	private final PrintStream out;

	WriteCommands(Supplier<MigrationManager> manager, CommandProgress progress, PrintStream out) {
		this.manager = manager;
		this.progress = progress;
		this.out = out;
	}

	int migrate(ParsedCommand command) {
		String target = command.value(CommandSpec.TARGET_OPTION, "head");
		MigrationManager manager = this.manager.get();
		if (command.has("dry-run")) {
			printPlan(manager.migrate(target, true));
			return MigrationCommands.SUCCESS;
		}
		// The plan alone: an invalid target fails here, as it would in the migrate.
		int total = manager.plan(target, Direction.UPGRADE).steps().size();
		MigrationResult result = withProgress(total, () -> manager.migrate(target));
		if (!result.changed()) {
			this.out.println("Nothing to migrate: the database is at " + revisions(result.currentRevisions())
					+ " (checked in " + duration(result.duration()) + ")");
		}
		else {
			this.out.println("Applied " + count(result.migrations().size()) + " in " + duration(result.duration())
					+ "; now at " + revisions(result.currentRevisions()));
		}
		return MigrationCommands.SUCCESS;
	}

	int rollback(ParsedCommand command) {
		String target = command.value(CommandSpec.TARGET_OPTION, "-1");
		RollbackOptions options = rollbackOptions(command);
		MigrationManager manager = this.manager.get();
		if (command.has("dry-run")) {
			printPlan(manager.rollback(target, options.asDryRun()));
			return MigrationCommands.SUCCESS;
		}
		RollbackOptions chosen = options;
		MigrationResult result = withProgress(expectedRollbacks(manager, target),
				() -> manager.rollback(target, chosen));
		if (!result.changed()) {
			this.out.println("Nothing to roll back: the database is at " + revisions(result.currentRevisions()));
		}
		else {
			this.out.println("Rolled back " + count(result.migrations().size()) + " in "
					+ duration(result.duration()) + "; now at " + revisions(result.currentRevisions()));
		}
		return MigrationCommands.SUCCESS;
	}

	/**
	 * The options of {@code rollback} but {@code --dry-run}, shared with the tenants'.
	 */
	static RollbackOptions rollbackOptions(ParsedCommand command) {
		RollbackOptions options = RollbackOptions.defaults();
		if (command.has("confirm")) {
			options = options.withConfirm(command.value("confirm"));
		}
		if (command.has("no-safety-check")) {
			options = options.withoutSafetyCheck();
		}
		if (command.has("allow-data-loss")) {
			options = options.withAllowDataLoss();
		}
		return options;
	}

	/**
	 * How many migrations a rollback is expected to undo, for the progress lines; 0 when
	 * it cannot be planned.
	 */
	private static int expectedRollbacks(MigrationManager manager, String target) {
		try {
			return manager.plan(target, Direction.DOWNGRADE).steps().size();
		}
		catch (MigrationException ex) {
			// The rollback reports the problem itself, as a refusal where it is one.
			return 0;
		}
	}

	private MigrationResult withProgress(int total, Supplier<MigrationResult> operation) {
		this.progress.start(this.out, total);
		try {
			return operation.get();
		}
		finally {
			this.progress.stop();
		}
	}

	private void printPlan(MigrationResult result) {
		for (PlannedMigration planned : result.planned()) {
			this.out.println("-- " + planned.revision() + " " + planned.message() + " ("
					+ planned.direction().name().toLowerCase(Locale.ROOT) + ")");
			for (String statement : planned.statements()) {
				String trimmed = statement.strip();
				this.out.println(trimmed.endsWith(";") || trimmed.startsWith("--") ? trimmed : trimmed + ";");
			}
			this.out.println();
		}
		this.out.println("-- Dry run: " + count(result.planned().size()) + " would run; nothing was changed");
	}

	int stamp(ParsedCommand command) {
		String target = command.value(CommandSpec.TARGET_OPTION);
		MigrationResult result = this.manager.get().stamp(target);
		this.out.println("Stamped " + target + ": now at " + revisions(result.currentRevisions())
				+ " (" + count(result.migrations().size()) + " added or removed, nothing was run)");
		return MigrationCommands.SUCCESS;
	}

	int repair(ParsedCommand command) {
		String action = command.argument(0);
		RepairAction repair = switch (action) {
			case "mark-applied" -> RepairAction.MARK_APPLIED;
			case "mark-rolled-back" -> RepairAction.MARK_ROLLED_BACK;
			case "accept-checksum" -> RepairAction.ACCEPT_CHECKSUM;
			case "resume" -> null;
			default -> throw new UsageException("Unknown repair action '" + action + "'"
					+ CommandLineParser.suggestion(action,
							List.of("mark-applied", "mark-rolled-back", "accept-checksum", "resume"), "")
					+ " (mark-applied, mark-rolled-back, accept-checksum or resume)", command.command());
		};
		String reason = command.value("reason");
		if (reason == null || reason.isBlank()) {
			throw new UsageException("repair needs --reason \"...\": the reason is kept in the history",
					command.command());
		}
		if (repair == null) {
			return resume(command, reason);
		}
		if (command.has("accept-edit")) {
			throw new UsageException("--accept-edit goes with repair resume only, not " + action, command.command());
		}
		MigrationResult result = this.manager.get().repair(repair, command.argument(1), reason, command.value("confirm"));
		this.out.println("Repaired (" + action + " " + command.argument(1) + "): now at "
				+ revisions(result.currentRevisions()) + "; logged with the reason");
		return MigrationCommands.SUCCESS;
	}

	/**
	 * {@code repair resume REV}: runs the rest of a failed {@code transactional: false}
	 * migration, after the statements that committed.
	 */
	private int resume(ParsedCommand command, String reason) {
		ResumeOptions options = ResumeOptions.defaults()
			.withReason(reason)
			.acceptEdit(command.has("accept-edit"));
		if (command.has("confirm")) {
			options = options.withConfirm(command.value("confirm"));
		}
		MigrationResult result = this.manager.get().resume(command.argument(1), options);
		this.out.println("Resumed " + command.argument(1) + " after its committed statements: now at "
				+ revisions(result.currentRevisions()) + "; logged with the reason");
		return MigrationCommands.SUCCESS;
	}

	int restore(ParsedCommand command) {
		Path snapshot = Path.of(command.argument(0));
		this.manager.get().restoreSnapshot(snapshot);
		this.out.println("Restored the database from " + snapshot.toAbsolutePath());
		return MigrationCommands.SUCCESS;
	}

}
