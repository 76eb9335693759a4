package dev.migration.lint;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migration.MigrationManager;
import dev.migration.testing.Database;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint's verdicts on a corpus of statements in the style of real projects'
 * migrations (a Rails-style user and order schema, an event log, billing), linted
 * against PostgreSQL tables over the small-table threshold: each hazardous statement
 * gets exactly its rule, as a warning, and each safe one nothing.
 */
class LintCorpusTests {

	private static final List<Case> HAZARDOUS = List.of(
			hazard("CREATE INDEX index_users_on_email ON users (email);", "index-without-concurrently"),
			hazard("CREATE UNIQUE INDEX index_users_on_lower_email ON users (lower(email));",
					"index-without-concurrently"),
			hazard("CREATE INDEX IF NOT EXISTS idx_orders_created_at ON orders (created_at DESC);",
					"index-without-concurrently"),
			hazard("CREATE INDEX orders_open_status ON orders (status) WHERE status <> 'done';",
					"index-without-concurrently"),
			hazard("CREATE INDEX events_payload_gin ON events USING gin (payload jsonb_path_ops);",
					"index-without-concurrently"),
			hazard("create index on comments(post_id, created_at);", "index-without-concurrently"),
			hazard("CREATE INDEX index_line_items_on_order_id\n    ON public_schema_placeholder.line_items (order_id);",
					"index-without-concurrently"),
			hazard("DROP INDEX index_users_on_email;", "drop-index-without-concurrently"),
			hazard("DROP INDEX IF EXISTS orders_status_idx CASCADE;", "drop-index-without-concurrently"),
			hazard("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", "unique-constraint-without-index"),
			hazard("ALTER TABLE accounts ADD PRIMARY KEY (id);", "unique-constraint-without-index"),
			hazard("ALTER TABLE memberships ADD CONSTRAINT memberships_org_user_key UNIQUE (organization_id, user_id);",
					"unique-constraint-without-index"),
			hazard("ALTER TABLE products ADD COLUMN sku varchar(64) UNIQUE;", "unique-constraint-without-index"),
			hazard("ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id);",
					"foreign-key-without-not-valid"),
			hazard("ALTER TABLE line_items ADD FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;",
					"foreign-key-without-not-valid"),
			hazard("ALTER TABLE ONLY comments ADD CONSTRAINT comments_post_fk FOREIGN KEY (post_id)\n"
					+ "    REFERENCES posts (id) DEFERRABLE INITIALLY DEFERRED;", "foreign-key-without-not-valid"),
			hazard("ALTER TABLE users ADD COLUMN organization_id bigint REFERENCES organizations (id);",
					"foreign-key-without-not-valid"),
			hazard("ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents > 0);",
					"check-constraint-without-not-valid"),
			hazard("ALTER TABLE subscriptions ADD CHECK (ends_at IS NULL OR ends_at > starts_at);",
					"check-constraint-without-not-valid"),
			hazard("ALTER TABLE accounts ADD COLUMN plan text,\n"
					+ "    ADD CONSTRAINT accounts_plan_check CHECK (plan IN ('free', 'pro'));",
					"check-constraint-without-not-valid"),
			hazard("ALTER TABLE users ALTER COLUMN email SET NOT NULL;", "set-not-null"),
			hazard("ALTER TABLE orders ALTER user_id SET NOT NULL;", "set-not-null"),
			hazard("ALTER TABLE users ALTER COLUMN id TYPE bigint;", "column-type-rewrite"),
			hazard("ALTER TABLE events ALTER COLUMN occurred_at TYPE timestamptz;", "column-type-rewrite"),
			hazard("ALTER TABLE invoices ALTER COLUMN total TYPE numeric(12, 4);", "column-type-rewrite"),
			hazard("ALTER TABLE products ALTER COLUMN price TYPE integer USING (price * 100)::integer;",
					"column-type-rewrite"),
			hazard("ALTER TABLE users ALTER COLUMN name TYPE varchar(50);", "column-type-rewrite"),
			hazard("ALTER TABLE users ADD COLUMN uuid uuid DEFAULT gen_random_uuid() NOT NULL;",
					"add-column-volatile-default"),
			hazard("ALTER TABLE orders ADD COLUMN public_id text DEFAULT md5(random()::text);",
					"add-column-volatile-default"),
			hazard("ALTER TABLE events ADD COLUMN seq bigserial;", "add-column-volatile-default"),
			hazard("ALTER TABLE audit_log ADD COLUMN entry_id bigint GENERATED ALWAYS AS IDENTITY;",
					"add-column-volatile-default"),
			hazard("ALTER TABLE line_items ADD COLUMN total_cents bigint\n"
					+ "    GENERATED ALWAYS AS (quantity * unit_cents) STORED;", "add-column-volatile-default"),
			hazard("ALTER TABLE sessions ADD COLUMN created_at timestamptz NOT NULL DEFAULT clock_timestamp();",
					"add-column-volatile-default"),
			hazard("ALTER TABLE users RENAME COLUMN name TO full_name;", "rename-column"),
			hazard("ALTER TABLE posts RENAME body TO content;", "rename-column"),
			hazard("ALTER TABLE tags RENAME TO labels;", "rename-table"),
			hazard("ALTER TABLE IF EXISTS audit_log RENAME TO audit_events;", "rename-table"),
			hazard("ALTER TABLE users DROP COLUMN legacy_password;", "drop-column"),
			hazard("ALTER TABLE orders DROP COLUMN IF EXISTS coupon_code CASCADE;", "drop-column"),
			hazard("DROP TABLE sessions;", "drop-table"),
			hazard("DROP TABLE IF EXISTS tags CASCADE;", "drop-table"),
			nonTransactionalHazard("VACUUM FULL events;", "vacuum-full"),
			nonTransactionalHazard("VACUUM (FULL, VERBOSE) audit_log;", "vacuum-full"),
			hazard("CLUSTER audit_log USING audit_log_created_at_idx;", "cluster"),
			hazard("REINDEX TABLE orders;", "reindex-without-concurrently"),
			hazard("REINDEX INDEX index_users_on_email;", "reindex-without-concurrently"));

