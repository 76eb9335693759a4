package dev.migration.lint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.migration.dialect.Dialect;

/**
 * The catalogue of hazards the lint finds in SQL revision scripts: statements that hold
 * a lock for as long as they scan or rewrite a table, and schema changes that break the
 * code still running during a rolling deploy. Each rule has an {@link #id()} (what
 * {@code lint: ignore} names), a {@link #reason(Dialect) reason} and the
 * {@link #rewrite(Dialect) safe rewrite}.
 * <p>
 * Most rules concern PostgreSQL's locks. On DuckDB, whose file has one writing process
 * and which has neither {@code CONCURRENTLY}, {@code NOT VALID} nor
 * {@code lock_timeout}, only the index build and the rolling-deploy rules apply.
 */
public enum LintRule {

	/**
	 * {@code CREATE INDEX} without {@code CONCURRENTLY} on an existing table.
	 */
	INDEX_WITHOUT_CONCURRENTLY("index-without-concurrently", "CREATE INDEX without CONCURRENTLY",
			"CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE "
					+ "waits until the index is built",
			"CREATE INDEX CONCURRENTLY in a revision of its own declared '-- transactional: false' (if the build "
					+ "fails it leaves an invalid index: DROP INDEX CONCURRENTLY IF EXISTS it and run again)",
			"DuckDB builds the index inside the writing transaction and has no concurrent index build: writes to "
					+ "the table conflict with it until it commits",
			"DuckDB has no CREATE INDEX CONCURRENTLY: create the index while the table is small (in the revision "
					+ "that creates the table), or at a time when nothing writes to it",
			true, 0, 0, Dialects.BOTH),

	/**
	 * {@code DROP INDEX} without {@code CONCURRENTLY}.
	 */
	DROP_INDEX_WITHOUT_CONCURRENTLY("drop-index-without-concurrently", "DROP INDEX without CONCURRENTLY",
			"DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits for every running query on the "
					+ "table, and every query after it waits behind it",
			"DROP INDEX CONCURRENTLY IF EXISTS in a revision declared '-- transactional: false'", true, 0, 0,
			Dialects.POSTGRESQL),

	/**
	 * {@code ADD UNIQUE} or {@code ADD PRIMARY KEY} that builds its own index.
	 */
	UNIQUE_CONSTRAINT_WITHOUT_INDEX("unique-constraint-without-index",
			"UNIQUE or PRIMARY KEY constraint without an existing index",
			"ADD UNIQUE or PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: no read or write of the "
					+ "table until the index is built",
			"CREATE UNIQUE INDEX CONCURRENTLY name ON table (columns) in a '-- transactional: false' revision, then "
					+ "ALTER TABLE table ADD CONSTRAINT name UNIQUE USING INDEX name (or PRIMARY KEY USING INDEX name) "
					+ "in the next",
			true, 0, 0, Dialects.POSTGRESQL),

	/**
	 * {@code ADD FOREIGN KEY} without {@code NOT VALID}.
	 */
	FOREIGN_KEY_WITHOUT_NOT_VALID("foreign-key-without-not-valid", "Foreign key without NOT VALID",
			"ADD FOREIGN KEY checks every existing row under a SHARE ROW EXCLUSIVE lock on both tables: writes to "
					+ "either table wait until the check is done",
			"ADD CONSTRAINT name FOREIGN KEY (...) REFERENCES ... NOT VALID, then ALTER TABLE table VALIDATE "
					+ "CONSTRAINT name in a second revision (validating takes a SHARE UPDATE EXCLUSIVE lock, which "
					+ "lets reads and writes through)",
			true, 0, 0, Dialects.POSTGRESQL),

	/**
	 * {@code ADD CHECK} without {@code NOT VALID}.
	 */
	CHECK_CONSTRAINT_WITHOUT_NOT_VALID("check-constraint-without-not-valid", "Check constraint without NOT VALID",
			"ADD CHECK scans every existing row under an ACCESS EXCLUSIVE lock: no read or write of the table until "
					+ "the scan is done",
			"ADD CONSTRAINT name CHECK (...) NOT VALID, then ALTER TABLE table VALIDATE CONSTRAINT name in a second "
					+ "revision (validating takes a SHARE UPDATE EXCLUSIVE lock, which lets reads and writes through)",
			true, 0, 0, Dialects.POSTGRESQL),

	/**
	 * {@code ALTER COLUMN ... SET NOT NULL} without a validated check that proves it.
	 */
	SET_NOT_NULL("set-not-null", "SET NOT NULL without a validated check",
			"SET NOT NULL scans every row under an ACCESS EXCLUSIVE lock, unless a validated CHECK (column IS NOT "
					+ "NULL) already proves it (PostgreSQL 12 and later)",
			"ADD CONSTRAINT name CHECK (column IS NOT NULL) NOT VALID; in a second revision VALIDATE CONSTRAINT "
					+ "name, then ALTER COLUMN column SET NOT NULL (instant on PostgreSQL 12 and later) and DROP "
					+ "CONSTRAINT name",
			true, 0, 0, Dialects.POSTGRESQL),

