package dev.migration.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.migration.script.SqlScanning;

/**
 * Reads one SQL statement as tokens, the way PostgreSQL's lexer sees them: comments
 * (nested block comments too) are skipped, a string ({@code '...'}, {@code E'...'},
 * {@code $tag$...$tag$}) and a quoted identifier are one token each, and a
 * {@code ${name}} placeholder left unreplaced is one word. The statement was split
 * already, so its strings and comments are terminated.
 */
final class SqlTokens {

	/**
	 * What a token is.
	 */
	enum Kind {

		/** A keyword or unquoted identifier. */
		WORD,

		/** A double-quoted identifier. */
		QUOTED,

		/** A string constant. */
		STRING,

		/** A number. */
		NUMBER,

		/** One punctuation or operator character, or {@code ::}. */
		SYMBOL

	}

	/**
	 * A token.
	 * @param kind what it is
	 * @param text its text: a quoted identifier without its quotes (doubled quotes
	 * undone), anything else as written
	 * @param line the 0-based line of the statement it starts on
	 */
	record Token(Kind kind, String text, int line) {

		boolean isWord(String word) {
			return this.kind == Kind.WORD && this.text.equalsIgnoreCase(word);
		}

		boolean isSymbol(String symbol) {
			return this.kind == Kind.SYMBOL && this.text.equals(symbol);
		}

		/**
		 * Whether the token can name something: an unquoted or quoted identifier.
		 */
		boolean isName() {
			return this.kind == Kind.WORD || this.kind == Kind.QUOTED;
		}

		/**
		 * The name as the database stores it: an unquoted identifier folded to lower
		 * case, a quoted one as written.
		 */
		String name() {
			return (this.kind == Kind.WORD && !this.text.startsWith("${")) ? this.text.toLowerCase(Locale.ROOT)
					: this.text;
		}

		/**
		 * The token as it would be written back into SQL.
		 */
		String sql() {
			return (this.kind == Kind.QUOTED) ? "\"" + this.text.replace("\"", "\"\"") + "\"" : this.text;
		}

	}

	private final String sql;

	private final List<Token> tokens = new ArrayList<>();

	private int position;

	private int line;

	private SqlTokens(String sql) {
		this.sql = sql;
	}

	/**
	 * The tokens of a statement.
	 * @param sql the statement
	 * @return its tokens, in order
	 */
	static List<Token> read(String sql) {
		SqlTokens reader = new SqlTokens(sql);
		reader.run();
		return List.copyOf(reader.tokens);
	}

	private void run() {
		int length = this.sql.length();
		while (this.position < length) {
			char c = this.sql.charAt(this.position);
			if (c == '\n') {
				this.line++;
				this.position++;
			}
			else if (Character.isWhitespace(c)) {
				this.position++;
			}
			else if (c == '-' && charAt(this.position + 1) == '-') {
				int end = this.sql.indexOf('\n', this.position);
				this.position = (end >= 0) ? end : length;
			}
			else if (c == '/' && charAt(this.position + 1) == '*') {
				skipBlockComment();
			}
			else {
				readToken(c);
			}
		}
	}

	private void readToken(char c) {
		int startLine = this.line;
		int begin = this.position;
		if (c == '\'') {
			skipQuoted('\'', false);
			add(Kind.STRING, this.sql.substring(begin, this.position), startLine);
		}
		else if (c == '"') {
			skipQuoted('"', false);
			String inner = this.sql.substring(begin + 1, Math.max(begin + 1, this.position - 1));
			add(Kind.QUOTED, inner.replace("\"\"", "\""), startLine);
		}
		else if (c == '$' && charAt(this.position + 1) == '{') {
			int end = this.sql.indexOf('}', this.position);
			this.position = (end >= 0) ? end + 1 : this.sql.length();
			add(Kind.WORD, this.sql.substring(begin, this.position), startLine);
		}
		else if (c == '$' && dollarTag() != null) {
			String tag = dollarTag();
			int end = this.sql.indexOf(tag, this.position + tag.length());
			this.position = (end >= 0) ? end + tag.length() : this.sql.length();
			countLines(begin, this.position);
			add(Kind.STRING, this.sql.substring(begin, this.position), startLine);
		}
		else if (Character.isLetter(c) || c == '_') {
			while (this.position < this.sql.length() && isWordPart(this.sql.charAt(this.position))) {
				this.position++;
			}
			String word = this.sql.substring(begin, this.position);
			if ((word.equalsIgnoreCase("e") || word.equalsIgnoreCase("x") || word.equalsIgnoreCase("b"))
					&& charAt(this.position) == '\'') {
				// E'...' lets a backslash escape the quote; B'...' and X'...' are bit strings.
				skipQuoted('\'', word.equalsIgnoreCase("e"));
				add(Kind.STRING, this.sql.substring(begin, this.position), startLine);
			}
			else {
				add(Kind.WORD, word, startLine);
			}
		}
		else if (Character.isDigit(c) || (c == '.' && Character.isDigit(charAt(this.position + 1)))) {
			while (this.position < this.sql.length()
					&& (isWordPart(this.sql.charAt(this.position)) || this.sql.charAt(this.position) == '.')) {
				this.position++;
			}
			add(Kind.NUMBER, this.sql.substring(begin, this.position), startLine);
		}
		else if (c == ':' && charAt(this.position + 1) == ':') {
			this.position += 2;
			add(Kind.SYMBOL, "::", startLine);
		}
		else {
			this.position++;
			add(Kind.SYMBOL, String.valueOf(c), startLine);
		}
	}

	private void add(Kind kind, String text, int line) {
		this.tokens.add(new Token(kind, text, line));
	}

	private static boolean isWordPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	private void skipBlockComment() {
		int end = SqlScanning.blockCommentEnd(this.sql, this.position);
		int to = (end < 0) ? this.sql.length() : end;
		countLines(this.position, to);
		this.position = to;
	}

	private void skipQuoted(char quote, boolean backslashEscapes) {
		this.position++;
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if (c == '\n') {
				this.line++;
			}
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
	}

	private void countLines(int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.sql.charAt(i) == '\n') {
				this.line++;
			}
		}
	}

	/**
	 * The dollar-quote delimiter starting at the current position, or {@code null}.
	 */
	private String dollarTag() {
		return SqlScanning.dollarTag(this.sql, this.position);
	}

	private char charAt(int index) {
		return (index < this.sql.length()) ? this.sql.charAt(index) : '\0';
	}

}
