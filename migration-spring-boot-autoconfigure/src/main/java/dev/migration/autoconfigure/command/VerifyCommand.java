package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.migration.authoring.MigrationAuthor;
import dev.migration.MigrationManager;
import dev.migration.VerifyReport;
import dev.migration.operation.Operation;
import dev.migration.autoconfigure.FailureAdvice;
import dev.migration.lint.LintReport;

/**
 * The {@code verify} command: the scripts against the database, with the round trip of
 * every downgrade ({@code --roundtrip}), the database against the model
 * ({@code --drift}), a single head ({@code --single-head}, for a CI job: more than
 * one head is reported with the merge command that joins them) and the zero-downtime
 * lint of the pending scripts ({@code --lint}). Fails (exit code 1) on any problem but
 * an irreversible migration, and on a lint warning.
 */
final class VerifyCommand {

	private final Supplier<MigrationManager> manager;

	private final Supplier<MigrationAuthor> author;

	private final Supplier<JsonViews> jsonViews;

	private final JsonWriter json;

	private final PrintStream out;

	private final PrintStream err;

	VerifyCommand(Supplier<MigrationManager> manager, Supplier<MigrationAuthor> author, Supplier<JsonViews> jsonViews,
			JsonWriter json, PrintStream out, PrintStream err) {
		this.manager = manager;
		this.author = author;
		this.jsonViews = jsonViews;
		this.json = json;
		this.out = out;
		this.err = err;
	}

	int verify(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		List<Operation> drift = command.has("drift") ? this.author.get().drift() : List.of();
		VerifyReport report = manager.verify();
		if (command.has("roundtrip") || command.has("single-head")) {
			List<VerifyReport.Problem> problems = new ArrayList<>(report.problems());
			if (command.has("single-head")) {
				problems.addAll(manager.verifySingleHead().problems());
			}
			if (command.has("roundtrip")) {
				problems.addAll(manager.verifyRoundTrip().problems());
			}
			report = new VerifyReport(problems, report.notes());
		}
		// The pending scripts only: an applied one cannot change without failing verify.
		LintReport lint = command.has("lint") ? manager.lintPending() : null;
		boolean failed = !drift.isEmpty() || (lint != null && lint.hasWarnings()) || report.problems()
			.stream()
			.anyMatch((problem) -> problem.kind() != VerifyReport.Kind.IRREVERSIBLE);
		int exitCode = failed ? MigrationCommands.FAILURE : MigrationCommands.SUCCESS;
		if (command.json()) {
			Object verify = this.jsonViews.get().verify(report, lint);
			if (command.has("drift")) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("verify", verify);
				json.put("drift", drift.stream().map(Operation::describe).toList());
				verify = json;
			}
			this.out.println(this.json.write(verify));
			return exitCode;
		}
		if (report.isOk()) {
			this.out.println("OK: the scripts and the database agree");
		}
		else {
			TextTable table = new TextTable().row("KIND", "REVISION", "DETAIL");
			report.problems().forEach((problem) -> table.row(problem.kind(), problem.revision(), problem.detail()));
			this.out.print(table.render());
			List<String> interrupted = report.problems(VerifyReport.Kind.INTERRUPTED)
				.stream()
				.map(VerifyReport.Problem::revision)
				.toList();
			if (!interrupted.isEmpty()) {
				this.out.println(FailureAdvice.markApplied(interrupted));
			}
		}
		if (!report.notes().isEmpty()) {
			// Pending repeatables are no failure, as pending revisions are none.
			this.out.println("Notes:");
			report.notes().forEach((note) -> this.out.println("    " + note.detail()));
		}
		if (command.has("drift")) {
			printDrift(drift);
		}
		if (lint != null) {
			printLint(lint);
		}
		if (!report.problems(VerifyReport.Kind.MULTIPLE_HEADS).isEmpty()) {
			printMerge(manager.headRevisions());
		}
		if (failed) {
			this.err.println("Verification failed");
		}
		return exitCode;
	}

	/**
	 * Several heads fail {@code --single-head}: the merge that joins them.
	 */
	private void printMerge(List<String> heads) {
		this.out.println("Join the " + heads.size() + " heads (" + String.join(", ", heads)
				+ ") in a merge revision:");
		this.out.println("    migration merge \"Merge heads\" " + String.join(" ", heads));
	}

	private void printLint(LintReport lint) {
		this.out.println("Lint of the pending scripts: " + LintCommand.summary(lint));
		LintCommand.print(lint, this.out, "  ");
	}

	private void printDrift(List<Operation> drift) {
		if (drift.isEmpty()) {
			this.out.println("No drift: the database matches the model");
		}
		else {
			this.out.println("Drift (" + drift.size() + " difference(s) from the model):");
			drift.forEach((operation) -> this.out.println("  " + operation.describe()));
		}
	}

}
