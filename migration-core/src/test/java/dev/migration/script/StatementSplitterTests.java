package dev.migration.script;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migration.ScriptException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StatementSplitter}.
 */
class StatementSplitterTests {

	private static final String FILE = "V1.sql";

	@Test
	void splitsAtTopLevelSemicolonsAndTrims() {
		assertThat(split("CREATE TABLE a (id int);\n  INSERT INTO a VALUES (1) ;\nSELECT 1")).containsExactly(
				new SqlStatement("CREATE TABLE a (id int)", 1), new SqlStatement("INSERT INTO a VALUES (1)", 2),
				new SqlStatement("SELECT 1", 3));
	}

	@Test
	void lineNumbersAreOffsetByTheFirstLineOfTheSection() {
		assertThat(StatementSplitter.split(FILE, "\n\nSELECT 1;\n\n  SELECT\n2;", 10))
			.containsExactly(new SqlStatement("SELECT 1", 12), new SqlStatement("SELECT\n2", 14));
	}

	@Test
	void statementsOfOnlyWhitespaceAndCommentsAreDropped() {
		assertThat(split("  \n-- nothing here;\n/* nor; here */ ;;\n;")).isEmpty();
		assertThat(split("")).isEmpty();
	}

	@Test
	void leadingCommentsAreNotPartOfTheStatementButInnerCommentsAre() {
		assertThat(split("-- first\n/* block */\nSELECT 1 -- one; really\n, 2 /* two; */;"))
			.containsExactly(new SqlStatement("SELECT 1 -- one; really\n, 2 /* two; */", 3));
	}

	@Test
	void trailingCommentAfterTheLastStatementIsDropped() {
		assertThat(split("SELECT 1; -- done")).containsExactly(new SqlStatement("SELECT 1", 1));
	}

	@Test
	void semicolonInsideSingleQuotedStringDoesNotSplit() {
		assertThat(split("INSERT INTO t VALUES ('a;b', 'it''s; fine');\nSELECT 2;")).containsExactly(
				new SqlStatement("INSERT INTO t VALUES ('a;b', 'it''s; fine')", 1), new SqlStatement("SELECT 2", 2));
	}

	@Test
	void backslashEscapesTheQuoteOnlyInEscapeStrings() {
		assertThat(split("SELECT E'\\';';\nSELECT e'a\\\\';\nSELECT 'C:\\';")).containsExactly(
				new SqlStatement("SELECT E'\\';'", 1), new SqlStatement("SELECT e'a\\\\'", 2),
				new SqlStatement("SELECT 'C:\\'", 3));
	}

	@Test
	void identifierEndingInEIsNotAnEscapeStringPrefix() {
		// "type" ends in e: its string is a standard one, where a backslash is literal.
		assertThat(split("SELECT type'\\';SELECT 2;")).containsExactly(new SqlStatement("SELECT type'\\'", 1),
				new SqlStatement("SELECT 2", 1));
	}

	@Test
	void semicolonInsideQuotedIdentifierDoesNotSplit() {
		assertThat(split("CREATE TABLE \"odd;name\"\"x\" (\"a;b\" int);SELECT 1;")).containsExactly(
				new SqlStatement("CREATE TABLE \"odd;name\"\"x\" (\"a;b\" int)", 1), new SqlStatement("SELECT 1", 1));
	}

	@Test
	void nestedBlockCommentsAreSkippedWhole() {
		String sql = "SELECT /* outer /* inner; */ still comment; */ 1;\nSELECT 2;";
		assertThat(split(sql)).containsExactly(
				new SqlStatement("SELECT /* outer /* inner; */ still comment; */ 1", 1),
				new SqlStatement("SELECT 2", 2));
	}

	@Test
	void lineCommentContainingSemicolonDoesNotSplit() {
		assertThat(split("SELECT 1 -- a; b; c\n+ 1;")).containsExactly(new SqlStatement("SELECT 1 -- a; b; c\n+ 1", 1));
	}

	@Test
	void plpgsqlFunctionWithDollarQuotedBodyIsOneStatement() {
		String function = """
				CREATE OR REPLACE FUNCTION add_one(i integer) RETURNS integer AS $$
				DECLARE
				    result integer;
				BEGIN
				    result := i + 1;
				    RETURN result;
				END;
				$$ LANGUAGE plpgsql""";
		assertThat(split(function + ";\nSELECT add_one(1);")).containsExactly(new SqlStatement(function, 1),
				new SqlStatement("SELECT add_one(1)", 9));
	}

