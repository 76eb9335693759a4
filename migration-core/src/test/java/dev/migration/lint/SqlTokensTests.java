package dev.migration.lint;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migration.lint.SqlTokens.Kind;
import dev.migration.lint.SqlTokens.Token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link SqlTokens} and {@link StatementAnalysis}.
 */
class SqlTokensTests {

	@Test
	void commentsAreSkippedAndStringsAndQuotedNamesAreOneTokenEach() {
		List<Token> tokens = SqlTokens.read("ALTER /* a /* nested */ comment */ TABLE \"My \"\"Table\"\"\" -- CONCURRENTLY\n"
				+ "  ADD c text DEFAULT E'it\\'s', ADD d text DEFAULT $x$ ; $x$");
		assertThat(tokens).extracting(Token::kind, Token::text, Token::line)
			.containsExactly(tuple(Kind.WORD, "ALTER", 0),
					tuple(Kind.WORD, "TABLE", 0),
					tuple(Kind.QUOTED, "My \"Table\"", 0),
					tuple(Kind.WORD, "ADD", 1),
					tuple(Kind.WORD, "c", 1),
					tuple(Kind.WORD, "text", 1),
					tuple(Kind.WORD, "DEFAULT", 1),
					tuple(Kind.STRING, "E'it\\'s'", 1),
					tuple(Kind.SYMBOL, ",", 1),
					tuple(Kind.WORD, "ADD", 1),
					tuple(Kind.WORD, "d", 1),
					tuple(Kind.WORD, "text", 1),
					tuple(Kind.WORD, "DEFAULT", 1),
					tuple(Kind.STRING, "$x$ ; $x$", 1));
		assertThat(tokens.get(2).name()).isEqualTo("My \"Table\"");
		assertThat(tokens.get(4).name()).isEqualTo("c");
	}

	@Test
	void everyActionOfAnAlterTableIsReadWithItsLine() {
		List<SchemaChange> changes = StatementAnalysis.analyze("""
				ALTER TABLE IF EXISTS ONLY app."Orders"
				    ADD COLUMN IF NOT EXISTS note text,
				    ALTER COLUMN total SET DATA TYPE numeric(12, 2) USING total::numeric,
				    ALTER status SET NOT NULL,
				    DROP COLUMN IF EXISTS legacy CASCADE,
				    ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) NOT VALID""");
		TableName orders = new TableName("app", "Orders", "app.\"Orders\"");
		assertThat(changes).containsExactly(
				new SchemaChange.AddColumn(orders, "note", SchemaChange.DefaultValue.NONE, null, List.of(), false, 1),
				new SchemaChange.AlterType(orders, "total", "numeric(12,2)", true, 2),
				new SchemaChange.SetNotNull(orders, "status", 3), new SchemaChange.DropColumn(orders, "legacy", 4),
				new SchemaChange.AddForeignKey(orders, "orders_user_fk", new TableName("app", "users", "app.users"),
						true, 5));
	}

	@Test
	void anUnreplacedPlaceholderIsOneName() {
		List<SchemaChange> changes = StatementAnalysis.analyze("CREATE INDEX i ON ${schema}.events (id)");
		assertThat(changes).singleElement()
			.isEqualTo(new SchemaChange.CreateIndex(new TableName("${schema}", "events", "${schema}.events"), "i",
					false, false, List.of("id"), 0));
	}

	@Test
	void typeChangesWithinTheSameStorageAreBinaryCompatible() {
		assertThat(TypeChanges.binaryCompatible("character varying(20)", "varchar(40)")).isTrue();
		assertThat(TypeChanges.binaryCompatible("character varying(20)", "text")).isTrue();
		assertThat(TypeChanges.binaryCompatible("character varying(20)", "varchar")).isTrue();
		assertThat(TypeChanges.binaryCompatible("numeric(10,2)", "decimal(14,2)")).isTrue();
		assertThat(TypeChanges.binaryCompatible("numeric(10,2)", "numeric")).isTrue();
		assertThat(TypeChanges.binaryCompatible("character varying(20)", "varchar(10)")).isFalse();
		assertThat(TypeChanges.binaryCompatible("numeric(10,2)", "numeric(12,4)")).isFalse();
		assertThat(TypeChanges.binaryCompatible("integer", "bigint")).isFalse();
		assertThat(TypeChanges.binaryCompatible("text", "varchar(10)")).isFalse();
	}

}
