package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.migration.HistoryEntry;
import dev.migration.HistoryQuery;
import dev.migration.HistoryRecord;
import dev.migration.MigrationInfo;
import dev.migration.MigrationManager;
import dev.migration.MigrationStatus;
import dev.migration.TargetException;
import dev.migration.VerifyReport;
import dev.migration.autoconfigure.FailureAdvice;

import static dev.migration.autoconfigure.command.CommandText.TIME;
import static dev.migration.autoconfigure.command.CommandText.duration;
import static dev.migration.autoconfigure.command.CommandText.firstLine;
import static dev.migration.autoconfigure.command.CommandText.revisions;

/**
 * The commands that read the scripts and the database without changing either:
 * {@code status}, {@code current}, {@code heads}, {@code history}, {@code show} and
 * {@code graph}.
 */
final class InspectCommands {

	private final Supplier<MigrationManager> manager;

	private final Supplier<JsonViews> jsonViews;

	private final JsonWriter json;

	private final PrintStream out;

	InspectCommands(Supplier<MigrationManager> manager, Supplier<JsonViews> jsonViews, JsonWriter json,
			PrintStream out) {
		this.manager = manager;
		this.jsonViews = jsonViews;
		this.json = json;
		this.out = out;
	}

	int status(ParsedCommand command) {
		if (command.json()) {
			this.out.println(this.json.write(this.jsonViews.get().status()));
			return MigrationCommands.SUCCESS;
		}
		MigrationStatus status = this.manager.get().status();
		TextTable summary = new TextTable().row("State:", status.state())
			.row("Current:", revisions(status.currentRevisions()))
			.row("Heads:", revisions(status.headRevisions()));
		for (MigrationStatus.Branch branch : status.branches()) {
			summary.row("Branch " + branch.label() + ":", "head " + String.join(", ", branch.heads()) + ", "
					+ (branch.current().isEmpty() ? "not applied" : "current " + String.join(", ", branch.current())));
		}
		summary
			.row("Lock:", (status.lockHolder() != null) ? "held by " + status.lockHolder().owner()
					+ ((status.lockHolder().since() != null) ? " since " + TIME.format(status.lockHolder().since()) : "")
					: "free");
		if (!status.unknownApplied().isEmpty()) {
			summary.row("Unknown:", String.join(", ", status.unknownApplied())
					+ " (applied, but not in these scripts: the database is ahead, or their scripts were deleted)");
		}
		List<VerifyReport.Problem> edited = status.problems(VerifyReport.Kind.CHECKSUM_MISMATCH);
		for (VerifyReport.Problem problem : edited) {
			summary.row("Edited:", problem.detail());
		}
		for (String interrupted : status.interrupted()) {
			summary.row("Interrupted:", interrupted);
		}
		this.out.print(summary.render());
		if (status.pending().isEmpty()) {
			this.out.println("Pending:  none");
		}
		else {
			this.out.println();
			this.out.println("Pending (" + status.pending().size() + "):");
			TextTable pending = new TextTable().row("  REVISION", "MESSAGE", "PATH");
			status.pending().forEach((info) -> pending.row("  " + info.revision(), info.message(), info.path()));
			this.out.print(pending.render());
		}
		printRepeatables(status.repeatables());
		if (!edited.isEmpty()) {
			printEditedAdvice(edited);
		}
		List<String> interrupted = status.problems(VerifyReport.Kind.INTERRUPTED)
			.stream()
			.map(VerifyReport.Problem::revision)
			.toList();
		if (!interrupted.isEmpty()) {
			this.out.println();
			this.out.println(FailureAdvice.markApplied(interrupted));
		}
		return MigrationCommands.SUCCESS;
	}

	/**
	 * The repeatable migrations apart from the revisions: each with where it stands.
	 */
	private void printRepeatables(List<MigrationStatus.Repeatable> repeatables) {
		if (repeatables.isEmpty()) {
			return;
		}
		long pending = repeatables.stream().filter(MigrationStatus.Repeatable::pending).count();
		this.out.println();
		this.out.println("Repeatable (" + repeatables.size() + ", " + pending + " to run):");
		TextTable table = new TextTable().row("  ID", "STATE", "MESSAGE", "PATH");
		repeatables.forEach((repeatable) -> table.row("  " + repeatable.id(),
				(repeatable.state() == MigrationStatus.RepeatableState.WAITING)
						? "WAITING for " + String.join(", ", repeatable.waitingFor()) : repeatable.state(),
				repeatable.message(), repeatable.path()));
		this.out.print(table.render());
	}

