package dev.migration.script;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migration.ScriptException;
import dev.migration.lint.LintIgnore;
import dev.migration.lint.LintRule;
import dev.migration.revision.Revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SqlScriptParser}.
 */
class SqlScriptParserTests {

	private static final String PATH = "db/revisions/3f2a9c1b7d4e_add_user_profile_fields.sql";

	private static final String EXAMPLE = """
			-- Add user profile fields
			--
			-- revision: 3f2a9c1b7d4e
			-- down_revision: 1c2d3e4f5a6b
			-- depends_on: 9a8b7c6d5e4f
			-- transactional: true

			-- upgrade
			ALTER TABLE users ADD COLUMN phone VARCHAR(20);

			-- downgrade
			ALTER TABLE users DROP COLUMN phone;
			""";

	@Test
	void parsesTheDocumentedExample() {
		SqlScript script = SqlScriptParser.parse(PATH, EXAMPLE);
		assertThat(script.path()).isEqualTo(PATH);
		assertThat(script.revision()).isEqualTo(new Revision("3f2a9c1b7d4e", "Add user profile fields",
				List.of("1c2d3e4f5a6b"), List.of("9a8b7c6d5e4f"), PATH));
		assertThat(script.transactional()).isTrue();
		assertThat(script.upgrade())
			.containsExactly(new SqlStatement("ALTER TABLE users ADD COLUMN phone VARCHAR(20)", 9));
		assertThat(script.downgrade()).containsExactly(new SqlStatement("ALTER TABLE users DROP COLUMN phone", 12));
		assertThat(script.downgradeSql()).isEqualTo("ALTER TABLE users DROP COLUMN phone;");
		assertThat(script.reversible()).isTrue();
		assertThat(script.checksum()).isEqualTo(ScriptChecksum.of(EXAMPLE));
	}

	@Test
	void mergeRevisionListsItsParents() {
		SqlScript script = parse("""
				-- merge heads
				-- revision: m1
				-- down_revision: a1 ,b2,  c3
				-- upgrade
				""");
		assertThat(script.revision().downRevisions()).containsExactly("a1", "b2", "c3");
		assertThat(script.revision().isMerge()).isTrue();
		assertThat(script.revision().dependsOn()).isEmpty();
		assertThat(script.upgrade()).isEmpty();
	}

	@Test
	void downRevisionNoneInAnyCaseOrEmptyMakesARoot() {
		assertThat(parse("-- init\n-- revision: r1\n-- down_revision: NONE\n-- upgrade\nSELECT 1;").revision().isRoot())
			.isTrue();
		assertThat(parse("-- init\n-- revision: r1\n-- down_revision: none\n-- upgrade\n").revision().isRoot())
			.isTrue();
		assertThat(parse("-- init\n-- revision: r1\n-- down_revision:\n-- upgrade\n").revision().isRoot()).isTrue();
		assertThat(parse("-- init\n-- revision: r1\n-- upgrade\n").revision().isRoot()).isTrue();
	}

	@Test
	void dependsOnListsExtraDependencies() {
		SqlScript script = parse("-- m\n-- revision: r2\n-- down_revision: r1\n-- depends_on: x1, y2\n-- upgrade\n");
		assertThat(script.revision().dependsOn()).containsExactly("x1", "y2");
	}

	@Test
	void keysAreCaseInsensitiveAndBlankHeaderLinesAreIgnored() {
		SqlScript script = parse("""
				-- Message: with a colon
				--
				-- Revision: r2
				--
				-- DOWN_REVISION: r1
				-- Transactional: FALSE
				-- upgrade
				SELECT 1;
				""");
		assertThat(script.revision().id()).isEqualTo("r2");
		assertThat(script.revision().message()).isEqualTo("Message: with a colon");
		assertThat(script.revision().downRevisions()).containsExactly("r1");
		assertThat(script.transactional()).isFalse();
	}

	@Test
	void emptyFirstHeaderLineGivesAnEmptyMessage() {
		assertThat(parse("--\n-- revision: r1\n-- upgrade\n").revision().message()).isEmpty();
	}

	@Test
	void revisionSourceIsThePath() {
		assertThat(parse("-- m\n-- revision: r1\n-- upgrade\n").revision().source()).isEqualTo(PATH);
	}