	@Test
	void taggedDollarQuoteMayContainPlainDollarQuotes() {
		String function = """
				CREATE FUNCTION run() RETURNS void AS $fn$
				BEGIN
				    EXECUTE $$UPDATE t SET a = 1; DELETE FROM u$$;
				    RAISE NOTICE $q$done; $$ $q$;
				END;
				$fn$ LANGUAGE plpgsql""";
		assertThat(split(function + ";SELECT 1")).containsExactly(new SqlStatement(function, 1),
				new SqlStatement("SELECT 1", 6));
	}

	@Test
	void doBlockIsOneStatement() {
		String block = """
				DO $$
				BEGIN
				    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN
				        CREATE ROLE app;
				    END IF;
				END
				$$""";
		assertThat(split("\n" + block + ";\n")).containsExactly(new SqlStatement(block, 2));
	}

	@Test
	void triggerFunctionFollowedByCreateTrigger() {
		String function = """
				CREATE FUNCTION touch_updated_at() RETURNS trigger
				LANGUAGE plpgsql AS $body$
				BEGIN
				    NEW.updated_at := now();
				    RETURN NEW;
				END;
				$body$""";
		String trigger = """
				CREATE TRIGGER users_touch BEFORE UPDATE ON users
				    FOR EACH ROW EXECUTE FUNCTION touch_updated_at()""";
		assertThat(split(function + ";\n\n" + trigger + ";\n")).containsExactly(new SqlStatement(function, 1),
				new SqlStatement(trigger, 9));
	}

	@Test
	void sqlStandardFunctionBodyWithCaseIsOneStatement() {
		String function = """
				CREATE FUNCTION grade(score int) RETURNS text
				LANGUAGE sql
				BEGIN ATOMIC
				    INSERT INTO audit VALUES (score);
				    SELECT CASE WHEN score >= 90 THEN 'A'
				                WHEN score >= 50 THEN CASE WHEN score = 50 THEN 'pass;' ELSE 'B' END
				                ELSE 'F' END;
				END""";
		assertThat(split(function + ";\nSELECT grade(95);")).containsExactly(new SqlStatement(function, 1),
				new SqlStatement("SELECT grade(95)", 9));
	}

	@Test
	void sqlStandardProcedureBodyIsOneStatement() {
		String procedure = "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC DELETE FROM a; DELETE FROM b; END";
		assertThat(split(procedure + "; CALL p();")).containsExactly(new SqlStatement(procedure, 1),
				new SqlStatement("CALL p()", 1));
	}

	@Test
	void transactionBeginIsNotAnAtomicBody() {
		assertThat(split("BEGIN; SELECT 1; END;")).extracting(SqlStatement::sql)
			.containsExactly("BEGIN", "SELECT 1", "END");
	}

	@Test
	void positionalParametersAreNotDollarQuotes() {
		assertThat(split("PREPARE q (int, text) AS SELECT $1, $2;\nEXECUTE q(1, 'a');")).containsExactly(
				new SqlStatement("PREPARE q (int, text) AS SELECT $1, $2", 1),
				new SqlStatement("EXECUTE q(1, 'a')", 2));
	}

	@Test
	void dollarInsideIdentifierIsNotADollarQuote() {
		assertThat(split("SELECT a$b, c$$d$ FROM t;\nSELECT 2;")).containsExactly(
				new SqlStatement("SELECT a$b, c$$d$ FROM t", 1), new SqlStatement("SELECT 2", 2));
	}

	@Test
	void unterminatedStringIsReportedAtTheLineWhereItStarts() {
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> StatementSplitter.split(FILE,
				"SELECT 1;\nSELECT 'abc;\n\nmore", 5))
			.withMessage("V1.sql:6: unterminated string literal starting here")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(6));
	}

	@Test
	void unterminatedEscapeStringIsReported() {
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> split("\nSELECT E'abc\\';"))
			.withMessage("V1.sql:2: unterminated string literal starting here");
	}

	@Test
	void unterminatedQuotedIdentifierIsReported() {
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> split("SELECT 1;\n\nSELECT \"abc;"))
			.withMessage("V1.sql:3: unterminated quoted identifier starting here");
	}

	@Test
	void unterminatedDollarQuoteIsReportedWithItsTag() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> split("SELECT 1;\nCREATE FUNCTION f() RETURNS int AS\n$fn$ SELECT 1; $$;\n"))
			.withMessage("V1.sql:3: unterminated dollar-quoted string $fn$ starting here");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> split("DO $$ BEGIN END;"))
			.withMessage("V1.sql:1: unterminated dollar-quoted string $$ starting here");
	}

	@Test
	void unterminatedNestedBlockCommentIsReported() {
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> split("SELECT 1;\n/* a /* b */\n;"))
			.withMessage("V1.sql:2: unterminated block comment starting here");
	}

	private static List<SqlStatement> split(String sql) {
		return StatementSplitter.split(FILE, sql, 1);
	}

}