	/**
	 * A migrate refuses edited scripts: the ways out, most advisable first.
	 */
	private void printEditedAdvice(List<VerifyReport.Problem> edited) {
		this.out.println();
		this.out.println("Edited scripts stop 'migration migrate'. Revert the edit and put the change in a new "
				+ "revision, or, if it is harmless, accept it (recorded in the history):");
		edited.forEach((problem) -> this.out
			.println("    migration repair accept-checksum " + problem.revision() + " --reason \"...\""));
	}

	int history(ParsedCommand command) {
		int limit = Integer.MAX_VALUE;
		if (command.has("limit")) {
			limit = positive(command, "limit");
		}
		HistoryQuery query = historyQuery(command);
		if (command.json()) {
			int size = Math.min(limit, 1000);
			this.out.println(this.json.write((query != null)
					? this.jsonViews.get().history(this.manager.get().history(query.withLimit(size)), query.sql())
					: this.jsonViews.get().history(size)));
			return MigrationCommands.SUCCESS;
		}
		List<HistoryRecord> history = (query != null) ? this.manager.get().history(query)
				: this.manager.get().history().stream().map(HistoryRecord::new).toList();
		if (history.isEmpty()) {
			this.out.println((query != null && query.range() != null)
					? "No history in range " + query.range() + ": nothing was applied there"
					: "No history: nothing was ever applied");
			return MigrationCommands.SUCCESS;
		}
		List<HistoryRecord> shown = history.stream().limit(limit).toList();
		TextTable table = new TextTable().row("ID", "REVISION", "ACTION", "STARTED", "DURATION", "RESULT", "USER",
				"MESSAGE");
		for (HistoryRecord record : shown) {
			HistoryEntry entry = record.entry();
			table.row(entry.id(), entry.revision(), entry.action().name().toLowerCase(Locale.ROOT),
					(entry.startedAt() != null) ? TIME.format(entry.startedAt()) : "", duration(entry.duration()),
					entry.success() ? "ok" : "FAILED", entry.user(),
					entry.success() ? entry.message() : entry.message() + ": " + firstLine(entry.error()));
		}
		if (query != null && query.sql()) {
			printVerbose(table.render(), shown);
		}
		else {
			this.out.print(table.render());
		}
		if (history.size() > limit) {
			this.out.println("(" + limit + " of " + history.size() + " entries)");
		}
		return MigrationCommands.SUCCESS;
	}

	/**
	 * The query of {@code --range} and {@code --verbose}, or {@code null} for the whole
	 * log without SQL.
	 */
	private static HistoryQuery historyQuery(ParsedCommand command) {
		if (!command.has("range") && !command.verbose()) {
			return null;
		}
		HistoryQuery query = HistoryQuery.all();
		if (command.has("range")) {
			try {
				query = query.withRange(command.value("range"));
			}
			catch (TargetException ex) {
				throw new UsageException("Option '--range': " + ex.getMessage(), command.command());
			}
		}
		return command.verbose() ? query.withSql() : query;
	}

	/**
	 * The table, each entry's row followed by its revision's SQL and, when it failed,
	 * its whole error, indented.
	 */
	private void printVerbose(String table, List<HistoryRecord> records) {
		String[] lines = table.split("\n");
		this.out.println(lines[0]);
		for (int i = 0; i < records.size(); i++) {
			HistoryRecord record = records.get(i);
			this.out.println(lines[i + 1]);
			if (!record.entry().success() && record.entry().error() != null) {
				this.out.println("    Error:");
				this.out.print(indent(record.entry().error(), "      "));
			}
			if (record.sql() != null) {
				this.out.println("    SQL (" + record.sqlSource() + "):");
				this.out.print(indent(record.sql(), "      "));
			}
			else {
				this.out.println("    SQL: none known (a Java migration, or a script that is gone of a revision not applied now)");
			}
		}
	}

	private static String indent(String text, String prefix) {
		StringBuilder indented = new StringBuilder();
		text.strip().lines().forEach((line) -> indented.append(line.isEmpty() ? "" : prefix + line).append('\n'));
		return indented.toString();
	}

	int current(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		return printRevisions(command, manager, "current", manager.currentRevisions(), "base (nothing applied)");
	}

	int heads(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		return printRevisions(command, manager, "heads", manager.headRevisions(), "none (no scripts)");
	}

