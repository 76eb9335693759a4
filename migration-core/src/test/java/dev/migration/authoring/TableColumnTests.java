package dev.migration.authoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TableColumn#parse(String)} and {@link TableColumn#parseAll(String)}:
 * columns written as text, as the {@code columns} of {@code create_table} and the
 * command line's {@code --column} take them.
 */
class TableColumnTests {

	private static final String EXPECTED = "; expected NAME TYPE [pk] [not null] [default VALUE]";

	@Test
	void aColumnIsItsNameItsTypeAndModifiersInAnyOrder() {
		assertThat(TableColumn.parse("name varchar(100) not null"))
			.isEqualTo(new TableColumn("name", "varchar(100)", false, null, false));
		assertThat(TableColumn.parse("id bigint pk")).isEqualTo(TableColumn.primaryKey("id", "bigint"));
		assertThat(TableColumn.parse("id bigint PRIMARY KEY")).isEqualTo(TableColumn.primaryKey("id", "bigint"));
		assertThat(TableColumn.parse("note text null")).isEqualTo(TableColumn.of("note", "text"));
		assertThat(TableColumn.parse("  created_at  timestamptz DEFAULT current_timestamp NOT NULL "))
			.isEqualTo(new TableColumn("created_at", "timestamptz", false, "current_timestamp", false));
	}

	@Test
	void typeArgumentsMayHoldSpacesOrStandApart() {
		assertThat(TableColumn.parse("price numeric(10, 2) default 0").type()).isEqualTo("numeric(10, 2)");
		assertThat(TableColumn.parse("code varchar (8) not null"))
			.isEqualTo(new TableColumn("code", "varchar(8)", false, null, false));
	}

	@Test
	void aQuotedDefaultKeepsItsSpacesAndCommasAndLosesItsQuotes() {
		assertThat(TableColumn.parse("status text not null default 'not set, yet'").defaultValue())
			.isEqualTo("not set, yet");
		assertThat(TableColumn.parse("owner text default 'it''s'").defaultValue()).isEqualTo("it's");
		assertThat(TableColumn.parse("rank integer default -1").defaultValue()).isEqualTo("-1");
	}

	@Test
	void columnsAreSeparatedByCommasOutsideParenthesesAndQuotes() {
		assertThat(TableColumn.parseAll("id bigint pk, price numeric(10,2), label text default 'a, b'"))
			.containsExactly(TableColumn.primaryKey("id", "bigint"), TableColumn.of("price", "numeric(10,2)"),
					new TableColumn("label", "text", true, "a, b", false));
		assertThat(TableColumn.parseAll("  ")).isEmpty();
	}

	@Test
	void aMalformedColumnIsRefusedQuotingIt() {
		assertInvalid("id", "Invalid column 'id': no type after 'id'" + EXPECTED);
		assertInvalid("id pk", "Invalid column 'id pk': no type after 'id'" + EXPECTED);
		assertInvalid("name varchar(100) nul", "Invalid column 'name varchar(100) nul': unexpected 'nul'" + EXPECTED);
		assertInvalid("id bigint pk null",
				"Invalid column 'id bigint pk null': a primary key column cannot be null" + EXPECTED);
		assertInvalid("a int not", "Invalid column 'a int not': 'not' without 'null'" + EXPECTED);
		assertInvalid("a int primary", "Invalid column 'a int primary': 'primary' without 'key'" + EXPECTED);
		assertInvalid("a int pk pk", "Invalid column 'a int pk pk': the primary key is given twice" + EXPECTED);
		assertInvalid("a int null not null",
				"Invalid column 'a int null not null': null or not null is given twice" + EXPECTED);
		assertInvalid("a text default", "Invalid column 'a text default': no value after 'default'" + EXPECTED);
		assertInvalid("a text default 'x", "Invalid column 'a text default 'x': a quote without its closing quote"
				+ EXPECTED);
		assertInvalid("a numeric(10,2", "Invalid column 'a numeric(10,2': a '(' without its ')'" + EXPECTED);
		assertInvalid("a int, b int", "Invalid column 'a int, b int': a comma outside parentheses and quotes, which "
				+ "separates columns" + EXPECTED);
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> TableColumn.parse(" "))
			.withMessage("Missing column: expected NAME TYPE [pk] [not null] [default VALUE]");
	}

	@Test
	void aMalformedListNamesTheColumnAtFault() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> TableColumn.parseAll("id bigint pk, name varchar(100) nul"))
			.withMessageStartingWith("Invalid column 'name varchar(100) nul': unexpected 'nul'");
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> TableColumn.parseAll("id bigint,, a int"))
			.withMessageStartingWith("Invalid columns 'id bigint,, a int': an empty column (a comma too many)");
	}

	private static void assertInvalid(String spec, String message) {
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> TableColumn.parse(spec))
			.withMessage(message);
	}

}