	private static final List<Case> SAFE = List.of(
			nonTransactionalSafe("CREATE INDEX CONCURRENTLY index_users_on_email ON users (email);"),
			nonTransactionalSafe(
					"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS memberships_org_user_idx\n"
							+ "    ON memberships (organization_id, user_id);"),
			nonTransactionalSafe("DROP INDEX CONCURRENTLY IF EXISTS index_users_on_email;"),
			nonTransactionalSafe("REINDEX INDEX CONCURRENTLY index_users_on_email;"),
			nonTransactionalSafe("VACUUM ANALYZE events;"),
			safe("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_unique_idx;"),
			safe("ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;"),
			safe("ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) "
					+ "NOT VALID;"),
			safe("ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_user;"),
			safe("ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents > 0) NOT VALID;"),
			safe("ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_positive;"),
			safe("ALTER TABLE users ADD COLUMN organization_id bigint;"),
			safe("ALTER TABLE users ADD COLUMN bio text;"),
			safe("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;"),
			safe("ALTER TABLE orders ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';"),
			safe("ALTER TABLE events ADD COLUMN received_at timestamptz DEFAULT now();"),
			safe("ALTER TABLE events ADD COLUMN ingested_at timestamptz DEFAULT CURRENT_TIMESTAMP;"),
			safe("ALTER TABLE products ADD COLUMN labels text[] DEFAULT '{}';"),
			safe("ALTER TABLE products ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}'::jsonb;"),
			safe("ALTER TABLE users ADD COLUMN IF NOT EXISTS locale varchar(8) DEFAULT 'en';"),
			safe("alter table \"users\" add column \"Nickname\" text;"),
			safe("ALTER TABLE users ALTER COLUMN name TYPE text;"),
			safe("ALTER TABLE users ALTER COLUMN name TYPE varchar(500);"),
			safe("ALTER TABLE invoices ALTER COLUMN total TYPE numeric(12,2);"),
			safe("ALTER TABLE users ALTER COLUMN email DROP NOT NULL;"),
			safe("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';"),
			safe("ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;"),
			safe("ALTER TABLE customers ALTER COLUMN email SET NOT NULL;"),
			safe("ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_check;"),
			safe("ALTER TABLE users RENAME CONSTRAINT users_email_key TO users_email_unique;"),
			safe("ALTER INDEX index_users_on_email RENAME TO users_email_idx;"),
			safe("CREATE TABLE invitations (\n    id bigserial PRIMARY KEY,\n    email text NOT NULL UNIQUE,\n"
					+ "    created_at timestamptz NOT NULL DEFAULT now()\n);"),
			safe("CREATE TABLE IF NOT EXISTS feature_flags (name text PRIMARY KEY, enabled boolean DEFAULT false);"),
			safe("CREATE TABLE webhooks (id bigint, url text);\n"
					+ "ALTER TABLE webhooks ADD CONSTRAINT webhooks_pkey PRIMARY KEY (id);\n"
					+ "ALTER TABLE webhooks ALTER COLUMN url SET NOT NULL;\n"
					+ "CREATE INDEX webhooks_url_idx ON webhooks (url);"),
			safe("CREATE TABLE order_archive AS SELECT * FROM orders WHERE status = 'done';"),
			safe("CREATE VIEW active_users AS SELECT id, email FROM users WHERE active;"),
			safe("CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
					+ "    -- CREATE INDEX here would be only text\n    NEW.updated_at := now();\n    RETURN NEW;\n"
					+ "END;\n$$;"),
			safe("COMMENT ON COLUMN users.email IS 'login; ALTER TABLE users DROP COLUMN email is not run';"),
			safe("UPDATE users SET name = 'unknown' WHERE name IS NULL;"),
			safe("INSERT INTO tags (name) VALUES ('new');"),
			safe("GRANT SELECT ON users TO PUBLIC;"),
			safe("ANALYZE users;"),
			safe("CREATE SEQUENCE invoice_numbers START 1000;"),
			safe("CREATE EXTENSION IF NOT EXISTS pgcrypto;"),
			safe("SET lock_timeout = '5s';"));