	/**
	 * Prints revisions with their message and the labels of their branches, or as
	 * {@code {"<key>": [ids], "branchLabels": {id: [labels]}}} with {@code --json}.
	 */
	private int printRevisions(ParsedCommand command, MigrationManager manager, String key, List<String> ids,
			String none) {
		List<MigrationInfo> all = manager.migrations();
		BranchMembership branches = BranchMembership.of(all);
		if (command.json()) {
			Map<String, List<String>> labels = new LinkedHashMap<>();
			ids.forEach((id) -> labels.put(id, branches.labels(id)));
			Map<String, Object> json = new LinkedHashMap<>();
			json.put(key, ids);
			json.put("branchLabels", labels);
			this.out.println(this.json.write(json));
			return MigrationCommands.SUCCESS;
		}
		if (ids.isEmpty()) {
			this.out.println(none);
			return MigrationCommands.SUCCESS;
		}
		Map<String, MigrationInfo> migrations = byId(all);
		Set<String> heads = new HashSet<>(manager.headRevisions());
		TextTable table = new TextTable();
		for (String id : ids) {
			MigrationInfo info = migrations.get(id);
			List<String> labels = branches.labels(id);
			table.row(id, (heads.contains(id) ? "(head) " : "")
					+ (labels.isEmpty() ? "" : "(" + String.join(", ", labels) + ") ")
					+ ((info != null) ? info.message() : "(unknown script)"));
		}
		this.out.print(table.render());
		return MigrationCommands.SUCCESS;
	}

	int show(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		String revision = manager.resolve(command.value(CommandSpec.TARGET_OPTION));
		List<MigrationInfo> migrations = manager.migrations();
		MigrationInfo info = byId(migrations).get(revision);
		MigrationStatus status = manager.status();
		// Every revision of the scripts is either applied or on the way to the heads.
		boolean applied = status.pending().stream().noneMatch((pending) -> pending.revision().equals(revision));
		boolean current = status.currentRevisions().contains(revision);
		boolean head = status.headRevisions().contains(revision);
		List<String> children = migrations.stream()
			.filter((other) -> other.downRevisions().contains(revision))
			.map(MigrationInfo::revision)
			.toList();
		List<String> branchLabels = BranchMembership.of(migrations).labels(revision);
		if (command.json()) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", info.revision());
			json.put("message", info.message());
			json.put("downRevisions", info.downRevisions());
			json.put("dependsOn", info.dependsOn());
			json.put("branchLabels", branchLabels);
			json.put("children", children);
			json.put("path", info.path());
			json.put("checksum", info.checksum());
			json.put("kind", info.kind().name());
			json.put("transactional", info.transactional());
			json.put("reversible", info.reversible());
			json.put("head", head);
			json.put("current", current);
			json.put("applied", applied);
			this.out.println(this.json.write(json));
			return MigrationCommands.SUCCESS;
		}
		TextTable table = new TextTable().row("Revision:", info.revision())
			.row("Message:", info.message())
			.row("Parents:", revisions(info.downRevisions()))
			.row("Children:", children.isEmpty() ? "none" : String.join(", ", children));
		if (!info.dependsOn().isEmpty()) {
			table.row("Depends on:", String.join(", ", info.dependsOn()));
		}
		if (!branchLabels.isEmpty()) {
			table.row("Branches:", String.join(", ", branchLabels)
					+ (info.branchLabels().isEmpty() ? "" : " (declares " + String.join(", ", info.branchLabels()) + ")"));
		}
		table.row("Path:", info.path())
			.row("Kind:", info.kind().name().toLowerCase(Locale.ROOT)
					+ (info.transactional() ? "" : ", not transactional")
					+ (info.reversible() ? ", reversible" : ", irreversible"))
			.row("Checksum:", (info.checksum() != null) ? info.checksum() : "none")
			.row("State:", (applied ? "applied" : "pending") + (current ? ", current" : "") + (head ? ", head" : ""));
		this.out.print(table.render());
		return MigrationCommands.SUCCESS;
	}

	int graph(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		List<MigrationInfo> migrations = manager.migrations();
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(migrations, Set.copyOf(manager.headRevisions()),
				Set.copyOf(manager.currentRevisions()), BranchMembership.of(migrations)::labels);
		try {
			this.out.print(renderer.render(command.value("format", "text")));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage(), command.command());
		}
		return MigrationCommands.SUCCESS;
	}

	private static int positive(ParsedCommand command, String option) {
		String value = command.value(option);
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException("Option '--" + option + "' needs a whole number above 0, was '" + value + "'",
				command.command());
	}

	private static Map<String, MigrationInfo> byId(List<MigrationInfo> migrations) {
		Map<String, MigrationInfo> byId = new LinkedHashMap<>();
		migrations.forEach((migration) -> byId.put(migration.revision(), migration));
		return byId;
	}

}
