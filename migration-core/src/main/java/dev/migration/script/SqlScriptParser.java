package dev.migration.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.migration.ScriptException;
import dev.migration.lint.LintIgnore;
import dev.migration.lint.LintRule;
import dev.migration.revision.Direction;
import dev.migration.revision.Revision;

/**
 * Parses SQL revision scripts. The format is a public contract:
 *
 * <pre class="code">
 * -- Add user profile fields
 * --
 * -- revision: 3f2a9c1b7d4e
 * -- down_revision: 1c2d3e4f5a6b
 * -- depends_on: 9a8b7c6d5e4f
 * -- branch_labels: billing
 * -- transactional: true
 * -- placeholders: true
 *
 * -- upgrade
 * ALTER TABLE users ADD COLUMN phone VARCHAR(20);
 *
 * -- downgrade
 * ALTER TABLE users DROP COLUMN phone;
 * </pre>
 *
 * <ul>
 * <li>The header is the leading block of {@code --} lines (a byte order mark at the
 * start of the file is ignored). It ends at the first line that is not a {@code --}
 * comment, or at a section marker.</li>
 * <li>The first header line is the revision message. The following lines are
 * {@code key: value} pairs; blank {@code --} lines are ignored, and any other line is an
 * error so that typos do not pass silently. Keys are case-insensitive:
 * <ul>
 * <li>{@code revision}: the id, required, letters, digits and {@code _};</li>
 * <li>{@code down_revision}: the parent id, a comma-separated list of ids for a merge,
 * or {@code none} or nothing for a root;</li>
 * <li>{@code depends_on}: a comma-separated list of ids, optional;</li>
 * <li>{@code branch_labels}: a comma-separated list of branch labels, optional: the
 * revision and every revision above it form the branch each names, as in the target
 * {@code billing@head}; letters, digits, {@code _} and {@code -} (not first), neither
 * {@code head}, {@code heads} nor {@code base}, nor a revision id, each declared by one
 * revision only;</li>
 * <li>{@code transactional}: {@code true} (the default) or {@code false};</li>
 * <li>{@code placeholders}: {@code true} (the default) to replace the
 * {@linkplain Placeholders placeholders} of the sections, {@code false} to run them as
 * written;</li>
 * <li>{@code repeatable}: {@code false} (the default) or {@code true} for a
 * repeatable migration: a view, a function, a grant,
 * applied again whenever its checksum changes. Its {@code revision} is its own id,
 * outside the graph; it takes no {@code down_revision} and no {@code branch_labels}, runs
 * in one transaction, and its {@code depends_on} names revisions or other repeatables
 * applied first.</li>
 * <li>{@code lint}: {@code ignore <rule-id> <reason>}, as often as needed: the
 * {@linkplain LintRule lint rule} is not reported for this script, and the lint report
 * keeps what it silenced with the reason. An unknown rule id, a missing reason or a
 * rule ignored twice is an error.</li>
 * </ul>
 * </li>
 * <li>A line reading {@code -- upgrade} or {@code -- downgrade} (any case, any
 * surrounding spaces) starts a section that runs to the next such line or to the end
 * of the file. The upgrade section is required; without a downgrade section the
 * revision cannot be rolled back. Between the header and the first section, only
 * blank lines and comments may appear.</li>
 * <li>A transactional script may not contain a statement that PostgreSQL refuses to
 * run inside a transaction block, such as {@code CREATE INDEX CONCURRENTLY}.</li>
 * </ul>
 * Every error is a {@link ScriptException} naming the file and the line at fault.
 */
public final class SqlScriptParser {

	private static final String REVISION = "revision";

	private static final String DOWN_REVISION = "down_revision";

	private static final String DEPENDS_ON = "depends_on";

	private static final String TRANSACTIONAL = "transactional";

	private static final String PLACEHOLDERS = "placeholders";

	private static final String BRANCH_LABELS = BranchLabelCheck.KEY;

	private static final String REPEATABLE = "repeatable";

	private static final String LINT = "lint";

	private static final List<String> KEYS = List.of(REVISION, DOWN_REVISION, DEPENDS_ON, BRANCH_LABELS,
			TRANSACTIONAL, PLACEHOLDERS, REPEATABLE, LINT);