	@Test
	void byteOrderMarkAndCrlfAreAccepted() {
		SqlScript script = parse("\uFEFF" + EXAMPLE.replace("\n", "\r\n"));
		assertThat(script.revision().id()).isEqualTo("3f2a9c1b7d4e");
		assertThat(script.revision().message()).isEqualTo("Add user profile fields");
		assertThat(script.upgrade())
			.containsExactly(new SqlStatement("ALTER TABLE users ADD COLUMN phone VARCHAR(20)", 9));
		assertThat(script.checksum()).isEqualTo(SqlScriptParser.parse(PATH, EXAMPLE).checksum());
	}

	@Test
	void sectionsReadTheSameWhateverTheLineEndings() {
		String lf = "-- m\n-- revision: r1\n\n--\tUpgrade  \nCREATE TABLE t (\n  id INT\n);\n -- DOWNGRADE\n\nDROP TABLE t;\n";
		SqlScript expected = parse(lf);
		assertThat(expected.upgrade()).containsExactly(new SqlStatement("CREATE TABLE t (\n  id INT\n)", 5));
		assertThat(expected.downgrade()).containsExactly(new SqlStatement("DROP TABLE t", 10));
		assertThat(expected.downgradeSql()).isEqualTo("DROP TABLE t;");
		for (String script : List.of(lf.replace("\n", "\r\n"), lf.replace("\n", "\r"),
				lf.replaceFirst("\n  id", "\r\n  id").replaceFirst("\nDROP", "\rDROP"))) {
			SqlScript parsed = parse(script);
			assertThat(parsed.upgrade()).isEqualTo(expected.upgrade());
			assertThat(parsed.downgrade()).isEqualTo(expected.downgrade());
			assertThat(parsed.downgradeSql()).isEqualTo(expected.downgradeSql());
		}
	}

	@Test
	void aSectionMarkerSeparatesItsDashesFromItsNameWithAsciiWhiteSpaceOnly() {
		SqlScript script = parse("-- m\n-- revision: r1\n\n-- upgrade\nSELECT 1;\n--\u2003downgrade\nSELECT 2;\n");
		assertThat(script.downgrade()).isNull();
		assertThat(script.upgrade()).containsExactly(new SqlStatement("SELECT 1", 5), new SqlStatement("SELECT 2", 7));
	}

	@Test
	void whitespaceOnlyChangesKeepTheChecksumWhileRealEditsChangeIt() {
		String checksum = parse(EXAMPLE).checksum();
		assertThat(parse("\uFEFF" + EXAMPLE.replace("\n", "  \r\n") + "\r\n\r\n").checksum()).isEqualTo(checksum);
		assertThat(parse(EXAMPLE.replace("VARCHAR(20)", "VARCHAR(30)")).checksum()).isNotEqualTo(checksum);
	}