	@Test
	void everyStatementOfTheCorpusGetsTheVerdictItShould() {
		assertThat(HAZARDOUS).hasSizeGreaterThanOrEqualTo(40);
		assertThat(SAFE).hasSizeGreaterThanOrEqualTo(40);
		try (TestDatabase database = TestDatabase.open(Database.POSTGRESQL)) {
			tables(database);
			MigrationManager manager = database.manager((builder) -> builder
				.lintOptions(LintOptions.defaults().withSmallTable(100, 10L * 1024 * 1024)));
			List<String> wrong = new ArrayList<>();
			for (Case each : concat(HAZARDOUS, SAFE)) {
				String sql = each.sql().replace("public_schema_placeholder", database.schema());
				LintReport report = manager.lintScript("corpus.sql", script(sql, each.transactional()));
				List<String> verdict = report.findings()
					.stream()
					.map((finding) -> finding.rule() + "/" + finding.severity())
					.toList();
				List<String> expected = (each.rule() != null) ? List.of(each.rule() + "/WARNING") : List.of();
				if (!verdict.equals(expected)) {
					wrong.add(sql + "\n    expected " + expected + ", got " + verdict + " "
							+ report.findings().stream().map(LintFinding::detail).toList());
				}
			}
			assertThat(wrong).as("statements with the wrong verdict").isEmpty();
		}
	}

	private static List<Case> concat(List<Case> first, List<Case> second) {
		List<Case> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/**
	 * The schema the corpus runs against: every table over 100 rows, the threshold the
	 * test sets.
	 */
	private static void tables(TestDatabase database) {
		database.execute("""
				CREATE TABLE users (id integer NOT NULL, email text, name varchar(255), legacy_password text,
				    active boolean)""", """
				CREATE TABLE organizations (id bigint PRIMARY KEY, name text)""", """
				CREATE TABLE accounts (id bigint NOT NULL, owner_id bigint)""", """
				CREATE TABLE memberships (organization_id bigint, user_id bigint)""", """
				CREATE TABLE orders (id bigint NOT NULL, user_id integer, status text, created_at timestamptz,
				    coupon_code text)""", """
				CREATE TABLE line_items (id bigint, order_id bigint, quantity integer, unit_cents bigint)""", """
				CREATE TABLE products (id bigint, price numeric(10,2))""", """
				CREATE TABLE events (id bigint, occurred_at timestamp, payload jsonb)""", """
				CREATE TABLE comments (id bigint, post_id bigint, created_at timestamptz)""", """
				CREATE TABLE posts (id bigint PRIMARY KEY, body text)""", """
				CREATE TABLE invoices (id bigint, total numeric(10,2))""", """
				CREATE TABLE payments (id bigint, amount_cents bigint)""", """
				CREATE TABLE subscriptions (id bigint, starts_at timestamptz, ends_at timestamptz)""", """
				CREATE TABLE sessions (id bigint, token text)""", """
				CREATE TABLE audit_log (id bigint, created_at timestamptz, entry text)""", """
				CREATE TABLE tags (id bigint, name text)""", """
				CREATE TABLE customers (id bigint, email text)""");
		for (String table : List.of("users", "organizations", "accounts", "memberships", "orders", "line_items",
				"products", "events", "comments", "posts", "invoices", "payments", "subscriptions", "sessions",
				"audit_log", "tags", "customers")) {
			String column = table.equals("memberships") ? "organization_id" : "id";
			database.execute("INSERT INTO " + table + " (" + column + ") SELECT g FROM generate_series(1, 150) g");
		}
		database.execute("UPDATE customers SET email = 'c' || id || '@example.com'",
				"ALTER TABLE customers ADD CONSTRAINT customers_email_not_null CHECK (email IS NOT NULL)");
		database.execute("CREATE INDEX index_users_on_email ON users (email)",
				"CREATE UNIQUE INDEX users_email_unique_idx ON users (email)",
				"CREATE INDEX orders_status_idx ON orders (status)",
				"CREATE UNIQUE INDEX accounts_id_idx ON accounts (id)",
				"CREATE INDEX audit_log_created_at_idx ON audit_log (created_at)");
	}

	private static String script(String sql, boolean transactional) {
		return "-- Corpus statement\n-- revision: c1\n-- down_revision: none\n-- transactional: " + transactional
				+ "\n-- upgrade\n" + sql + "\n";
	}

	private static Case hazard(String sql, String rule) {
		return new Case(sql, true, rule);
	}

	private static Case nonTransactionalHazard(String sql, String rule) {
		return new Case(sql, false, rule);
	}

	private static Case safe(String sql) {
		return new Case(sql, true, null);
	}

	private static Case nonTransactionalSafe(String sql) {
		return new Case(sql, false, null);
	}

	/**
	 * A corpus entry: a script section and the rule it should break, or {@code null}.
	 */
	private record Case(String sql, boolean transactional, String rule) {
	}

}
