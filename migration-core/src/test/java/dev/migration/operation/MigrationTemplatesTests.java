package dev.migration.operation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.migration.authoring.MigrationSql;
import dev.migration.authoring.MigrationTemplates;
import dev.migration.authoring.TableColumn;
import dev.migration.authoring.TemplateDescription;
import dev.migration.authoring.TemplateException;
import dev.migration.dialect.Dialect;
import dev.migration.script.SqlScriptParser;
import dev.migration.testing.Database;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every template on real PostgreSQL and DuckDB: the upgrade changes the schema as
 * intended, and the downgrade restores the original snapshot.
 */
class MigrationTemplatesTests {

	private static final String SETUP = """
			CREATE TABLE customers (id integer PRIMARY KEY, email varchar(100) NOT NULL, name text);
			CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, total numeric(10,2), status text);
			CREATE INDEX orders_status_idx ON orders (status);
			INSERT INTO customers VALUES (1, 'a@example.com', 'Ann');
			INSERT INTO orders VALUES (1, 1, 9.50, 'new');
			""";

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Database.class)
	void addColumnAddsTheColumnWithItsDefaultAndComment(Database kind) {
		roundTrip(kind, (templates) -> templates.addColumn("customers", "nick", "varchar(20)", true, "it's", "A nickname"),
				(after) -> {
					Column nick = after.require("customers").column("nick").orElseThrow();
					assertThat(nick.comment()).isEqualTo("A nickname");
					assertThat(nick.defaultExpression()).contains("'it''s'");
				});
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void addNotNullColumnWithDefaultFillsExistingRows(Database kind) {
		roundTrip(kind, (templates) -> templates.addColumn("orders", "priority", "integer", false, "0", null),
				(after) -> assertThat(after.require("orders").column("priority").orElseThrow().nullable()).isFalse());
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void dropColumnOfAnIndexedTableIsReversible(Database kind) {
		roundTrip(kind, (templates) -> templates.dropColumn("orders", "total"),
				(after) -> assertThat(after.require("orders").column("total")).isEmpty());
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void addIndexCreatesAUniqueIndex(Database kind) {
		roundTrip(kind, (templates) -> templates.addIndex("customers", List.of("email"), true, null),
				(after) -> assertThat(after.require("customers").indexes()).singleElement()
					.satisfies((index) -> assertThat(index.unique()).isTrue()));
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void dropIndexIsReversible(Database kind) {
		roundTrip(kind, (templates) -> templates.dropIndex("orders", "orders_status_idx"),
				(after) -> assertThat(after.require("orders").indexes()).isEmpty());
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void addForeignKeyReferencesTheTable(Database kind) {
		roundTrip(kind, (templates) -> templates.addForeignKey("orders", "customer_id", "customers", "id", null),
				(after) -> assertThat(after.require("orders").foreignKeys()).singleElement()
					.satisfies((key) -> assertThat(key.referencedTable()).isEqualTo("customers")));
	}

	@Test
	void addForeignKeyWithCascadeWorksOnPostgresql() {
		roundTrip(Database.POSTGRESQL,
				(templates) -> templates.addForeignKey("orders", "customer_id", "customers", "id", "cascade"),
				(after) -> assertThat(after.require("orders").foreignKeys().get(0).onDelete())
					.isEqualTo(ReferentialAction.CASCADE));
	}

	@Test
	void addForeignKeyWithCascadeIsAClearErrorOnDuckDb() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.duckdb())
				.addForeignKey("orders", "customer_id", "customers", "id", "cascade"))
			.withMessageContaining("DuckDB does not support ON DELETE CASCADE");
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void createTableAddsTimestampsAndSoftDelete(Database kind) {
		roundTrip(kind, (templates) -> templates.createTable("invoices",
				List.of(TableColumn.primaryKey("id", "bigint"), new TableColumn("number", "varchar(30)", false, null, false),
						new TableColumn("paid", "boolean", false, "false", false)),
				true, true), (after) -> {
					Table invoices = after.require("invoices");
					assertThat(invoices.columns()).extracting(Column::name)
						.containsExactly("id", "number", "paid", "created_at", "updated_at", "deleted_at");
					assertThat(invoices.primaryKey().columns()).containsExactly("id");
				});
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void dropTableIsReversible(Database kind) {
		roundTrip(kind, (templates) -> templates.dropTable("orders"),
				(after) -> assertThat(after.table("orders")).isEmpty());
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void renameColumnOfAnIndexedTableKeepsTheIndex(Database kind) {
		roundTrip(kind, (templates) -> templates.renameColumn("orders", "status", "state"), (after) -> {
			Table orders = after.require("orders");
			assertThat(orders.column("state")).isPresent();
			assertThat(orders.indexes()).singleElement()
				.satisfies((index) -> assertThat(index.expressions().get(0)).contains("state"));
		});
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void renameColumnRewritesTheChecksAndPartialIndexesThatMentionIt(Database kind) {
		String setup = (kind == Database.POSTGRESQL)
				? "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0 AND status <> 'total');\n"
						+ "CREATE INDEX orders_open_idx ON orders (lower(status)) WHERE total > 0;\n"
				// DuckDB adds no constraint to an existing table: recreate it with the check.
				: "DROP INDEX orders_status_idx; DROP TABLE orders;\n"
						+ "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, total numeric(10,2),"
						+ " status text, CHECK (total >= 0 AND status <> 'total'));\n"
						+ "CREATE INDEX orders_status_idx ON orders (status);\n"
						+ "INSERT INTO orders VALUES (1, 1, 9.50, 'new');\n";
		roundTrip(kind, setup, (templates) -> templates.renameColumn("orders", "total", "amount"), (after) -> {
			Table orders = after.require("orders");
			assertThat(orders.checkConstraints()).singleElement()
				.satisfies((check) -> assertThat(check.expression()).contains("amount >= ")
					.contains("'total'")
					.doesNotContain("total >="));
			assertThat(orders.indexes()).allSatisfy(
					(index) -> assertThat(String.valueOf(index.where())).doesNotContain("total"));
		});
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void addCheckConstraintIsReversible(Database kind) {
		roundTrip(kind, (templates) -> templates.addCheckConstraint("orders", "orders_total_positive", "total >= 0"),
				(after) -> assertThat(after.require("orders").checkConstraints()).hasSize(1));
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void dataMigrationRunsTheGivenSql(Database kind) {
		roundTrip(kind, (templates) -> templates.dataMigration("Normalize statuses",
				"UPDATE orders SET status = upper(status)", "UPDATE orders SET status = lower(status)"),
				(after) -> assertThat(after.require("orders").columns()).hasSize(4));
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void generateByNameMatchesTheMethod(Database kind) {
		roundTrip(kind, (templates) -> templates.generate("create_table",
				Map.of("table", "tags", "columns", "id integer pk, label varchar(40) not null default none, price numeric(8,2)",
						"with_timestamps", "true")),
				(after) -> assertThat(after.require("tags").columns()).extracting(Column::name)
					.containsExactly("id", "label", "price", "created_at", "updated_at"));
	}

	@Test
	void forDialectRefusesARebuildOnDuckDb() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.duckdb())
				.addCheckConstraint("orders", "positive", "total > 0"))
			.withMessageContaining("needs a table rebuild")
			.withMessageContaining("MigrationTemplates.forDatabase(connection)");
	}

	@Test
	void forDialectRendersAlterStatementsOnPostgresql() {
		MigrationSql sql = MigrationTemplates.forDialect(Dialect.postgresql())
			.addCheckConstraint("orders", "positive", "total > 0");
		assertThat(sql.upgrade()).isEqualTo("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);\n");
		assertThat(sql.downgrade()).isEqualTo("ALTER TABLE orders DROP CONSTRAINT positive;\n");
	}

	@Test
	void unknownTemplateIsAClearError() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.postgresql()).generate("add_colum", Map.of()))
			.withMessageContaining("Unknown template 'add_colum'");
	}

	@Test
	void everyTemplateIsDescribedWithItsParametersAndDefaults() {
		assertThat(MigrationTemplates.descriptions()).extracting(TemplateDescription::name)
			.containsExactlyElementsOf(MigrationTemplates.NAMES);
		TemplateDescription createTable = MigrationTemplates.description(" CREATE_TABLE ").orElseThrow();
		assertThat(createTable.parameterNames()).containsExactly("table", "columns", "with_timestamps",
				"with_soft_delete");
		assertThat(createTable.parameter("table").orElseThrow().required()).isTrue();
		assertThat(createTable.parameter("with_timestamps").orElseThrow().defaultValue()).isEqualTo("false");
		assertThat(createTable.parameter("columns").orElseThrow().description()).contains(TableColumn.SYNTAX);
		assertThat(MigrationTemplates.description("create_tabel")).isEmpty();
	}

	@Test
	void aMalformedColumnOfCreateTableIsAClearError() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.postgresql())
				.generate("create_table", Map.of("table", "t", "columns", "id bigint pk, name varchar(100) nul")))
			.withMessageStartingWith("Invalid column 'name varchar(100) nul': unexpected 'nul'")
			.withMessageEndingWith("(in parameter 'columns' of template 'create_table')");
	}

	@Test
	void createTableFromColumnsAsTextIsWrittenForEachDialect() {
		Map<String, String> parameters = Map.of("table", "tags", "columns",
				"id bigint pk, name varchar(100) not null, price numeric(10, 2) default 0", "with_soft_delete",
				"true");
		assertThat(MigrationTemplates.forDialect(Dialect.postgresql()).generate("create_table", parameters).upgrade())
			.contains("id bigint NOT NULL", "name character varying(100) NOT NULL", "price numeric(10,2) DEFAULT 0",
					"deleted_at timestamp with time zone", "PRIMARY KEY (id)");
		assertThat(MigrationTemplates.forDialect(Dialect.duckdb()).generate("create_table", parameters).upgrade())
			.contains("id BIGINT NOT NULL", "name VARCHAR NOT NULL", "price DECIMAL(10,2) DEFAULT 0",
					"deleted_at TIMESTAMP WITH TIME ZONE", "PRIMARY KEY (id)");
	}

	@Test
	void missingParameterIsAClearError() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.postgresql())
				.generate("add_column", Map.of("table", "t", "column", "c")))
			.withMessageContaining("needs parameter 'type'");
	}

	@Test
	void unknownParameterIsAClearError() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.postgresql())
				.generate("drop_table", Map.of("table", "t", "cascade", "true")))
			.withMessageContaining("Unknown parameter 'cascade'");
	}

	@Test
	void invalidIdentifierIsAClearError() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.postgresql())
				.addColumn("users; DROP TABLE users", "c", "text", true, null, null))
			.withMessageContaining("Invalid table name 'users; DROP TABLE users'");
	}

	@Test
	void unknownTypeIsAClearError() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> MigrationTemplates.forDialect(Dialect.duckdb())
				.addColumn("users", "c", "varchar2(10)", true, null, null))
			.withMessageContaining("Unknown column type 'varchar2(10)'");
	}

	@Test
	void defaultsAreQuotedNeverConcatenated() {
		MigrationSql sql = MigrationTemplates.forDialect(Dialect.postgresql())
			.addColumn("users", "c", "text", true, "x'); DROP TABLE users; --", null);
		assertThat(sql.upgrade()).contains("DEFAULT 'x''); DROP TABLE users; --'");
	}

	@Test
	void quotesIdentifiersThatAreKeywordsOrMixedCase() {
		MigrationSql sql = MigrationTemplates.forDialect(Dialect.postgresql())
			.addColumn("Orders", "order", "integer", true, null, null);
		assertThat(sql.upgrade()).isEqualTo("ALTER TABLE \"Orders\" ADD COLUMN \"order\" integer;\n");
	}

	private void roundTrip(Database kind, Function<MigrationTemplates, MigrationSql> template,
			Consumer<SchemaSnapshot> checkAfter) {
		roundTrip(kind, "", template, checkAfter);
	}

	private void roundTrip(Database kind, String extraSetup, Function<MigrationTemplates, MigrationSql> template,
			Consumer<SchemaSnapshot> checkAfter) {
		try (TestDatabase database = TestDatabase.open(kind)) {
			database.run(SETUP + extraSetup);
			SchemaSnapshot before = database.snapshot();
			MigrationSql sql;
			try (Connection connection = database.connection()) {
				sql = template.apply(MigrationTemplates.forDatabase(connection, database.schema()));
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			// What a template writes must be a valid script section.
			SqlScriptParser.parse("t.sql", "-- m\n-- revision: a1\n\n-- upgrade\n" + sql.upgrade()
					+ "\n-- downgrade\n" + sql.downgrade());
			database.run(sql.upgrade());
			SchemaSnapshot after = database.snapshot();
			assertThat(after).isNotNull();
			checkAfter.accept(after);
			database.run(sql.downgrade());
			assertThat(TestDatabase.normalized(database.snapshot())).isEqualTo(TestDatabase.normalized(before));
		}
	}

}
