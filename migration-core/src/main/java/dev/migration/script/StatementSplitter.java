package dev.migration.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.migration.ScriptException;

/**
 * Splits a section of a revision script into statements at each top-level
 * {@code ;}, following the PostgreSQL lexer closely enough that a {@code ;} inside a
 * string, a quoted identifier, a comment, a dollar-quoted body or a SQL-standard
 * {@code BEGIN ATOMIC ... END} function body never ends a statement.
 * <p>
 * Each instance splits one text once; callers use {@link #split(String, String, int)}.
 */
final class StatementSplitter {

	private final String file;

	private final String sql;

	private final List<SqlStatement> statements = new ArrayList<>();

	private int position;

	// Line numbers are counted lazily: every position asked for is at or after the
	// previous one, so one forward pass over the text is enough.
	private int countedPosition;

	private int countedLine;

	// State of the statement being read, reset after each top-level ';'.
	private int start = -1;

	private int startLine;

	private String firstWord;

	private String previousWord;

	private boolean routine;

	private int atomicDepth;

	private StatementSplitter(String file, String sql, int firstLine) {
		this.file = file;
		this.sql = sql;
		this.countedLine = firstLine;
	}

	/**
	 * Split the given SQL into statements. Statements made only of whitespace and
	 * comments are dropped.
	 * @param file the script the SQL comes from, for error messages
	 * @param sql the SQL text
	 * @param firstLine the line of the script on which {@code sql} starts (1-based)
	 * @return the statements in order, with their script line numbers
	 * @throws ScriptException if a string, quoted identifier, dollar-quoted string or
	 * block comment is not terminated, naming the line where it starts
	 */
	static List<SqlStatement> split(String file, String sql, int firstLine) {
		StatementSplitter splitter = new StatementSplitter(file, sql, firstLine);
		splitter.run();
		return List.copyOf(splitter.statements);
	}

	private void run() {
		int length = this.sql.length();
		while (this.position < length) {
			char c = this.sql.charAt(this.position);
			if (Character.isWhitespace(c)) {
				this.position++;
			}
			else if (c == '-' && charAt(this.position + 1) == '-') {
				skipLineComment();
			}
			else if (c == '/' && charAt(this.position + 1) == '*') {
				skipBlockComment();
			}
			else {
				if (this.start < 0) {
					this.start = this.position;
					this.startLine = lineAt(this.position);
				}
				readToken(c);
			}
		}
		endStatement(length);
	}

	private void readToken(char c) {
		if (c == ';' && this.atomicDepth == 0) {
			endStatement(this.position);
			this.position++;
			return;
		}
		if (c == '\'') {
			skipQuoted('\'', false, "string literal");
			this.previousWord = null;
		}
		else if (c == '"') {
			skipQuoted('"', false, "quoted identifier");
			this.previousWord = null;
		}
		else if (c == '$' && dollarTag(this.position) != null) {
			skipDollarQuoted(dollarTag(this.position));
			this.previousWord = null;
		}
		else if (Character.isLetter(c) || c == '_') {
			String word = readWord();
			if (word.equalsIgnoreCase("e") && charAt(this.position) == '\'') {
				// E'...' is the one string form where a backslash escapes the quote.
				skipQuoted('\'', true, "string literal");
				this.previousWord = null;
			}
			else {
				onWord(word.toUpperCase(Locale.ROOT));
			}
		}
		else if (Character.isDigit(c)) {
			// Numbers and the digits of a $1 parameter: read as one token so that a
			// following '$' is never taken for the start of a dollar quote.
			readWord();
			this.previousWord = null;
		}
		else {
			this.position++;
			this.previousWord = null;
		}
	}

	private String readWord() {
		int begin = this.position;
		// '$' is an identifier character after the first one, as in PostgreSQL: in
		// "a$b" or "AS$$" there is no dollar quote.
		while (this.position < this.sql.length() && isWordPart(this.sql.charAt(this.position))) {
			this.position++;
		}
		return this.sql.substring(begin, this.position);
	}

	private static boolean isWordPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	private void onWord(String word) {
		if (this.firstWord == null) {
			this.firstWord = word;
		}
		if (this.atomicDepth > 0) {
			// A SQL-standard body holds plain SQL statements, where END only closes a
			// CASE expression or the body itself.
			if (word.equals("CASE")) {
				this.atomicDepth++;
			}
			else if (word.equals("END")) {
				this.atomicDepth--;
			}
		}
		else if (word.equals("ATOMIC") && this.routine && "BEGIN".equals(this.previousWord)) {
			this.atomicDepth = 1;
		}
		else if ("CREATE".equals(this.firstWord) && (word.equals("FUNCTION") || word.equals("PROCEDURE"))) {
			this.routine = true;
		}
		this.previousWord = word;
	}

	private void endStatement(int end) {
		if (this.start >= 0) {
			String text = this.sql.substring(this.start, end).strip();
			if (!text.isEmpty()) {
				this.statements.add(new SqlStatement(text, this.startLine));
			}
		}
		this.start = -1;
		this.firstWord = null;
		this.previousWord = null;
		this.routine = false;
		this.atomicDepth = 0;
	}

	private void skipLineComment() {
		int end = this.sql.indexOf('\n', this.position);
		this.position = (end >= 0) ? end : this.sql.length();
	}

	private void skipBlockComment() {
		int end = SqlScanning.blockCommentEnd(this.sql, this.position);
		if (end < 0) {
			throw unterminated(this.position, "block comment");
		}
		this.position = end;
	}

	private void skipQuoted(char quote, boolean backslashEscapes, String description) {
		int begin = this.position;
		this.position++;
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if (backslashEscapes && c == '\\') {
				this.position += 2;
			}
			else if (c == quote) {
				if (charAt(this.position + 1) != quote) {
					this.position++;
					return;
				}
				this.position += 2;
			}
			else {
				this.position++;
			}
		}
		throw unterminated(begin, description);
	}

	private void skipDollarQuoted(String tag) {
		int begin = this.position;
		int end = this.sql.indexOf(tag, begin + tag.length());
		if (end < 0) {
			throw unterminated(begin, "dollar-quoted string " + tag);
		}
		this.position = end + tag.length();
	}

	private String dollarTag(int at) {
		return SqlScanning.dollarTag(this.sql, at);
	}

	private char charAt(int index) {
		return (index < this.sql.length()) ? this.sql.charAt(index) : '\0';
	}

	private int lineAt(int index) {
		while (this.countedPosition < index) {
			if (this.sql.charAt(this.countedPosition) == '\n') {
				this.countedLine++;
			}
			this.countedPosition++;
		}
		return this.countedLine;
	}

	private ScriptException unterminated(int begin, String description) {
		return new ScriptException(this.file, lineAt(begin), "unterminated " + description + " starting here");
	}

}