	private static final String UPGRADE = "upgrade";

	private static final String DOWNGRADE = "downgrade";

	private final String path;

	private final List<String> lines;

	private SqlScriptParser(String path, List<String> lines) {
		this.path = path;
		this.lines = lines;
	}

	/**
	 * Splits SQL text into statements with the same rules as script sections: for the
	 * downgrade SQL stored in the database, run by a build that no longer has the file.
	 * @param source where the SQL came from, for error messages
	 * @param sql the SQL text
	 * @return the statements, with lines counted from the first line of {@code sql}
	 */
	public static List<SqlStatement> statements(String source, String sql) {
		return StatementSplitter.split(source, sql, 1);
	}

	/**
	 * Parse the given revision script.
	 * @param path where the script was read from; becomes the revision's source and
	 * the file named in error messages
	 * @param content the content of the script
	 * @return the parsed script
	 * @throws ScriptException if the script does not follow the format, naming the file
	 * and line at fault
	 */
	public static SqlScript parse(String path, String content) {
		return parse(path, content, Placeholders.NONE);
	}

	/**
	 * Parse the given revision script, replacing its placeholders (unless its header
	 * says {@code placeholders: false}). The checksum is the file's, as written.
	 * @param path where the script was read from; becomes the revision's source and
	 * the file named in error messages
	 * @param content the content of the script
	 * @param placeholders the placeholders' values
	 * @return the parsed script
	 * @throws ScriptException if the script does not follow the format or names an
	 * unknown placeholder, naming the file and line at fault
	 */
	public static SqlScript parse(String path, String content, Placeholders placeholders) {
		Objects.requireNonNull(content, "content");
		return parse(path, content, ScriptChecksum.of(content), placeholders);
	}

	/**
	 * Parses a script whose checksum is known already (computed when it was outlined).
	 */
	static SqlScript parse(String path, String content, String checksum, Placeholders placeholders) {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(placeholders, "placeholders");
		String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
		SqlScriptParser parser = new SqlScriptParser(path, lines(text));
		return parser.parse(checksum, placeholders);
	}

	/**
	 * Splits one section of a script, for a run that needs that direction alone: a
	 * rollback runs downgrades only, so it need not split every upgrade first. The
	 * statements, their line numbers and the errors are those {@link #parse(String,
	 * String, Placeholders)} gives for that section; the other section is not checked.
	 * @param path where the script was read from, for error messages
	 * @param content the content of the script
	 * @param direction {@link Direction#UPGRADE} for the {@code -- upgrade} section,
	 * {@link Direction#DOWNGRADE} for the {@code -- downgrade} one
	 * @param placeholders the placeholders' values
	 * @return the statements, or {@code null} when the script has no such section
	 * @throws ScriptException for a malformed header or section, a statement outside a
	 * section or an unknown placeholder, naming the file and line at fault
	 */
	static List<SqlStatement> section(String path, String content, Direction direction, Placeholders placeholders) {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(placeholders, "placeholders");
		String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
		SqlScriptParser parser = new SqlScriptParser(path, lines(text));
		return parser.section((direction == Direction.UPGRADE) ? UPGRADE : DOWNGRADE, placeholders);
	}

	/**
	 * Reads what the revision graph and the history need from a script without splitting
	 * its sections into statements: the header, which sections exist, and the
	 * checksum. Starting an application with many applied scripts only needs this; the
	 * statements are split (and checked) by {@link #parse(String, String)} when a
	 * script is about to run.
	 * @param path where the script was read from
	 * @param content the content of the script
	 * @return the outline
	 * @throws ScriptException for a malformed header or missing upgrade section, naming
	 * the file and line at fault
	 */
	public static SqlScriptOutline outline(String path, String content) {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(content, "content");
		String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
		SqlScriptParser parser = new SqlScriptParser(path, lines(text));
		return parser.outline(ScriptChecksum.of(content));
	}

