package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.migration.HistoryEntry;
import dev.migration.MigrationException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import dev.migration.MigrationStatus;
import dev.migration.PlannedMigration;
import dev.migration.RepairAction;
import dev.migration.RollbackOptions;
import dev.migration.RollbackRefusedException;
import dev.migration.VerifyReport;
import dev.migration.authoring.CreatedRevision;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.dialect.Dialect;
import dev.migration.operation.Operation;

/**
 * Runs the commands of the command line against a {@link MigrationManager}: parses
 * the raw arguments, prints the result, and answers the exit code (0 success, 1 the
 * operation failed or was refused, 2 usage error). Errors print the message without a
 * stack trace unless {@code --verbose}, with credentials masked.
 */
final class MigrationCommands {

	static final int SUCCESS = 0;

	static final int FAILURE = 1;

	static final int USAGE = 2;

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password|pwd)=[^&;\\s]*");

	private static final Pattern URL_CREDENTIALS = Pattern.compile("://([^/:@\\s]+):[^@/\\s]*@");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private final Supplier<MigrationManager> manager;

	private final Supplier<MigrationAuthor> author;

	private final Supplier<JsonViews> jsonViews;

	private final JsonWriter json;

	private final CommandProgress progress;

	private final Settings settings;

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * What the commands read from the application's configuration.
	 *
	 * @param datasourceUrl the URL of the database migrated, for the offline dialect;
	 * may be {@code null}
	 * @param modelExists whether a model for autogenerate exists
	 */
	record Settings(String datasourceUrl, boolean modelExists) {

	}

	MigrationCommands(Supplier<MigrationManager> manager, Supplier<MigrationAuthor> author,
			Supplier<JsonViews> jsonViews, JsonWriter json, CommandProgress progress, Settings settings,
			PrintStream out, PrintStream err) {
		this.manager = manager;
		this.author = author;
		this.jsonViews = jsonViews;
		this.json = json;
		this.progress = progress;
		this.settings = settings;
		this.out = out;
		this.err = err;
	}

	/**
	 * Parses and runs a command line.
	 * @param sourceArgs the raw arguments, {@code migration} included
	 * @return the exit code
	 */
	int execute(String... sourceArgs) {
		ParsedCommand command;
		try {
			command = CommandLineParser.parse(sourceArgs);
		}
		catch (UsageException ex) {
			return usageError(ex);
		}
		if (command.has("help")) {
			this.out.print(command.command().name().equals("help") ? CommandSpec.overview() : command.command().help());
			return SUCCESS;
		}
		try {
			return run(command);
		}
		catch (UsageException ex) {
			return usageError(ex);
		}
		catch (RollbackRefusedException ex) {
			this.err.println("Refused: " + mask(ex.getMessage()));
			printStackTrace(command, ex);
			return FAILURE;
		}
		catch (RuntimeException ex) {
			this.err.println("Error: " + describe(ex));
			printStackTrace(command, ex);
			if (!command.verbose()) {
				this.err.println("(run with --verbose for the stack trace)");
			}
			return FAILURE;
		}
		finally {
			this.out.flush();
			this.err.flush();
		}
	}

	private int usageError(UsageException ex) {
		this.err.println("migration: " + ex.getMessage());
		this.err.println("Run 'migration " + ((ex.getCommand() != null) ? ex.getCommand().name() + " " : "")
				+ "--help' for usage.");
		return USAGE;
	}

	private void printStackTrace(ParsedCommand command, RuntimeException ex) {
		if (command.verbose()) {
			ex.printStackTrace(this.err);
		}
	}

	private int run(ParsedCommand command) {
		return switch (command.command().name()) {
			case "help" -> help(command);
			case "migrate" -> migrate(command);
			case "rollback" -> rollback(command);
			case "create" -> create(command);
			case "merge" -> merge(command);
			case "status" -> status(command);
			case "history" -> history(command);
			case "current" -> current(command);
			case "heads" -> heads(command);
			case "show" -> show(command);
			case "verify" -> verify(command);
			case "stamp" -> stamp(command);
			case "sql" -> sql(command);
			case "repair" -> repair(command);
			case "graph" -> graph(command);
			case "restore" -> restore(command);
			default -> throw new IllegalStateException("No implementation of " + command.command().name());
		};
	}

	private int help(ParsedCommand command) {
		if (command.arguments().isEmpty()) {
			this.out.print(CommandSpec.overview());
			return SUCCESS;
		}
		String name = command.argument(0);
		CommandSpec spec = CommandSpec.named(name)
			.orElseThrow(() -> new UsageException("Unknown command '" + name + "'"
					+ CommandLineParser.suggestion(name, CommandSpec.ALL.stream().map(CommandSpec::name).toList(), ""),
					null));
		this.out.print(spec.help());
		return SUCCESS;
	}

	private int migrate(ParsedCommand command) {
		String target = command.value("revision", "head");
		MigrationManager manager = this.manager.get();
		if (command.has("dry-run")) {
			printPlan(manager.migrate(target, true));
			return SUCCESS;
		}
		int total = manager.migrate(target, true).planned().size();
		MigrationResult result = withProgress(total, () -> manager.migrate(target));
		if (!result.changed()) {
			this.out.println("Nothing to migrate: the database is at " + revisions(result.currentRevisions())
					+ " (checked in " + result.duration().toMillis() + " ms)");
		}
		else {
			this.out.println("Applied " + count(result.migrations().size()) + " in " + result.duration().toMillis()
					+ " ms; now at " + revisions(result.currentRevisions()));
		}
		return SUCCESS;
	}

	private int rollback(ParsedCommand command) {
		String target = command.value("revision", "-1");
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
		MigrationManager manager = this.manager.get();
		if (command.has("dry-run")) {
			printPlan(manager.rollback(target, options.asDryRun()));
			return SUCCESS;
		}
		RollbackOptions chosen = options;
		MigrationResult result = withProgress(expectedRollbacks(manager, target),
				() -> manager.rollback(target, chosen));
		if (!result.changed()) {
			this.out.println("Nothing to roll back: the database is at " + revisions(result.currentRevisions()));
		}
		else {
			this.out.println("Rolled back " + count(result.migrations().size()) + " in "
					+ result.duration().toMillis() + " ms; now at " + revisions(result.currentRevisions()));
		}
		return SUCCESS;
	}

	/**
	 * How many migrations a rollback is expected to undo, for the progress lines; 0 when
	 * it cannot be told without planning.
	 */
	private int expectedRollbacks(MigrationManager manager, String target) {
		if (target.matches("-\\d+")) {
			return Integer.parseInt(target.substring(1));
		}
		Map<String, MigrationInfo> migrations = byId(manager.migrations());
		Set<String> applied = closure(migrations, manager.currentRevisions());
		if (target.equals("base")) {
			return applied.size();
		}
		List<String> matches = migrations.keySet().stream().filter((id) -> id.startsWith(target)).toList();
		if (matches.size() != 1) {
			return 0;
		}
		Set<String> kept = closure(migrations, matches);
		return (int) applied.stream().filter((id) -> !kept.contains(id)).count();
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

	private int create(ParsedCommand command) {
		String message = command.argument(0);
		MigrationAuthor author = this.author.get();
		CreatedRevision created;
		if (command.has("template")) {
			created = author.create(message, command.value("template"), parameters(command));
		}
		else if (command.has("param")) {
			throw new UsageException("Option '--param' needs '--template NAME'", command.command());
		}
		else if (command.has("head")) {
			created = author.create(message, command.value("head"));
		}
		else {
			boolean autogenerate = !command.has("no-autogenerate") && this.settings.modelExists();
			Optional<CreatedRevision> written = author.create(message, autogenerate);
			if (written.isEmpty()) {
				this.out.println("No changes: the database matches the model; nothing was written "
						+ "(use --no-autogenerate for an empty revision)");
				return SUCCESS;
			}
			created = written.get();
		}
		printCreated(created);
		return SUCCESS;
	}

	private Map<String, String> parameters(ParsedCommand command) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String parameter : command.values("param")) {
			int equals = parameter.indexOf('=');
			if (equals <= 0) {
				throw new UsageException("Template parameter '" + parameter + "' is not key=value", command.command());
			}
			parameters.put(parameter.substring(0, equals), parameter.substring(equals + 1));
		}
		return parameters;
	}

	private int merge(ParsedCommand command) {
		List<String> revisions = command.arguments().subList(1, command.arguments().size());
		printCreated(this.author.get().merge(command.argument(0), revisions));
		return SUCCESS;
	}

	private void printCreated(CreatedRevision created) {
		this.out.println("Created revision " + created.revision() + " (" + created.message() + ") after "
				+ (created.downRevisions().isEmpty() ? "base" : String.join(", ", created.downRevisions())));
		this.out.println("  " + created.path());
		for (String note : created.reviewNotes()) {
			this.out.println("  review: " + note);
		}
	}

	private int status(ParsedCommand command) {
		if (command.json()) {
			this.out.println(this.json.write(this.jsonViews.get().status()));
			return SUCCESS;
		}
		MigrationStatus status = this.manager.get().status();
		TextTable summary = new TextTable().row("State:", status.state())
			.row("Current:", revisions(status.currentRevisions()))
			.row("Heads:", revisions(status.headRevisions()))
			.row("Lock:", (status.lockHolder() != null) ? "held by " + status.lockHolder().owner()
					+ ((status.lockHolder().since() != null) ? " since " + TIME.format(status.lockHolder().since()) : "")
					: "free");
		if (!status.unknownApplied().isEmpty()) {
			summary.row("Unknown:", String.join(", ", status.unknownApplied())
					+ " (applied, but not in these scripts: the database is ahead)");
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
		return SUCCESS;
	}

	private int history(ParsedCommand command) {
		int limit = Integer.MAX_VALUE;
		if (command.has("limit")) {
			limit = positive(command, "limit");
		}
		if (command.json()) {
			int size = Math.min(limit, 1000);
			this.out.println(this.json.write(this.jsonViews.get().history(size)));
			return SUCCESS;
		}
		List<HistoryEntry> history = this.manager.get().history();
		if (history.isEmpty()) {
			this.out.println("No history: nothing was ever applied");
			return SUCCESS;
		}
		TextTable table = new TextTable().row("ID", "REVISION", "ACTION", "STARTED", "DURATION", "RESULT", "USER",
				"MESSAGE");
		history.stream()
			.limit(limit)
			.forEach((entry) -> table.row(entry.id(), entry.revision(), entry.action().name().toLowerCase(Locale.ROOT),
					(entry.startedAt() != null) ? TIME.format(entry.startedAt()) : "", millis(entry.duration()),
					entry.success() ? "ok" : "FAILED", entry.user(),
					entry.success() ? entry.message() : entry.message() + ": " + firstLine(entry.error())));
		this.out.print(table.render());
		if (history.size() > limit) {
			this.out.println("(" + limit + " of " + history.size() + " entries)");
		}
		return SUCCESS;
	}

	private int current(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		List<String> current = manager.currentRevisions();
		if (command.json()) {
			this.out.println(this.json.write(Map.of("current", current)));
			return SUCCESS;
		}
		printRevisions(manager, current, "base (nothing applied)");
		return SUCCESS;
	}

	private int heads(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		List<String> heads = manager.headRevisions();
		if (command.json()) {
			this.out.println(this.json.write(Map.of("heads", heads)));
			return SUCCESS;
		}
		printRevisions(manager, heads, "none (no scripts)");
		return SUCCESS;
	}

	private void printRevisions(MigrationManager manager, List<String> ids, String none) {
		if (ids.isEmpty()) {
			this.out.println(none);
			return;
		}
		Map<String, MigrationInfo> migrations = byId(manager.migrations());
		Set<String> heads = new HashSet<>(manager.headRevisions());
		TextTable table = new TextTable();
		for (String id : ids) {
			MigrationInfo info = migrations.get(id);
			table.row(id, (heads.contains(id) ? "(head) " : "") + ((info != null) ? info.message() : "(unknown script)"));
		}
		this.out.print(table.render());
	}

	private int show(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		Map<String, MigrationInfo> migrations = byId(manager.migrations());
		String given = command.argument(0);
		List<String> matches = migrations.keySet().stream().filter((id) -> id.startsWith(given)).toList();
		if (migrations.containsKey(given)) {
			matches = List.of(given);
		}
		if (matches.isEmpty()) {
			throw new MigrationException("No revision '" + given + "' in the scripts"
					+ CommandLineParser.suggestion(given, migrations.keySet(), ""));
		}
		if (matches.size() > 1) {
			throw new MigrationException("Revision prefix '" + given + "' is ambiguous: " + String.join(", ", matches));
		}
		MigrationInfo info = migrations.get(matches.get(0));
		List<String> current = manager.currentRevisions();
		boolean applied = closure(migrations, current).contains(info.revision());
		boolean head = manager.headRevisions().contains(info.revision());
		List<String> children = migrations.values()
			.stream()
			.filter((other) -> other.downRevisions().contains(info.revision()))
			.map(MigrationInfo::revision)
			.toList();
		if (command.json()) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", info.revision());
			json.put("message", info.message());
			json.put("downRevisions", info.downRevisions());
			json.put("dependsOn", info.dependsOn());
			json.put("children", children);
			json.put("path", info.path());
			json.put("checksum", info.checksum());
			json.put("kind", info.kind().name());
			json.put("transactional", info.transactional());
			json.put("reversible", info.reversible());
			json.put("head", head);
			json.put("current", current.contains(info.revision()));
			json.put("applied", applied);
			this.out.println(this.json.write(json));
			return SUCCESS;
		}
		TextTable table = new TextTable().row("Revision:", info.revision())
			.row("Message:", info.message())
			.row("Parents:", revisions(info.downRevisions()))
			.row("Children:", children.isEmpty() ? "none" : String.join(", ", children));
		if (!info.dependsOn().isEmpty()) {
			table.row("Depends on:", String.join(", ", info.dependsOn()));
		}
		table.row("Path:", info.path())
			.row("Kind:", info.kind().name().toLowerCase(Locale.ROOT)
					+ (info.transactional() ? "" : ", not transactional")
					+ (info.reversible() ? ", reversible" : ", irreversible"))
			.row("Checksum:", (info.checksum() != null) ? info.checksum() : "none")
			.row("State:", (applied ? "applied" : "pending") + (current.contains(info.revision()) ? ", current" : "")
					+ (head ? ", head" : ""));
		this.out.print(table.render());
		return SUCCESS;
	}

	private int verify(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		List<Operation> drift = command.has("drift") ? this.author.get().drift() : List.of();
		VerifyReport report = manager.verify();
		if (command.has("roundtrip")) {
			List<VerifyReport.Problem> problems = new ArrayList<>(report.problems());
			problems.addAll(manager.verifyRoundTrip().problems());
			report = new VerifyReport(problems);
		}
		boolean failed = !drift.isEmpty() || report.problems()
			.stream()
			.anyMatch((problem) -> problem.kind() != VerifyReport.Kind.IRREVERSIBLE);
		if (command.json()) {
			Object verify = this.jsonViews.get().verify(report);
			if (command.has("drift")) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("verify", verify);
				json.put("drift", drift.stream().map(Operation::describe).toList());
				verify = json;
			}
			this.out.println(this.json.write(verify));
			return failed ? FAILURE : SUCCESS;
		}
		if (report.isOk()) {
			this.out.println("OK: the scripts and the database agree");
		}
		else {
			TextTable table = new TextTable().row("KIND", "REVISION", "DETAIL");
			report.problems().forEach((problem) -> table.row(problem.kind(), problem.revision(), problem.detail()));
			this.out.print(table.render());
		}
		if (command.has("drift")) {
			if (drift.isEmpty()) {
				this.out.println("No drift: the database matches the model");
			}
			else {
				this.out.println("Drift (" + drift.size() + " difference(s) from the model):");
				drift.forEach((operation) -> this.out.println("  " + operation.describe()));
			}
		}
		if (failed) {
			this.err.println("Verification failed");
		}
		return failed ? FAILURE : SUCCESS;
	}

	private int stamp(ParsedCommand command) {
		MigrationResult result = this.manager.get().stamp(command.argument(0));
		this.out.println("Stamped " + command.argument(0) + ": now at " + revisions(result.currentRevisions())
				+ " (" + count(result.migrations().size()) + " added or removed, nothing was run)");
		return SUCCESS;
	}

	private int sql(ParsedCommand command) {
		Dialect dialect;
		if (command.has("dialect")) {
			dialect = Dialect.forProductName(command.value("dialect"));
		}
		else if (this.settings.datasourceUrl() != null) {
			dialect = Dialect.forJdbcUrl(this.settings.datasourceUrl());
		}
		else {
			throw new UsageException("No datasource URL to take the dialect from: give --dialect postgresql or "
					+ "--dialect duckdb", command.command());
		}
		this.out.print(this.manager.get().sql(command.argument(0), dialect));
		return SUCCESS;
	}

	private int repair(ParsedCommand command) {
		String action = command.argument(0);
		RepairAction repair = switch (action) {
			case "mark-applied" -> RepairAction.MARK_APPLIED;
			case "mark-rolled-back" -> RepairAction.MARK_ROLLED_BACK;
			case "accept-checksum" -> RepairAction.ACCEPT_CHECKSUM;
			default -> throw new UsageException("Unknown repair action '" + action + "'"
					+ CommandLineParser.suggestion(action,
							List.of("mark-applied", "mark-rolled-back", "accept-checksum"), "")
					+ " (mark-applied, mark-rolled-back or accept-checksum)", command.command());
		};
		String reason = command.value("reason");
		if (reason == null || reason.isBlank()) {
			throw new UsageException("repair needs --reason \"...\": the reason is kept in the history",
					command.command());
		}
		MigrationResult result = this.manager.get().repair(repair, command.argument(1), reason, command.value("confirm"));
		this.out.println("Repaired (" + action + " " + command.argument(1) + "): now at "
				+ revisions(result.currentRevisions()) + "; logged with the reason");
		return SUCCESS;
	}

	private int graph(ParsedCommand command) {
		MigrationManager manager = this.manager.get();
		RevisionGraphRenderer renderer = new RevisionGraphRenderer(manager.migrations(),
				Set.copyOf(manager.headRevisions()), Set.copyOf(manager.currentRevisions()));
		try {
			this.out.print(renderer.render(command.value("format", "text")));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage(), command.command());
		}
		return SUCCESS;
	}

	private int restore(ParsedCommand command) {
		Path snapshot = Path.of(command.argument(0));
		this.manager.get().restoreSnapshot(snapshot);
		this.out.println("Restored the database from " + snapshot.toAbsolutePath());
		return SUCCESS;
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

	/**
	 * The revisions and everything they stand on: what is applied when they are.
	 */
	private static Set<String> closure(Map<String, MigrationInfo> migrations, List<String> revisions) {
		Set<String> closure = new HashSet<>();
		Deque<String> todo = new ArrayDeque<>(revisions);
		while (!todo.isEmpty()) {
			String id = todo.pop();
			MigrationInfo info = migrations.get(id);
			if (closure.add(id) && info != null) {
				todo.addAll(info.downRevisions());
				todo.addAll(info.dependsOn());
			}
		}
		return closure;
	}

	private static String revisions(List<String> revisions) {
		return revisions.isEmpty() ? "base" : String.join(", ", revisions);
	}

	private static String count(int migrations) {
		return migrations + ((migrations == 1) ? " migration" : " migrations");
	}

	private static String millis(Duration duration) {
		return (duration != null) ? duration.toMillis() + " ms" : "";
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "";
		}
		int newline = text.indexOf('\n');
		return mask((newline != -1) ? text.substring(0, newline) : text);
	}

	/**
	 * The message a human needs: the exception's own, followed by its causes' when they
	 * add something; credentials masked.
	 */
	static String describe(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null && messages.size() < 5; cause = cause.getCause()) {
			String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
			if (messages.stream().noneMatch((earlier) -> earlier.contains(message))) {
				messages.add(message);
			}
			if (cause == cause.getCause()) {
				break;
			}
		}
		return mask(messages.stream().collect(Collectors.joining("\n  caused by: ")));
	}

	static String mask(String message) {
		String masked = PASSWORD_PARAMETER.matcher(message).replaceAll("$1=******");
		return URL_CREDENTIALS.matcher(masked).replaceAll("://$1:******@");
	}

}