	@Test
	void missingRevisionIsReportedOnLineOne() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- message\n-- down_revision: a\n\n-- upgrade\nSELECT 1;"))
			.withMessage(PATH + ":1: missing '-- revision:' in the header")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(1));
	}

	@Test
	void missingRevisionExplainsWhenTheFirstLineWasTakenAsTheMessage() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- revision: a\n-- down_revision: none\n-- upgrade\n"))
			.withMessage(PATH + ":1: missing '-- revision:' in the header "
					+ "(the first header line is the message, not 'revision: a')");
	}

	@Test
	void fileWithoutHeaderIsMissingItsRevision() {
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> parse("\n-- upgrade\nSELECT 1;"))
			.withMessage(PATH + ":1: missing '-- revision:' in the header");
	}

	@Test
	void invalidRevisionIdIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: abc-def\n-- upgrade\n"))
			.withMessage(PATH + ":2: invalid revision id 'abc-def' in 'revision': use only letters, digits and _");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(() -> parse("-- m\n-- revision:\n-- upgrade\n"))
			.withMessage(PATH + ":2: invalid revision id '' in 'revision': use only letters, digits and _");
	}

	@Test
	void invalidParentIdIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b\n--\n-- down_revision: a,, c\n-- upgrade\n"))
			.withMessage(PATH + ":4: invalid revision id '' in 'down_revision': use only letters, digits and _");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b\n-- depends_on: x y\n-- upgrade\n"))
			.withMessage(PATH + ":3: invalid revision id 'x y' in 'depends_on': use only letters, digits and _");
	}

	@Test
	void parentListedTwiceIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b\n-- down_revision: a, a\n-- upgrade\n"))
			.withMessage(PATH + ":3: revision 'a' listed twice in 'down_revision'");
	}

	@Test
	void unknownKeyIsReportedWithItsLine() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b\n-- down-revision: a\n-- upgrade\n"))
			.withMessage(PATH + ":3: expected 'key: value' in the header, found 'down-revision: a'");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b\n-- downrevision: a\n-- upgrade\n"))
			.withMessage(PATH + ":3: unknown header key 'downrevision'; "
					+ "expected one of revision, down_revision, depends_on, branch_labels, transactional, placeholders, repeatable, lint")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3));
	}

	@Test
	void freeTextAfterTheMessageIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- more words here\n-- revision: b\n-- upgrade\n"))
			.withMessage(PATH + ":2: expected 'key: value' in the header, found 'more words here'");
	}

	@Test
	void duplicateKeyIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n-- down_revision: none\n-- REVISION: b\n-- upgrade\n"))
			.withMessage(PATH + ":4: header key 'revision' given twice (first on line 2)");
	}

	@Test
	void transactionalMustBeTrueOrFalse() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n-- transactional: yes\n-- upgrade\n"))
			.withMessage(PATH + ":3: invalid value 'yes' for 'transactional': expected true or false");
	}

	@Test
	void missingUpgradeSectionIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n\n-- downgrade\nSELECT 1;"))
			.withMessage(PATH + ": missing '-- upgrade' section")
			.satisfies((ex) -> assertThat(ex.getLine()).isZero());
	}

	@Test
	void sectionGivenTwiceIsReportedAtTheSecondMarker() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n\n-- upgrade\nSELECT 1;\n  --UPGRADE  \nSELECT 2;"))
			.withMessage(PATH + ":6: '-- upgrade' section given twice (first on line 4)");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n-- upgrade\n-- downgrade\n-- Downgrade\n"))
			.withMessage(PATH + ":5: '-- downgrade' section given twice (first on line 4)");
	}

	@Test
	void statementBetweenHeaderAndFirstSectionIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n\n-- a note\n/* and more */\nDROP TABLE t;\n-- upgrade\n"))
			.withMessage(PATH + ":6: statement outside a section: 'DROP TABLE t'; "
					+ "put it under '-- upgrade' or '-- downgrade'");
	}

	@Test
	void commentsAndBlankLinesBetweenHeaderAndFirstSectionAreAllowed() {
		SqlScript script = parse("-- m\n-- revision: a\n\n-- a note: not a key\n/* block */\n\n-- upgrade\nSELECT 1;");
		assertThat(script.upgrade()).containsExactly(new SqlStatement("SELECT 1", 8));
	}

	@Test
	void scriptWithoutDowngradeSectionIsIrreversible() {
		SqlScript script = parse("-- m\n-- revision: a\n-- upgrade\nDROP TABLE t;\n");
		assertThat(script.reversible()).isFalse();
		assertThat(script.downgrade()).isNull();
		assertThat(script.downgradeSql()).isNull();
	}

	@Test
	void scriptWithEmptyDowngradeSectionHasNothingToUndo() {
		SqlScript script = parse("-- m\n-- revision: a\n-- upgrade\nCREATE TABLE t (id int);\n-- downgrade\n\n");
		assertThat(script.reversible()).isTrue();
		assertThat(script.downgrade()).isEmpty();
		assertThat(script.downgradeSql()).isEmpty();
	}

	@Test
	void downgradeMayComeFirstAndSectionsCarryFileLineNumbers() {
		SqlScript script = parse("""
				-- m
				-- revision: a

				-- downgrade
				DROP TABLE b;
				DROP TABLE a;

				-- upgrade

				CREATE TABLE a (id int);
				CREATE TABLE b (
				    id int
				);
				""");
		assertThat(script.upgrade()).containsExactly(new SqlStatement("CREATE TABLE a (id int)", 10),
				new SqlStatement("CREATE TABLE b (\n    id int\n)", 11));
		assertThat(script.downgrade()).containsExactly(new SqlStatement("DROP TABLE b", 5),
				new SqlStatement("DROP TABLE a", 6));
		assertThat(script.downgradeSql()).isEqualTo("DROP TABLE b;\nDROP TABLE a;");
	}

	@Test
	void functionBodiesAreSplitCorrectlyInsideASection() {
		SqlScript script = parse("""
				-- add function
				-- revision: f1
				-- upgrade
				CREATE FUNCTION one() RETURNS int AS $$
				BEGIN
				    RETURN 1;
				END;
				$$ LANGUAGE plpgsql;
				SELECT one();
				-- downgrade
				DROP FUNCTION one();
				""");
		assertThat(script.upgrade()).extracting(SqlStatement::line).containsExactly(4, 9);
		assertThat(script.downgrade()).containsExactly(new SqlStatement("DROP FUNCTION one()", 11));
	}

	@Test
	void unterminatedConstructInASectionIsReportedAtItsFileLine() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n-- upgrade\nSELECT 1;\nDO $fn$ BEGIN END;\n"))
			.withMessage(PATH + ":5: unterminated dollar-quoted string $fn$ starting here");
	}

	@Test
	void nonTransactionalStatementInATransactionalScriptIsReported() {
		String message = ":5: CREATE INDEX CONCURRENTLY cannot run inside a transaction; put the statement in its own"
				+ " migration and declare '-- transactional: false' in its header";
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(
					() -> parse("-- m\n-- revision: a\n-- upgrade\nSELECT 1;\nCREATE INDEX CONCURRENTLY i ON t (a);"))
			.withMessage(PATH + message)
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(5));
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n-- transactional: true\n-- upgrade\n"
					+ "CREATE INDEX CONCURRENTLY i ON t (a);"))
			.withMessage(PATH + message);
	}

	@Test
	void nonTransactionalStatementInTheDowngradeIsReported() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n-- upgrade\nDROP INDEX i;\n-- downgrade\n\nVACUUM t;"))
			.withMessage(PATH + ":7: VACUUM cannot run inside a transaction; put the statement in its own"
					+ " migration and declare '-- transactional: false' in its header");
	}

	@Test
	void nonTransactionalStatementIsAcceptedWhenTheScriptDeclaresIt() {
		SqlScript script = parse("""
				-- index users by email
				-- revision: a
				-- transactional: false
				-- upgrade
				CREATE INDEX CONCURRENTLY users_email ON users (email);
				-- downgrade
				DROP INDEX CONCURRENTLY users_email;
				""");
		assertThat(script.transactional()).isFalse();
		assertThat(script.upgrade()).containsExactly(
				new SqlStatement("CREATE INDEX CONCURRENTLY users_email ON users (email)", 5));
		assertThat(script.downgrade()).containsExactly(new SqlStatement("DROP INDEX CONCURRENTLY users_email", 7));
	}

	@Test
	void sectionMarkersTakeAnyAsciiCaseAndWhitespaceButNothingElse() {
		SqlScript script = parse("-- m\n-- revision: a\n  --UPGRADE  \nSELECT 1;\n--\t\tDownGrade\nSELECT 2;\n");
		assertThat(script.upgrade()).containsExactly(new SqlStatement("SELECT 1", 4));
		assertThat(script.downgrade()).containsExactly(new SqlStatement("SELECT 2", 6));
		// Not markers, so comments: the section runs on.
		SqlScript comments = parse("-- m\n-- revision: a\n-- upgrade\nSELECT 1;\n-- downgrade now\n"
				+ "--\u2003downgrade\n-- d\u00f6wngrade\nSELECT 2;\n");
		assertThat(comments.upgrade()).extracting(SqlStatement::line).containsExactly(4, 8);
		assertThat(comments.reversible()).isFalse();
	}

	@Test
	void headerEntriesFollowTheKeyValueSyntax() {
		SqlScript script = parse("-- m\n-- revision\t : a\n-- Depends_On:b\n-- upgrade\n");
		assertThat(script.revision().id()).isEqualTo("a");
		assertThat(script.revision().dependsOn()).containsExactly("b");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\n-- 1key: b\n-- upgrade\n"))
			.withMessage(PATH + ":3: expected 'key: value' in the header, found '1key: b'");
		// A value runs to the end of its line, and a line separator ends it.
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: a\u2028b\n-- upgrade\n"))
			.withMessage(PATH + ":2: expected 'key: value' in the header, found 'revision: a\u2028b'");
	}

	@Test
	void branchLabelsAreReadFromTheHeader() {
		SqlScript script = parse("-- Billing root\n-- revision: b1\n-- branch_labels: billing , invoices-v2\n-- upgrade\n");
		assertThat(script.revision().branchLabels()).containsExactly("billing", "invoices-v2");
		assertThat(parse("-- m\n-- revision: b1\n-- branch_labels: none\n-- upgrade\n").revision().branchLabels())
			.isEmpty();
		assertThat(parse("-- m\n-- revision: b1\n-- Branch_Labels:\n-- upgrade\n").revision().branchLabels())
			.isEmpty();
		assertThat(parse("-- m\n-- revision: b1\n-- upgrade\n").revision().branchLabels()).isEmpty();
	}

	@Test
	void outlineKeepsTheLineOfTheBranchLabels() {
		SqlScriptOutline outline = SqlScriptParser.outline(PATH,
				"-- m\n--\n-- revision: b1\n-- branch_labels: billing\n-- upgrade\n");
		assertThat(outline.revision().branchLabels()).containsExactly("billing");
		assertThat(outline.branchLabelsLine()).isEqualTo(4);
	}

	@Test
	void invalidBranchLabelIsReportedWithItsLine() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b1\n-- branch_labels: billing@head\n-- upgrade\n"))
			.withMessage(PATH + ":3: invalid branch label 'billing@head' in 'branch_labels': use only letters, "
					+ "digits, _ and - (not first); '@' separates a label from its position in a target, as in "
					+ "billing@head")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3));
		for (String label : new String[] { "bill ing", "-x", "x;DROP TABLE t", "a'b", "" }) {
			assertThatExceptionOfType(ScriptException.class)
				.isThrownBy(() -> parse("-- m\n-- revision: b1\n-- branch_labels: ok, " + label + "\n-- upgrade\n"))
				.withMessageStartingWith(PATH + ":3: invalid branch label '" + label + "' in 'branch_labels'");
		}
	}

	@Test
	void reservedRepeatedOrOwnIdBranchLabelIsReportedWithItsLine() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b1\n-- branch_labels: heads\n-- upgrade\n"))
			.withMessage(PATH + ":3: branch label 'heads' in 'branch_labels' is reserved for targets; choose another "
					+ "label");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b1\n-- branch_labels: billing, billing\n-- upgrade\n"))
			.withMessage(PATH + ":3: branch label 'billing' listed twice in 'branch_labels'");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: b1\n-- branch_labels: b1\n-- upgrade\n"))
			.withMessage(PATH + ":3: branch label 'b1' in 'branch_labels' is the revision's own id; choose another "
					+ "label");
	}

	@Test
	void writerRendersBranchLabelsThatParseBack() {
		String text = ScriptWriter.render("Billing", "b1", List.of(), List.of("billing", "shop"), "SELECT 1;", "");
		assertThat(text).contains("-- branch_labels: billing, shop\n");
		assertThat(parse(text).revision().branchLabels()).containsExactly("billing", "shop");
		assertThat(ScriptWriter.render("m", "b1", List.of("a"), "", "")).doesNotContain("branch_labels");
	}

	@Test
	void lintIgnoreLinesAreKeptWithTheirRuleReasonAndLine() {
		SqlScript script = parse("""
				-- Rename the legacy tables
				-- revision: r1
				-- lint: ignore rename-table the old name is a view until release 5
				-- LINT:  Ignore  DROP-COLUMN   nothing reads it since 4.2
				-- upgrade
				ALTER TABLE a RENAME TO b;
				""");
		assertThat(script.lintIgnores()).containsExactly(
				new LintIgnore(LintRule.RENAME_TABLE, "the old name is a view until release 5", 3),
				new LintIgnore(LintRule.DROP_COLUMN, "nothing reads it since 4.2", 4));
		assertThat(parse("-- m\n-- revision: r1\n-- upgrade\n").lintIgnores()).isEmpty();
	}

	@Test
	void badLintIgnoreLinesAreReportedWithTheirLine() {
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: r1\n-- lint: ignore no-such-rule because\n-- upgrade\n"))
			.withMessageStartingWith(PATH + ":3: unknown lint rule 'no-such-rule' in 'lint: ignore'; expected one of "
					+ "index-without-concurrently, drop-index-without-concurrently, ");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: r1\n-- lint: ignore set-not-null\n-- upgrade\n"))
			.withMessage(PATH + ":3: 'lint: ignore set-not-null' gives no reason; write why the hazard is acceptable "
					+ "after the rule id");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: r1\n-- lint: ignore\n-- upgrade\n"))
			.withMessage(PATH + ":3: 'lint: ignore' names no rule; expected 'lint: ignore <rule-id> <reason>'");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse("-- m\n-- revision: r1\n-- lint: skip cluster now\n-- upgrade\n"))
			.withMessage(PATH + ":3: expected 'lint: ignore <rule-id> <reason>', found 'lint: skip cluster now'");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> parse(
					"-- m\n-- revision: r1\n-- lint: ignore cluster a\n-- lint: ignore cluster b\n-- upgrade\n"))
			.withMessage(PATH + ":4: lint rule 'cluster' ignored twice (first on line 3)");
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SqlScriptParser
				.outline(PATH, "-- m\n-- revision: r1\n-- lint: ignore nope x\n-- upgrade\n"))
			.withMessageStartingWith(PATH + ":3: unknown lint rule 'nope'");
	}

	private static SqlScript parse(String content) {
		return SqlScriptParser.parse(PATH, content);
	}

}