	/**
	 * The lines of a text, whatever its line endings; a text ending with a line ending
	 * has an empty last line, so that line numbers and section bodies keep every line.
	 */
	private static List<String> lines(String text) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r') {
				lines.add(text.substring(start, i));
				if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
					i++;
				}
				start = i + 1;
			}
		}
		lines.add(text.substring(start));
		return lines;
	}

	private SqlScriptOutline outline(String checksum) {
		Layout layout = layout();
		Header header = layout.header();
		return new SqlScriptOutline(this.path, header.toRevision(this.path), header.transactional(),
				layout.sections().containsKey(DOWNGRADE), checksum, header.branchLabelsLine(), header.repeatable(),
				header.dependsOnLine());
	}

	/**
	 * The header and where the sections start, checked; what both an outline and a
	 * full parse begin with.
	 */
	private Layout layout() {
		Map<String, Integer> sections = findSections();
		// Sections are found in file order: the first one found starts first.
		int firstSection = sections.isEmpty() ? this.lines.size() : sections.values().iterator().next();
		int headerEnd = 0;
		while (headerEnd < firstSection && isComment(this.lines.get(headerEnd))) {
			headerEnd++;
		}
		Header header = parseHeader(headerEnd);
		if (!sections.containsKey(UPGRADE)) {
			throw new ScriptException(this.path, 0, "missing '-- upgrade' section");
		}
		return new Layout(sections, firstSection, headerEnd, header);
	}

	private static boolean isComment(String line) {
		return line.strip().startsWith("--");
	}

	private record Layout(Map<String, Integer> sections, int firstSection, int headerEnd, Header header) {

	}

	private SqlScript parse(String checksum, Placeholders placeholders) {
		Layout layout = layout();
		Header header = layout.header();
		checkNothingOutsideSections(layout.headerEnd(), layout.firstSection());
		int upgradeIndex = layout.sections().get(UPGRADE);
		String upgradeSql = replacedSection(layout, upgradeIndex, placeholders);
		List<SqlStatement> upgrade = StatementSplitter.split(this.path, upgradeSql, upgradeIndex + 2);
		Integer downgradeIndex = layout.sections().get(DOWNGRADE);
		String downgradeSql = null;
		List<SqlStatement> downgrade = null;
		if (downgradeIndex != null) {
			// Stored replaced: it must run in a build that no longer has the configuration.
			downgradeSql = replacedSection(layout, downgradeIndex, placeholders);
			downgrade = StatementSplitter.split(this.path, downgradeSql, downgradeIndex + 2);
			downgradeSql = trimBlankLines(downgradeSql);
		}
		if (header.transactional()) {
			checkTransactional(upgrade);
			if (downgrade != null) {
				checkTransactional(downgrade);
			}
		}
		return new SqlScript(this.path, header.toRevision(this.path), header.transactional(), upgrade, downgrade,
				downgradeSql, checksum, header.lintIgnores());
	}

	/**
	 * The statements of one section, split as {@link #parse(String)} splits them: the
	 * header read and checked, nothing outside a section, placeholders replaced, line
	 * numbers those of the file, and, in a transactional script, no statement that
	 * cannot run in a transaction. The other section is not split.
	 */
	private List<SqlStatement> section(String name, Placeholders placeholders) {
		Layout layout = layout();
		checkNothingOutsideSections(layout.headerEnd(), layout.firstSection());
		Integer index = layout.sections().get(name);
		if (index == null) {
			return null;
		}
		List<SqlStatement> statements = StatementSplitter.split(this.path,
				replacedSection(layout, index, placeholders), index + 2);
		if (layout.header().transactional()) {
			checkTransactional(statements);
		}
		return List.copyOf(statements);
	}

	/**
	 * The text of the section whose marker is on the given line, its placeholders
	 * replaced unless the header says {@code placeholders: false}; errors name the
	 * file's lines.
	 */
	private String replacedSection(Layout layout, int markerIndex, Placeholders placeholders) {
		Header header = layout.header();
		Placeholders replacing = header.placeholders() ? placeholders : Placeholders.NONE;
		return replacing.replace(this.path, sectionText(layout.sections(), markerIndex), markerIndex + 2,
				header.revision());
	}

	/**
	 * Between the header and the first section, only blank lines and comments.
	 */
	private void checkNothingOutsideSections(int headerEnd, int firstSection) {
		List<SqlStatement> outside = StatementSplitter.split(this.path, text(headerEnd, firstSection), headerEnd + 1);
		if (!outside.isEmpty()) {
			SqlStatement statement = outside.get(0);
			throw new ScriptException(this.path, statement.line(), "statement outside a section: '"
					+ statement.firstLine() + "'; put it under '-- upgrade' or '-- downgrade'");
		}
	}

	/**
	 * The section markers of the script: section name to 0-based line index, in file
	 * order.
	 */
	private Map<String, Integer> findSections() {
		Map<String, Integer> sections = new LinkedHashMap<>();
		for (int i = 0; i < this.lines.size(); i++) {
			String line = this.lines.get(i);
			// Most lines are SQL: skip the marker check for them.
			if (line.indexOf('-') < 0) {
				continue;
			}
			String name = sectionName(line);
			if (name != null) {
				Integer previous = sections.putIfAbsent(name, i);
				if (previous != null) {
					throw new ScriptException(this.path, i + 1,
							"'-- " + name + "' section given twice (first on line " + (previous + 1) + ")");
				}
			}
		}
		return sections;
	}

	/**
	 * The section a line starts, or {@code null}: once the line is stripped,
	 * {@code --}, optional whitespace, then {@code upgrade} or {@code downgrade} in any
	 * ASCII case. Matched by hand, as the header entries are: a start outlines every
	 * script, in a fresh JVM, where a regular expression's matcher costs several times
	 * more.
	 */
	private static String sectionName(String line) {
		String text = line.strip();
		if (!text.startsWith("--")) {
			return null;
		}
		int name = 2;
		while (name < text.length() && isPatternSpace(text.charAt(name))) {
			name++;
		}
		return isAsciiIgnoringCase(text, name, UPGRADE) ? UPGRADE
				: isAsciiIgnoringCase(text, name, DOWNGRADE) ? DOWNGRADE : null;
	}

	/**
	 * Whether the text from {@code start} on is {@code lowerCase}, in any ASCII case.
	 */
	private static boolean isAsciiIgnoringCase(String text, int start, String lowerCase) {
		if (text.length() - start != lowerCase.length()) {
			return false;
		}
		for (int i = 0; i < lowerCase.length(); i++) {
			char c = text.charAt(start + i);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if (c != lowerCase.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whitespace as a regular expression's {@code \s} has it: ASCII only.
	 */
	private static boolean isPatternSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	private Header parseHeader(int headerEnd) {
		String message = (headerEnd > 0) ? commentText(0) : "";
		// By the index of the key in KEYS; a line of 0 for a key not given.
		String[] values = new String[KEYS.size()];
		int[] keyLines = new int[KEYS.size()];
		List<LintIgnore> lintIgnores = new ArrayList<>();
		for (int i = 1; i < headerEnd; i++) {
			String entry = commentText(i);
			if (entry.isEmpty()) {
				continue;
			}
			int line = i + 1;
			HeaderEntry matched = HeaderEntry.of(entry);
			if (matched == null) {
				throw new ScriptException(this.path, line,
						"expected 'key: value' in the header, found '" + entry + "'");
			}
			int key = keyIndex(matched.key());
			if (key < 0) {
				throw new ScriptException(this.path, line, "unknown header key '" + matched.key()
						+ "'; expected one of " + String.join(", ", KEYS));
			}
			if (KEYS.get(key).equals(LINT)) {
				lintIgnores.add(lintIgnore(matched.value().strip(), line, lintIgnores));
				continue;
			}
			if (keyLines[key] != 0) {
				throw new ScriptException(this.path, line,
						"header key '" + KEYS.get(key) + "' given twice (first on line " + keyLines[key] + ")");
			}
			keyLines[key] = line;
			values[key] = matched.value().strip();
		}
		int revisionKey = KEYS.indexOf(REVISION);
		String revision = values[revisionKey];
		if (revision == null) {
			throw new ScriptException(this.path, 1, missingRevision(message));
		}
		checkId(revision, REVISION, keyLines[revisionKey]);
		int down = KEYS.indexOf(DOWN_REVISION);
		List<String> downRevisions = ids(values[down], DOWN_REVISION, keyLines[down], true);
		int depends = KEYS.indexOf(DEPENDS_ON);
		List<String> dependsOn = ids(values[depends], DEPENDS_ON, keyLines[depends], false);
		int labels = KEYS.indexOf(BRANCH_LABELS);
		List<String> branchLabels = BranchLabelCheck.parse(this.path, keyLines[labels], values[labels], revision);
		int transactional = KEYS.indexOf(TRANSACTIONAL);
		int placeholders = KEYS.indexOf(PLACEHOLDERS);
		int repeatableKey = KEYS.indexOf(REPEATABLE);
		boolean repeatable = values[repeatableKey] != null
				&& flag(values[repeatableKey], REPEATABLE, keyLines[repeatableKey]);
		boolean isTransactional = flag(values[transactional], TRANSACTIONAL, keyLines[transactional]);
		if (repeatable) {
			checkRepeatable(keyLines[down], keyLines[labels], isTransactional ? 0 : keyLines[transactional]);
		}
		return new Header(message, revision, downRevisions, dependsOn, keyLines[depends], branchLabels,
				keyLines[labels], isTransactional, flag(values[placeholders], PLACEHOLDERS, keyLines[placeholders]),
				repeatable, List.copyOf(lintIgnores));
	}

	/**
	 * The value of a {@code lint:} header line: {@code ignore <rule-id> <reason>}.
	 */
	private LintIgnore lintIgnore(String value, int line, List<LintIgnore> earlier) {
		String[] parts = value.split("\\s+", 3);
		if (parts.length == 0 || !parts[0].equalsIgnoreCase("ignore")) {
			throw new ScriptException(this.path, line,
					"expected 'lint: ignore <rule-id> <reason>', found 'lint: " + value + "'");
		}
		if (parts.length < 2) {
			throw new ScriptException(this.path, line,
					"'lint: ignore' names no rule; expected 'lint: ignore <rule-id> <reason>'");
		}
		LintRule rule = LintRule.byId(parts[1])
			.orElseThrow(() -> new ScriptException(this.path, line, "unknown lint rule '" + parts[1]
					+ "' in 'lint: ignore'; expected one of " + String.join(", ", LintRule.ids())));
		if (parts.length < 3 || parts[2].isBlank()) {
			throw new ScriptException(this.path, line, "'lint: ignore " + rule.id()
					+ "' gives no reason; write why the hazard is acceptable after the rule id");
		}
		for (LintIgnore ignore : earlier) {
			if (ignore.rule() == rule) {
				throw new ScriptException(this.path, line,
						"lint rule '" + rule.id() + "' ignored twice (first on line " + ignore.line() + ")");
			}
		}
		return new LintIgnore(rule, parts[2].strip(), line);
	}

	/**
	 * A repeatable migration stands outside the graph and runs in one transaction: the
	 * header keys that say otherwise are errors at their line.
	 */
	private void checkRepeatable(int downRevisionLine, int branchLabelsLine, int nonTransactionalLine) {
		if (downRevisionLine != 0) {
			throw new ScriptException(this.path, downRevisionLine, "a repeatable migration takes no '" + DOWN_REVISION
					+ "': it is applied again whenever its checksum changes; name what it needs in '" + DEPENDS_ON
					+ "'");
		}
		if (branchLabelsLine != 0) {
			throw new ScriptException(this.path, branchLabelsLine,
					"a repeatable migration takes no '" + BRANCH_LABELS + "': it belongs to no branch");
		}
		if (nonTransactionalLine != 0) {
			throw new ScriptException(this.path, nonTransactionalLine,
					"a repeatable migration runs in one transaction with its log row: '" + TRANSACTIONAL
							+ ": false' is not allowed");
		}
	}

	private String missingRevision(String message) {
		String problem = "missing '-- revision:' in the header";
		HeaderEntry entry = HeaderEntry.of(message);
		if (entry != null && keyIndex(entry.key()) >= 0) {
			// An easy slip: a header without a message line loses its first entry to it.
			problem += " (the first header line is the message, not '" + message + "')";
		}
		return problem;
	}

	/**
	 * The index in {@link #KEYS} of a header key in any case, or -1.
	 */
	private static int keyIndex(String key) {
		return KEYS.indexOf(key.toLowerCase(Locale.ROOT));
	}

	private List<String> ids(String value, String key, int line, boolean noneAllowed) {
		if (value == null || value.isEmpty() || (noneAllowed && value.equalsIgnoreCase("none"))) {
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		for (String candidate : value.split(",", -1)) {
			String id = candidate.strip();
			checkId(id, key, line);
			if (ids.contains(id)) {
				throw new ScriptException(this.path, line, "revision '" + id + "' listed twice in '" + key + "'");
			}
			ids.add(id);
		}
		return List.copyOf(ids);
	}

	private void checkId(String id, String key, int line) {
		if (!Revision.isValidId(id)) {
			throw new ScriptException(this.path, line,
					"invalid revision id '" + id + "' in '" + key + "': use only letters, digits and _");
		}
	}

	private boolean flag(String value, String key, int line) {
		if (value == null || value.equalsIgnoreCase("true")) {
			return true;
		}
		if (value.equalsIgnoreCase("false")) {
			return false;
		}
		throw new ScriptException(this.path, line,
				"invalid value '" + value + "' for '" + key + "': expected true or false");
	}

	private void checkTransactional(List<SqlStatement> statements) {
		for (SqlStatement statement : statements) {
			Optional<String> reason = NonTransactionalStatements.reason(statement.sql());
			if (reason.isPresent()) {
				throw new ScriptException(this.path, statement.line(), reason.get()
						+ " cannot run inside a transaction; put the statement in its own migration and declare"
						+ " '-- transactional: false' in its header");
			}
		}
	}

	private String commentText(int index) {
		return this.lines.get(index).strip().substring(2).strip();
	}

	/**
	 * The body of the section whose marker is on the given line: every line after it up
	 * to the next marker or the end of the file.
	 */
	private String sectionText(Map<String, Integer> sections, int markerIndex) {
		int end = this.lines.size();
		for (int index : sections.values()) {
			if (index > markerIndex && index < end) {
				end = index;
			}
		}
		return text(markerIndex + 1, end);
	}

	private String text(int from, int to) {
		return String.join("\n", this.lines.subList(from, to));
	}

	private static String trimBlankLines(String text) {
		int start = 0;
		int newline;
		while ((newline = text.indexOf('\n', start)) >= 0 && text.substring(start, newline).isBlank()) {
			start = newline + 1;
		}
		return text.substring(start).stripTrailing();
	}

	/**
	 * A header line's {@code key: value}.
	 */
	private record HeaderEntry(String key, String value) {

		/**
		 * The entry of a header line's text, or {@code null} when it is not one: a key of
		 * ASCII letters, digits and {@code _} (not starting with a digit), optional
		 * whitespace, a colon, and a value with no line terminator.
		 */
		static HeaderEntry of(String text) {
			int length = text.length();
			if (length == 0 || !isKeyCharacter(text.charAt(0)) || isAsciiDigit(text.charAt(0))) {
				return null;
			}
			int keyEnd = 1;
			while (keyEnd < length && isKeyCharacter(text.charAt(keyEnd))) {
				keyEnd++;
			}
			int colon = keyEnd;
			while (colon < length && isPatternSpace(text.charAt(colon))) {
				colon++;
			}
			if (colon == length || text.charAt(colon) != ':') {
				return null;
			}
			for (int i = colon + 1; i < length; i++) {
				if (isLineTerminator(text.charAt(i))) {
					return null;
				}
			}
			return new HeaderEntry(text.substring(0, keyEnd), text.substring(colon + 1));
		}

		private static boolean isKeyCharacter(char c) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isAsciiDigit(c) || c == '_';
		}

		private static boolean isAsciiDigit(char c) {
			return c >= '0' && c <= '9';
		}

		/**
		 * What a regular expression's {@code .} does not match.
		 */
		private static boolean isLineTerminator(char c) {
			return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
		}

	}

	private record Header(String message, String revision, List<String> downRevisions, List<String> dependsOn,
			int dependsOnLine, List<String> branchLabels, int branchLabelsLine, boolean transactional,
			boolean placeholders, boolean repeatable, List<LintIgnore> lintIgnores) {

		Revision toRevision(String path) {
			return new Revision(this.revision, this.message, this.downRevisions, this.dependsOn, path,
					this.branchLabels);
		}

	}

}
