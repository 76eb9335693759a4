package dev.migration.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.migration.lint.SchemaChange.DefaultValue;
import dev.migration.lint.SqlTokens.Kind;
import dev.migration.lint.SqlTokens.Token;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a statement changes, from its tokens: case-insensitive keywords, quoted
 * identifiers, schema-qualified names, {@code IF [NOT] EXISTS}, {@code ONLY}, and each
 * action of a multi-action {@code ALTER TABLE}. A statement it does not recognise
 * changes nothing the lint cares about.
 */
final class StatementAnalysis {

	/**
	 * Functions whose value differs per row, so that a default calling one is written
	 * into every row when the column is added. {@code now()} and
	 * {@code CURRENT_TIMESTAMP} are not among them: they are stable, evaluated once.
	 */
	private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "gen_random_uuid", "uuid_generate_v1",
			"uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval",
			"gen_random_bytes", "random_normal", "txid_current", "pg_current_xact_id");

	private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial2", "serial4",
			"serial8");

	/**
	 * The words that end a column's type or default and start a column constraint.
	 */
	private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT",
			"PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "USING",
			"COMPRESSION", "STORAGE");

	/**
	 * The first words of the statements {@link #run()} reads.
	 */
	private static final List<String> FIRST_WORDS = List.of("CREATE", "ALTER", "DROP", "VACUUM", "CLUSTER",
			"REINDEX", "SET", "SELECT");

	private final List<Token> tokens;

	private final List<SchemaChange> changes = new ArrayList<>();

	private int position;

	private StatementAnalysis(List<Token> tokens) {
		this.tokens = tokens;
	}

	/**
	 * What the statement changes.
	 * @param sql the statement
	 * @return the changes, in the order they are made; empty for a statement the lint
	 * has no rule for
	 */
	static List<SchemaChange> analyze(String sql) {
		if (!mayChangeSchema(sql)) {
			return List.of();
		}
		StatementAnalysis analysis = new StatementAnalysis(SqlTokens.read(sql));
		analysis.run();
		return List.copyOf(analysis.changes);
	}

	/**
	 * Whether the statement may be one a rule is about, from its first word alone: an
	 * {@code INSERT} or {@code UPDATE} of a data migration, however long, is not read
	 * token by token. A statement that starts otherwise than with a word (a comment, a
	 * parenthesis) is read in full.
	 */
	private static boolean mayChangeSchema(String sql) {
		int start = 0;
		while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
			start++;
		}
		int end = start;
		while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
			end++;
		}
		if (end == start) {
			return true;
		}
		for (String word : FIRST_WORDS) {
			if (word.length() == end - start && sql.regionMatches(true, start, word, 0, word.length())) {
				return true;
			}
		}
		return false;
	}

	private void run() {
		if (this.tokens.isEmpty()) {
			return;
		}
		Token first = next();
		switch (first.text().toUpperCase(Locale.ROOT)) {
			case "CREATE" -> create(first.line());
			case "ALTER" -> {
				if (accept("TABLE")) {
					alterTable();
				}
			}
			case "DROP" -> drop(first.line());
			case "VACUUM" -> vacuum(first.line());
			case "CLUSTER" -> cluster(first.line());
			case "REINDEX" -> reindex(first.line());
			case "SET" -> {
				accept("SESSION");
				accept("LOCAL");
				if (peekWord("lock_timeout")) {
					this.changes.add(new SchemaChange.SetLockTimeout(first.line()));
				}
			}
			case "SELECT" -> selectSetConfig(first.line());
			default -> {
				// Not a statement any rule is about.
			}
		}
	}

	private void create(int line) {
		accept("OR", "REPLACE");
		accept("GLOBAL");
		accept("LOCAL");
		boolean temporary = accept("TEMPORARY") || accept("TEMP");
		accept("UNLOGGED");
		if (accept("TABLE") || accept("MATERIALIZED", "VIEW")) {
			accept("IF", "NOT", "EXISTS");
			TableName table = name();
			if (table != null && !temporary) {
				this.changes.add(new SchemaChange.CreateTable(table, line));
			}
			return;
		}
		boolean unique = accept("UNIQUE");
		if (!accept("INDEX")) {
			return;
		}
		boolean concurrently = accept("CONCURRENTLY");
		accept("IF", "NOT", "EXISTS");
		String index = null;
		if (!peekWord("ON")) {
			TableName indexName = name();
			index = (indexName != null) ? indexName.name() : null;
		}
		if (!accept("ON")) {
			return;
		}
		accept("ONLY");
		TableName table = name();
		if (table == null) {
			return;
		}
		if (accept("USING")) {
			next();
		}
		List<String> columns = new ArrayList<>();
		if (peekSymbol("(")) {
			for (List<Token> element : split(parenthesized(), ",")) {
				columns.add(columnOf(element));
			}
		}
		this.changes.add(new SchemaChange.CreateIndex(table, index, unique, concurrently, columns, line));
	}

	private void alterTable() {
		accept("IF", "EXISTS");
		accept("ONLY");
		TableName table = name();
		if (table == null) {
			return;
		}
		if (peekSymbol("*")) {
			next();
		}
		List<Token> rest = this.tokens.subList(this.position, this.tokens.size());
		for (List<Token> action : split(rest, ",")) {
			if (!action.isEmpty()) {
				new ActionReader(table, action).read();
			}
		}
	}

	private void drop(int line) {
		if (accept("TABLE")) {
			accept("IF", "EXISTS");
			for (TableName table : names()) {
				this.changes.add(new SchemaChange.DropTable(table, line));
			}
		}
		else if (accept("INDEX")) {
			boolean concurrently = accept("CONCURRENTLY");
			accept("IF", "EXISTS");
			for (TableName index : names()) {
				this.changes.add(new SchemaChange.DropIndex(index, concurrently, line));
			}
		}
	}

	private void vacuum(int line) {
		boolean full = false;
		if (peekSymbol("(")) {
			for (List<Token> option : split(parenthesized(), ",")) {
				if (!option.isEmpty() && option.get(0).isWord("FULL")) {
					full = option.size() == 1 || !isFalse(option.get(1));
				}
			}
		}
		else {
			full = accept("FULL");
			while (accept("FREEZE") || accept("VERBOSE") || accept("ANALYZE") || accept("ANALYSE")) {
				// Options before the table.
			}
		}
		if (!full) {
			return;
		}
		List<TableName> tables = names();
		if (tables.isEmpty()) {
			this.changes.add(new SchemaChange.VacuumFull(null, line));
		}
		tables.forEach((table) -> this.changes.add(new SchemaChange.VacuumFull(table, line)));
	}

	private static boolean isFalse(Token value) {
		return value.isWord("false") || value.isWord("off") || (value.kind() == Kind.NUMBER && value.text().equals("0"));
	}

	private void cluster(int line) {
		if (peekSymbol("(")) {
			parenthesized();
		}
		accept("VERBOSE");
		TableName first = name();
		if (first == null) {
			this.changes.add(new SchemaChange.Cluster(null, line));
			return;
		}
		if (accept("ON")) {
			// The old form: CLUSTER index ON table.
			TableName table = name();
			this.changes.add(new SchemaChange.Cluster((table != null) ? table : first, line));
			return;
		}
		this.changes.add(new SchemaChange.Cluster(first, line));
	}

	private void reindex(int line) {
		boolean concurrently = false;
		if (peekSymbol("(")) {
			for (List<Token> option : split(parenthesized(), ",")) {
				concurrently |= !option.isEmpty() && option.get(0).isWord("CONCURRENTLY")
						&& (option.size() == 1 || !isFalse(option.get(1)));
			}
		}
		boolean index = accept("INDEX");
		if (!index && !accept("TABLE")) {
			return;
		}
		concurrently |= accept("CONCURRENTLY");
		TableName name = name();
		if (!concurrently && name != null) {
			this.changes.add(new SchemaChange.Reindex(name, index, line));
		}
	}

	private void selectSetConfig(int line) {
		for (int i = this.position; i + 2 < this.tokens.size(); i++) {
			if (this.tokens.get(i).isWord("set_config") && this.tokens.get(i + 1).isSymbol("(")
					&& this.tokens.get(i + 2).kind() == Kind.STRING
					&& this.tokens.get(i + 2).text().equalsIgnoreCase("'lock_timeout'")) {
				this.changes.add(new SchemaChange.SetLockTimeout(line));
				return;
			}
		}
	}

	/**
	 * Reads one action of an {@code ALTER TABLE}.
	 */
	private final class ActionReader {

		private final TableName table;

		private final List<Token> action;

		private int at;

		ActionReader(TableName table, List<Token> action) {
			this.table = table;
			this.action = action;
		}

		void read() {
			int line = this.action.get(0).line();
			if (is("ADD")) {
				this.at++;
				add(line);
			}
			else if (is("ALTER")) {
				this.at++;
				skip("COLUMN");
				Token column = take();
				if (column != null && column.isName()) {
					alterColumn(column.name(), line);
				}
			}
			else if (is("DROP")) {
				this.at++;
				if (is("CONSTRAINT")) {
					return;
				}
				skip("COLUMN");
				skipIfExists();
				Token column = take();
				if (column != null && column.isName()) {
					StatementAnalysis.this.changes.add(new SchemaChange.DropColumn(this.table, column.name(), line));
				}
			}
			else if (is("RENAME")) {
				this.at++;
				rename(line);
			}
			else if (is("VALIDATE")) {
				this.at++;
				skip("CONSTRAINT");
				Token constraint = take();
				if (constraint != null && constraint.isName()) {
					StatementAnalysis.this.changes
						.add(new SchemaChange.ValidateConstraint(this.table, constraint.name(), line));
				}
			}
		}

		private void add(int line) {
			String constraint = null;
			if (is("CONSTRAINT")) {
				this.at++;
				Token name = take();
				constraint = (name != null) ? name.name() : null;
			}
			if (is("UNIQUE") || is("PRIMARY")) {
				boolean primaryKey = is("PRIMARY");
				this.at += primaryKey ? 2 : 1;
				addUnique(constraint, primaryKey, line);
			}
			else if (is("FOREIGN")) {
				addForeignKey(constraint, line);
			}
			else if (is("CHECK")) {
				this.at++;
				List<Token> expression = (this.at < this.action.size() && this.action.get(this.at).isSymbol("("))
						? inner(this.action, this.at) : List.of();
				String column = notNullColumn(expression);
				StatementAnalysis.this.changes.add(new SchemaChange.AddCheck(this.table, constraint, column,
						endsWithNotValid(), line));
			}
			else if (constraint == null && !is("EXCLUDE")) {
				skip("COLUMN");
				skipIfNotExists();
				Token column = take();
				if (column != null && column.isName()) {
					addColumn(column.name(), line);
				}
			}
		}

		private void addUnique(@Nullable String constraint, boolean primaryKey, int line) {
			skip("NULLS");
			skip("NOT");
			skip("DISTINCT");
			String usingIndex = null;
			List<String> columns = new ArrayList<>();
			if (is("USING") && this.at + 1 < this.action.size() && this.action.get(this.at + 1).isWord("INDEX")) {
				Token index = (this.at + 2 < this.action.size()) ? this.action.get(this.at + 2) : null;
				if (index != null && index.isName()) {
					usingIndex = index.name();
				}
			}
			else if (this.at < this.action.size() && this.action.get(this.at).isSymbol("(")) {
				for (List<Token> element : split(inner(this.action, this.at), ",")) {
					columns.add(columnOf(element));
				}
			}
			StatementAnalysis.this.changes
				.add(new SchemaChange.AddUnique(this.table, constraint, primaryKey, columns, usingIndex, line));
		}

		private void addForeignKey(@Nullable String constraint, int line) {
			int references = indexOfWord("REFERENCES");
			if (references < 0) {
				return;
			}
			TableName referenced = nameAt(this.action, references + 1);
			if (referenced != null) {
				StatementAnalysis.this.changes.add(new SchemaChange.AddForeignKey(this.table, constraint, referenced,
						endsWithNotValid(), line));
			}
		}

		private void addColumn(String column, int line) {
			int typeStart = this.at;
			int typeEnd = constraintStart(typeStart);
			DefaultValue value = DefaultValue.NONE;
			String volatileCall = null;
			List<String> functions = new ArrayList<>();
			boolean unique = false;
			TableName references = null;
			for (int i = typeStart; i < typeEnd; i++) {
				Token word = this.action.get(i);
				if (word.kind() == Kind.WORD && SERIAL_TYPES.contains(word.name())) {
					value = DefaultValue.VOLATILE;
					volatileCall = "a " + word.name() + " column (nextval())";
				}
			}
			for (int i = typeEnd; i < this.action.size(); i++) {
				Token word = this.action.get(i);
				if (word.isWord("DEFAULT")) {
					int end = constraintStart(i + 1);
					List<Token> expression = this.action.subList(i + 1, end);
					String call = volatileCall(expression, functions);
					if (call != null) {
						value = DefaultValue.VOLATILE;
						volatileCall = call;
					}
					else if (!isNull(expression) && value != DefaultValue.VOLATILE) {
						value = DefaultValue.CONSTANT;
					}
					i = end - 1;
				}
				else if (word.isWord("GENERATED")) {
					int as = i + 1;
					while (as < this.action.size() && !this.action.get(as).isWord("AS")) {
						as++;
					}
					boolean identity = as + 1 < this.action.size() && this.action.get(as + 1).isWord("IDENTITY");
					value = DefaultValue.VOLATILE;
					volatileCall = identity ? "an identity column (nextval())" : "a stored generated column";
				}
				else if (word.isWord("UNIQUE") || word.isWord("PRIMARY")) {
					unique = true;
				}
				else if (word.isWord("REFERENCES")) {
					// Validated at once: the new column's values are all checked, on a scan.
					TableName referenced = nameAt(this.action, i + 1);
					if (referenced != null) {
						references = referenced;
					}
				}
				else if (word.isSymbol("(")) {
					i = closing(this.action, i);
				}
			}
			StatementAnalysis.this.changes.add(new SchemaChange.AddColumn(this.table, column, value, volatileCall,
					List.copyOf(functions), unique, line));
			if (references != null) {
				StatementAnalysis.this.changes
					.add(new SchemaChange.AddForeignKey(this.table, null, references, endsWithNotValid(), line));
			}
		}

		private void alterColumn(String column, int line) {
			if (is("SET") && word(this.at + 1, "NOT")
					&& word(this.at + 2, "NULL")) {
				StatementAnalysis.this.changes.add(new SchemaChange.SetNotNull(this.table, column, line));
				return;
			}
			if (is("SET") && word(this.at + 1, "DATA")) {
				this.at += 2;
			}
			if (!is("TYPE")) {
				return;
			}
			this.at++;
			int end = this.at;
			while (end < this.action.size() && !this.action.get(end).isWord("USING")
					&& !this.action.get(end).isWord("COLLATE")) {
				end = this.action.get(end).isSymbol("(") ? closing(this.action, end) + 1 : end + 1;
			}
			boolean using = indexOfWord("USING") >= 0;
			StatementAnalysis.this.changes
				.add(new SchemaChange.AlterType(this.table, column, typeText(this.action.subList(this.at, end)), using,
						line));
		}

		private void rename(int line) {
			if (is("CONSTRAINT")) {
				return;
			}
			if (is("TO")) {
				Token target = (this.at + 1 < this.action.size()) ? this.action.get(this.at + 1) : null;
				if (target != null && target.isName()) {
					StatementAnalysis.this.changes
						.add(new SchemaChange.RenameTable(this.table, target.name(), target.sql(), line));
				}
				return;
			}
			skip("COLUMN");
			Token column = take();
			if (column != null && column.isName() && is("TO")) {
				Token target = (this.at + 1 < this.action.size()) ? this.action.get(this.at + 1) : null;
				if (target != null && target.isName()) {
					StatementAnalysis.this.changes
						.add(new SchemaChange.RenameColumn(this.table, column.name(), target.name(), line));
				}
			}
		}

		/**
		 * Where the column constraints start, from a position in the type or a default
		 * expression: the first constraint word outside parentheses.
		 */
		private int constraintStart(int from) {
			int i = from;
			while (i < this.action.size()) {
				Token token = this.action.get(i);
				if (token.isSymbol("(")) {
					i = closing(this.action, i) + 1;
					continue;
				}
				if (token.kind() == Kind.WORD && COLUMN_CONSTRAINT_WORDS.contains(token.text().toUpperCase(Locale.ROOT))
						&& i > from) {
					return i;
				}
				i++;
			}
			return i;
		}

		private boolean endsWithNotValid() {
			int size = this.action.size();
			return size >= 2 && this.action.get(size - 2).isWord("NOT") && this.action.get(size - 1).isWord("VALID");
		}

		private int indexOfWord(String word) {
			int depth = 0;
			for (int i = this.at; i < this.action.size(); i++) {
				Token token = this.action.get(i);
				depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
				if (depth == 0 && token.isWord(word)) {
					return i;
				}
			}
			return -1;
		}

		private boolean is(String word) {
			return word(this.at, word);
		}

		private boolean word(int index, String word) {
			return index < this.action.size() && this.action.get(index).isWord(word);
		}

		private void skip(String word) {
			if (is(word)) {
				this.at++;
			}
		}

		private void skipIfExists() {
			if (is("IF") && word(this.at + 1, "EXISTS")) {
				this.at += 2;
			}
		}

		private void skipIfNotExists() {
			if (is("IF") && word(this.at + 1, "NOT") && word(this.at + 2, "EXISTS")) {
				this.at += 3;
			}
		}

		private @Nullable Token take() {
			return (this.at < this.action.size()) ? this.action.get(this.at++) : null;
		}

	}

	/**
	 * What makes a default expression volatile, or {@code null}; adds every function it
	 * calls to {@code functions}.
	 */
	private static @Nullable String volatileCall(List<Token> expression, List<String> functions) {
		String found = null;
		for (int i = 0; i + 1 < expression.size(); i++) {
			Token token = expression.get(i);
			if (token.isName() && expression.get(i + 1).isSymbol("(")) {
				String function = token.name();
				functions.add(function);
				if (found == null && VOLATILE_FUNCTIONS.contains(function)) {
					found = function + "()";
				}
			}
		}
		return found;
	}

	private static boolean isNull(List<Token> expression) {
		return !expression.isEmpty() && expression.get(0).isWord("NULL")
				&& (expression.size() == 1 || expression.get(1).isSymbol("::"));
	}

	/**
	 * The column of a check that is exactly {@code column IS NOT NULL}, in any number of
	 * parentheses, or {@code null}.
	 */
	static @Nullable String notNullColumn(List<Token> expression) {
		List<Token> inner = expression;
		while (inner.size() >= 2 && inner.get(0).isSymbol("(") && closing(inner, 0) == inner.size() - 1) {
			inner = inner.subList(1, inner.size() - 1);
		}
		if (inner.size() == 4 && inner.get(0).isName() && inner.get(1).isWord("IS") && inner.get(2).isWord("NOT")
				&& inner.get(3).isWord("NULL")) {
			return inner.get(0).name();
		}
		return null;
	}

	/**
	 * A type as written, lower case, for comparing with the database's
	 * {@code format_type}: words apart, nothing around parentheses and commas.
	 */
	static String typeText(List<Token> type) {
		StringBuilder text = new StringBuilder();
		Token previous = null;
		for (Token token : type) {
			boolean tight = token.kind() == Kind.SYMBOL || (previous != null && previous.kind() == Kind.SYMBOL
					&& !previous.isSymbol(")"));
			if (text.length() > 0 && !tight) {
				text.append(' ');
			}
			text.append((token.kind() == Kind.QUOTED) ? token.text() : token.text().toLowerCase(Locale.ROOT));
			previous = token;
		}
		return text.toString();
	}

	/**
	 * The column of an index or key element: its name when the element is a plain
	 * column, else the element as written (an expression).
	 */
	private static String columnOf(List<Token> element) {
		if (!element.isEmpty() && element.get(0).isName() && (element.size() == 1 || !element.get(1).isSymbol("("))) {
			return element.get(0).name();
		}
		StringBuilder text = new StringBuilder();
		element.forEach((token) -> text.append(token.sql()));
		return text.toString();
	}

	/**
	 * The tokens between the parenthesis at {@code open} and its closing one.
	 */
	private static List<Token> inner(List<Token> tokens, int open) {
		return tokens.subList(open + 1, Math.max(open + 1, closing(tokens, open)));
	}

	/**
	 * The index of the parenthesis closing the one at {@code open}, or the last index.
	 */
	private static int closing(List<Token> tokens, int open) {
		int depth = 0;
		for (int i = open; i < tokens.size(); i++) {
			if (tokens.get(i).isSymbol("(")) {
				depth++;
			}
			else if (tokens.get(i).isSymbol(")")) {
				depth--;
				if (depth == 0) {
					return i;
				}
			}
		}
		return tokens.size() - 1;
	}

	/**
	 * The tokens split at each separator outside parentheses.
	 */
	private static List<List<Token>> split(List<Token> tokens, String separator) {
		List<List<Token>> parts = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.isSymbol("(")) {
				depth++;
			}
			else if (token.isSymbol(")")) {
				depth--;
			}
			else if (depth == 0 && token.isSymbol(separator)) {
				parts.add(tokens.subList(start, i));
				start = i + 1;
			}
		}
		parts.add(tokens.subList(start, tokens.size()));
		return parts;
	}

	/**
	 * A possibly schema-qualified name at a position of a token list, or {@code null}.
	 */
	private static @Nullable TableName nameAt(List<Token> tokens, int at) {
		if (at >= tokens.size() || !tokens.get(at).isName()) {
			return null;
		}
		List<Token> parts = new ArrayList<>();
		parts.add(tokens.get(at));
		int i = at + 1;
		while (i + 1 < tokens.size() && tokens.get(i).isSymbol(".") && tokens.get(i + 1).isName()) {
			parts.add(tokens.get(i + 1));
			i += 2;
		}
		return toName(parts);
	}

	private static TableName toName(List<Token> parts) {
		Token last = parts.get(parts.size() - 1);
		String schema = (parts.size() >= 2) ? parts.get(parts.size() - 2).name() : null;
		StringBuilder written = new StringBuilder();
		for (Token part : parts) {
			written.append((written.length() > 0) ? "." : "").append(part.sql());
		}
		return new TableName(schema, last.name(), written.toString());
	}

	/**
	 * Reads a possibly schema-qualified name at the current position.
	 */
	private @Nullable TableName name() {
		if (this.position >= this.tokens.size() || !this.tokens.get(this.position).isName()) {
			return null;
		}
		List<Token> parts = new ArrayList<>();
		parts.add(next());
		while (peekSymbol(".") && this.position + 1 < this.tokens.size()
				&& this.tokens.get(this.position + 1).isName()) {
			next();
			parts.add(next());
		}
		return toName(parts);
	}

	/**
	 * Reads a comma-separated list of names, up to {@code CASCADE} or the end.
	 */
	private List<TableName> names() {
		List<TableName> names = new ArrayList<>();
		while (this.position < this.tokens.size()) {
			if (peekWord("CASCADE") || peekWord("RESTRICT")) {
				break;
			}
			TableName name = name();
			if (name == null) {
				next();
				continue;
			}
			names.add(name);
			if (peekSymbol(",")) {
				next();
			}
		}
		return names;
	}

	/**
	 * Reads a parenthesised list and returns what is inside.
	 */
	private List<Token> parenthesized() {
		int open = this.position;
		int close = closing(this.tokens, open);
		this.position = close + 1;
		return this.tokens.subList(open + 1, Math.max(open + 1, close));
	}

	/**
	 * Consumes the given words if they come next, in order.
	 */
	private boolean accept(String... words) {
		for (int i = 0; i < words.length; i++) {
			int index = this.position + i;
			if (index >= this.tokens.size() || !this.tokens.get(index).isWord(words[i])) {
				return false;
			}
		}
		this.position += words.length;
		return true;
	}

	private boolean peekWord(String word) {
		return this.position < this.tokens.size() && this.tokens.get(this.position).isWord(word);
	}

	private boolean peekSymbol(String symbol) {
		return this.position < this.tokens.size() && this.tokens.get(this.position).isSymbol(symbol);
	}

	private Token next() {
		return this.tokens.get(this.position++);
	}

}
