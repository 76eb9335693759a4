package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.migration.MigrationManager;
import dev.migration.lint.LintFinding;
import dev.migration.lint.LintReport;

/**
 * The {@code lint} command: the zero-downtime lint of the SQL scripts, every script by
 * default, the revisions given, those a migrate would apply ({@code --pending}) or script
 * files ({@code --file}). Prints each finding with its file and line, severity, rule,
 * reason and safe rewrite, then the findings a {@code lint: ignore} header silenced with
 * the reason it gives. Fails (exit code 1) when any finding is a warning.
 */
final class LintCommand {

	private final Supplier<MigrationManager> manager;

	private final Supplier<JsonViews> jsonViews;

	private final JsonWriter json;

	private final PrintStream out;

	private final PrintStream err;

	LintCommand(Supplier<MigrationManager> manager, Supplier<JsonViews> jsonViews, JsonWriter json, PrintStream out,
			PrintStream err) {
		this.manager = manager;
		this.jsonViews = jsonViews;
		this.json = json;
		this.out = out;
		this.err = err;
	}

	int lint(ParsedCommand command) {
		LintReport report = report(command);
		int exitCode = report.hasWarnings() ? MigrationCommands.FAILURE : MigrationCommands.SUCCESS;
		if (command.json()) {
			this.out.println(this.json.write(this.jsonViews.get().lint(report)));
			return exitCode;
		}
		this.out.println(report.databaseRead() ? "Linted against " + report.database()
				: "Linted without the database: table sizes unknown");
		print(report, this.out, "");
		this.out.println(summary(report));
		if (report.hasWarnings()) {
			this.err.println("Lint failed: " + report.warnings().size() + " warning(s)");
		}
		return exitCode;
	}

	private LintReport report(ParsedCommand command) {
		List<String> files = command.values("file");
		int selections = (command.has("pending") ? 1 : 0) + (files.isEmpty() ? 0 : 1)
				+ (command.arguments().isEmpty() ? 0 : 1);
		if (selections > 1) {
			throw new UsageException("Give revisions, --pending or --file: one of them", command.command());
		}
		MigrationManager manager = this.manager.get();
		if (command.has("pending")) {
			return manager.lintPending();
		}
		if (!command.arguments().isEmpty()) {
			return manager.lint(command.arguments());
		}
		if (files.isEmpty()) {
			return manager.lint();
		}
		List<LintFinding> findings = new ArrayList<>();
		List<LintReport.Ignored> ignored = new ArrayList<>();
		String database = null;
		for (String file : files) {
			LintReport report = manager.lintScript(Path.of(file));
			findings.addAll(report.findings());
			ignored.addAll(report.ignored());
			database = report.database();
		}
		return new LintReport(findings, ignored, database);
	}

	/**
	 * The findings, then those a header silenced, each line after the given indent:
	 * {@code file:line: SEVERITY [rule] reason (detail)} with the statement and the
	 * rewrite below.
	 */
	static void print(LintReport report, PrintStream out, String indent) {
		for (LintFinding finding : report.findings()) {
			out.println(indent + finding.file() + ":" + finding.line() + ": " + finding.severity() + " ["
					+ finding.rule() + "] " + finding.reason()
					+ (finding.detail().isEmpty() ? "" : " (" + finding.detail() + ")"));
			out.println(indent + "    statement: " + firstLine(finding.statement()));
			out.println(indent + "    rewrite:   " + finding.rewrite());
		}
		if (!report.ignored().isEmpty()) {
			out.println(indent + "Ignored by a 'lint: ignore' header:");
			for (LintReport.Ignored ignored : report.ignored()) {
				LintFinding finding = ignored.finding();
				out.println(indent + "  " + finding.file() + ":" + finding.line() + ": [" + finding.rule() + "] "
						+ "line " + ignored.headerLine() + " says: " + ignored.reason());
			}
		}
	}

	/**
	 * {@code 2 warning(s), 1 note(s), 1 ignored}, or {@code No findings}.
	 */
	static String summary(LintReport report) {
		if (report.findings().isEmpty() && report.ignored().isEmpty()) {
			return "No findings";
		}
		return report.warnings().size() + " warning(s), " + report.notes().size() + " note(s), "
				+ report.ignored().size() + " ignored";
	}

	private static String firstLine(String statement) {
		int end = statement.indexOf('\n');
		return (end < 0) ? statement : statement.substring(0, end).stripTrailing() + " ...";
	}

}