	/**
	 * {@code ALTER COLUMN ... TYPE} that rewrites the table.
	 */
	COLUMN_TYPE_REWRITE("column-type-rewrite", "Column type change that rewrites the table",
			"changing a column's type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock "
					+ "(only binary-compatible changes, such as varchar(n) to a longer varchar or to text, are "
					+ "instant)",
			"add a column of the new type, write both from the code, backfill it in batches, switch the reads, "
					+ "and drop the old column in a later release; or change only in a binary-compatible way "
					+ "(varchar(n) to text, a larger varchar or numeric precision)",
			true, 0, 0, Dialects.POSTGRESQL),

	/**
	 * {@code ADD COLUMN} with a volatile default.
	 */
	ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", "ADD COLUMN with a volatile default",
			"ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(): also a "
					+ "serial, identity or stored generated column) writes every row again under an ACCESS "
					+ "EXCLUSIVE lock",
			"ADD COLUMN without the default (or with a constant one), then ALTER COLUMN SET DEFAULT for new rows, "
					+ "and fill the existing rows in batches from a later revision or a job",
			true, 0, 0, Dialects.POSTGRESQL),

	/**
	 * {@code ADD COLUMN} with any default before PostgreSQL 11.
	 */
	ADD_COLUMN_DEFAULT_BEFORE_PG11("add-column-default-before-pg11", "ADD COLUMN with a default before PostgreSQL 11",
			"before PostgreSQL 11, ADD COLUMN with any default writes every row again under an ACCESS EXCLUSIVE "
					+ "lock",
			"ADD COLUMN without a default, then ALTER COLUMN SET DEFAULT (new rows only), then fill the existing "
					+ "rows in batches; or upgrade to PostgreSQL 11 or later, where a constant default is instant",
			true, 0, 10, Dialects.POSTGRESQL),

	/**
	 * {@code ALTER TABLE ... RENAME TO} of a table in use.
	 */
	RENAME_TABLE("rename-table", "Rename of a table in use",
			"during a rolling deploy the old code still runs against the new schema: its queries of the old table "
					+ "name fail until every instance runs the new code",
			"expand and contract: create the new table name as a view of the old one (or the other way round), "
					+ "deploy code that uses the new name, and rename or drop the old one in a later release",
			false, 0, 0, Dialects.BOTH),

	/**
	 * {@code ALTER TABLE ... RENAME COLUMN} of a column in use.
	 */
	RENAME_COLUMN("rename-column", "Rename of a column in use",
			"during a rolling deploy the old code still runs against the new schema: its queries of the old column "
					+ "name fail until every instance runs the new code",
			"expand and contract: add the new column, write both from the code, backfill it, switch the reads, and "
					+ "drop the old column in a later release",
			false, 0, 0, Dialects.BOTH),

	/**
	 * {@code ALTER TABLE ... DROP COLUMN} of a column the running code may use.
	 */
	DROP_COLUMN("drop-column", "DROP COLUMN in the release that stops using it",
			"during a rolling deploy the old code still reads and writes the column (an ORM maps every column): it "
					+ "fails until every instance runs the new code",
			"first release: stop using the column (for JPA, remove its mapping); a later release: drop it",
			false, 0, 0, Dialects.BOTH),

	/**
	 * {@code DROP TABLE} of a table the running code may use.
	 */
	DROP_TABLE("drop-table", "DROP TABLE in the release that stops using it",
			"during a rolling deploy the old code still queries the table: it fails until every instance runs the "
					+ "new code",
			"first release: stop using the table; a later release: drop it", false, 0, 0, Dialects.BOTH),

	/**
	 * {@code VACUUM FULL}.
	 */
	VACUUM_FULL("vacuum-full", "VACUUM FULL",
			"VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock: no read or write until it is done",
			"plain VACUUM (it blocks neither reads nor writes), or pg_repack run outside the migrations", true, 0, 0,
			Dialects.POSTGRESQL),

	/**
	 * {@code CLUSTER}.
	 */
	CLUSTER("cluster", "CLUSTER",
			"CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock: no read or write until it is "
					+ "done",
			"leave the physical order to pg_repack --order-by run outside the migrations, or do without it", true, 0,
			0, Dialects.POSTGRESQL),

	/**
	 * {@code REINDEX} without {@code CONCURRENTLY}, PostgreSQL 12 and later.
	 */
	REINDEX_WITHOUT_CONCURRENTLY("reindex-without-concurrently", "REINDEX without CONCURRENTLY",
			"REINDEX blocks every write to the table, and every query that would use the index, while it rebuilds",
			"REINDEX ... CONCURRENTLY (PostgreSQL 12 and later) in a revision declared '-- transactional: false'",
			true, 12, 0, Dialects.POSTGRESQL),

	/**
	 * A {@code transactional: false} revision that runs without {@code lock_timeout}.
	 */
	NON_TRANSACTIONAL_WITHOUT_LOCK_TIMEOUT("non-transactional-without-lock-timeout",
			"transactional: false revision without lock_timeout",
			"the revision runs without lock_timeout (the engine's statementLockTimeout is off): a statement queued "
					+ "for a lock behind a long transaction blocks every later query of the table, without limit",
			"start each section with SET lock_timeout = '5s', or turn the engine's statementLockTimeout on "
					+ "(migration.postgresql.lock-timeout)",
			false, 0, 0, Dialects.POSTGRESQL);

	private final String id;

	private final String title;

	private final String reason;

	private final String rewrite;

	private final String duckDbReason;

	private final String duckDbRewrite;

	private final boolean sizeDependent;

	private final int minServerVersion;

	private final int maxServerVersion;

	private final Dialects dialects;

	LintRule(String id, String title, String reason, String rewrite, boolean sizeDependent, int minServerVersion,
			int maxServerVersion, Dialects dialects) {
		this(id, title, reason, rewrite, reason, rewrite, sizeDependent, minServerVersion, maxServerVersion, dialects);
	}

	LintRule(String id, String title, String reason, String rewrite, String duckDbReason, String duckDbRewrite,
			boolean sizeDependent, int minServerVersion, int maxServerVersion, Dialects dialects) {
		this.id = id;
		this.title = title;
		this.reason = reason;
		this.rewrite = rewrite;
		this.duckDbReason = duckDbReason;
		this.duckDbRewrite = duckDbRewrite;
		this.sizeDependent = sizeDependent;
		this.minServerVersion = minServerVersion;
		this.maxServerVersion = maxServerVersion;
		this.dialects = dialects;
	}

	/**
	 * The id, as {@code lint: ignore} names it and findings report it.
	 * @return the id, such as {@code index-without-concurrently}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * A short title.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Why the statement is a hazard on PostgreSQL: which lock it takes and what that
	 * blocks, or what it breaks.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * The safe way to the same result on PostgreSQL.
	 * @return the rewrite
	 */
	public String rewrite() {
		return this.rewrite;
	}

	/**
	 * Why the statement is a hazard on the given database.
	 * @param dialect the database
	 * @return the reason
	 */
	public String reason(Dialect dialect) {
		return isDuckDb(dialect) ? this.duckDbReason : this.reason;
	}

	/**
	 * The safe way to the same result on the given database; on DuckDB it says when
	 * there is none.
	 * @param dialect the database
	 * @return the rewrite
	 */
	public String rewrite(Dialect dialect) {
		return isDuckDb(dialect) ? this.duckDbRewrite : this.rewrite;
	}

	/**
	 * Whether the cost of the hazard grows with the table, so that on a small table it
	 * is only a {@link LintSeverity#NOTE}. The rolling-deploy rules are not: old code
	 * fails on a small table as on a big one.
	 * @return whether the table's size matters
	 */
	public boolean sizeDependent() {
		return this.sizeDependent;
	}

	/**
	 * The oldest server major version the rule applies to.
	 * @return the version, or 0 for any
	 */
	public int minServerVersion() {
		return this.minServerVersion;
	}

	/**
	 * The newest server major version the rule applies to, for hazards that a later
	 * version removed.
	 * @return the version, or 0 for any
	 */
	public int maxServerVersion() {
		return this.maxServerVersion;
	}

	/**
	 * The databases the rule applies to, by {@linkplain Dialect#name() dialect name}.
	 * @return {@code postgresql}, and {@code duckdb} for the rules that apply there
	 */
	public List<String> dialects() {
		return this.dialects.names;
	}

	/**
	 * Whether the rule applies to a database of the given dialect and version.
	 * @param dialect the database
	 * @param serverVersion its major version, or 0 when unknown: a rule for old
	 * versions only is then not applied (supported servers are newer), one for new
	 * versions is
	 * @return whether the rule applies
	 */
	public boolean appliesTo(Dialect dialect, int serverVersion) {
		if (!this.dialects.names.contains(dialect.name())) {
			return false;
		}
		if (!isDuckDb(dialect) && this.maxServerVersion > 0
				&& (serverVersion == 0 || serverVersion > this.maxServerVersion)) {
			return false;
		}
		return isDuckDb(dialect) || serverVersion == 0 || serverVersion >= this.minServerVersion;
	}

	/**
	 * The rule with the given id.
	 * @param id the id, in any case
	 * @return the rule, or empty for an unknown id
	 */
	public static Optional<LintRule> byId(String id) {
		String wanted = id.toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((rule) -> rule.id.equals(wanted)).findFirst();
	}

	/**
	 * Every rule's id, in catalogue order, for messages.
	 * @return the ids
	 */
	public static List<String> ids() {
		return Arrays.stream(values()).map(LintRule::id).toList();
	}

	private static boolean isDuckDb(Dialect dialect) {
		return dialect.name().equals(Dialect.duckdb().name());
	}

	private enum Dialects {

		POSTGRESQL(List.of("postgresql")), BOTH(List.of("postgresql", "duckdb"));

		private final List<String> names;

		Dialects(List<String> names) {
			this.names = names;
		}

	}

}
