package dev.migration.lint;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.migration.lint.LintCatalog.Measured;
import dev.migration.lint.LintCatalog.State;
import dev.migration.lint.SchemaChange.AddCheck;
import dev.migration.lint.SchemaChange.AddColumn;
import dev.migration.lint.SchemaChange.AddForeignKey;
import dev.migration.lint.SchemaChange.AddUnique;
import dev.migration.lint.SchemaChange.AlterType;
import dev.migration.lint.SchemaChange.Cluster;
import dev.migration.lint.SchemaChange.CreateIndex;
import dev.migration.lint.SchemaChange.CreateTable;
import dev.migration.lint.SchemaChange.DefaultValue;
import dev.migration.lint.SchemaChange.DropColumn;
import dev.migration.lint.SchemaChange.DropIndex;
import dev.migration.lint.SchemaChange.DropTable;
import dev.migration.lint.SchemaChange.Reindex;
import dev.migration.lint.SchemaChange.RenameColumn;
import dev.migration.lint.SchemaChange.RenameTable;
import dev.migration.lint.SchemaChange.SetLockTimeout;
import dev.migration.lint.SchemaChange.SetNotNull;
import dev.migration.lint.SchemaChange.VacuumFull;
import dev.migration.lint.SchemaChange.ValidateConstraint;
import dev.migration.revision.Direction;
import dev.migration.script.SqlScript;
import dev.migration.script.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * One lint of a set of scripts, in the order an upgrade runs them. It remembers what
 * the upgrade sections create (tables, indexes, checks), so that a later statement on
 * a table created earlier in the set is weighed as one on a new table.
 */
final class LintRun {

	private final LintOptions options;

	private final boolean engineSetsLockTimeout;

	private final LintCatalog catalog;

	private final List<LintFinding> findings = new ArrayList<>();

	private final List<LintReport.Ignored> ignored = new ArrayList<>();

	// What the upgrade sections linted so far created, and which revision did.
	private final List<Created> createdTables = new ArrayList<>();

	private final List<IndexInfo> indexes = new ArrayList<>();

	private final List<CheckInfo> checks = new ArrayList<>();

	// Each renamed table by its new name, with the name the database knows it by.
	private final List<Renamed> renames = new ArrayList<>();

	LintRun(LintOptions options, boolean engineSetsLockTimeout, LintCatalog catalog) {
		this.options = options;
		this.engineSetsLockTimeout = engineSetsLockTimeout;
		this.catalog = catalog;
	}

	/**
	 * Lints one script, its upgrade section then its downgrade section.
	 */
	void lint(SqlScript script) {
		List<LintFinding> found = new ArrayList<>();
		Section upgrade = new Section(script, Direction.UPGRADE, null, found);
		upgrade.lint(script.upgrade());
		if (script.downgrade() != null) {
			new Section(script, Direction.DOWNGRADE, upgrade, found).lint(script.downgrade());
		}
		for (LintFinding finding : found) {
			LintIgnore ignore = script.lintIgnores()
				.stream()
				.filter((candidate) -> candidate.rule().id().equals(finding.rule()))
				.findFirst()
				.orElse(null);
			if (ignore != null) {
				this.ignored.add(new LintReport.Ignored(finding, ignore.reason(), ignore.line()));
			}
			else {
				this.findings.add(finding);
			}
		}
	}

	LintReport report() {
		return new LintReport(this.findings, this.ignored, this.catalog.database());
	}

	private boolean applies(LintRule rule) {
		return rule.appliesTo(this.catalog.dialect(), this.catalog.serverVersion());
	}

	/**
	 * The name the database knows a table by, undoing the renames made earlier in the
	 * set.
	 */
	private TableName original(TableName table) {
		for (int i = this.renames.size() - 1; i >= 0; i--) {
			Renamed renamed = this.renames.get(i);
			if (renamed.current().sameAs(table)) {
				return renamed.original();
			}
		}
		return table;
	}

	private @Nullable Created createdInSet(TableName table) {
		for (Created created : this.createdTables) {
			if (created.table().sameAs(table)) {
				return created;
			}
		}
		return null;
	}

	/**
	 * One section of one script: what it created so far, and whether it set
	 * {@code lock_timeout}.
	 */
	private final class Section {

		private final SqlScript script;

		private final Direction direction;

		private final @Nullable Section upgrade;

		private final List<LintFinding> found;

		private final List<TableName> createdHere = new ArrayList<>();

		private final Set<String> addedColumns = new HashSet<>();

		private final List<TableName> indexesHere = new ArrayList<>();

		private boolean lockTimeout;

		private @Nullable SqlStatement statement;

		Section(SqlScript script, Direction direction, @Nullable Section upgrade, List<LintFinding> found) {
			this.script = script;
			this.direction = direction;
			this.upgrade = upgrade;
			this.found = found;
		}

		void lint(List<SqlStatement> statements) {
			for (SqlStatement each : statements) {
				this.statement = each;
				for (SchemaChange change : StatementAnalysis.analyze(each.sql())) {
					check(change);
				}
			}
			if (!statements.isEmpty() && !this.script.transactional() && !this.lockTimeout
					&& !LintRun.this.engineSetsLockTimeout && applies(LintRule.NON_TRANSACTIONAL_WITHOUT_LOCK_TIMEOUT)) {
				this.statement = statements.get(0);
				report(LintRule.NON_TRANSACTIONAL_WITHOUT_LOCK_TIMEOUT, LintSeverity.WARNING, 0, null,
						"'-- transactional: false' and no SET lock_timeout in this section, and the engine's "
								+ "statementLockTimeout is off");
			}
		}

		private void check(SchemaChange change) {
			if (change instanceof CreateTable create) {
				this.createdHere.add(create.table());
				if (this.direction == Direction.UPGRADE) {
					LintRun.this.createdTables.add(new Created(create.table(), this.script.revision().id()));
				}
			}
			else if (change instanceof CreateIndex create) {
				createIndex(create);
			}
			else if (change instanceof DropIndex drop) {
				dropIndex(drop);
			}
			else if (change instanceof AddColumn add) {
				addColumn(add);
			}
			else if (change instanceof AddUnique add) {
				addUnique(add);
			}
			else if (change instanceof AddForeignKey add) {
				if (!add.notValid()) {
					weighAndReport(LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID, add.table(), add.line(),
							"references " + add.referenced());
				}
			}
			else if (change instanceof AddCheck add) {
				if (add.constraint() != null && add.notNullColumn() != null) {
					LintRun.this.checks
						.add(new CheckInfo(add.table(), add.constraint(), add.notNullColumn(), !add.notValid()));
				}
				if (!add.notValid()) {
					weighAndReport(LintRule.CHECK_CONSTRAINT_WITHOUT_NOT_VALID, add.table(), add.line(), "");
				}
			}
			else if (change instanceof ValidateConstraint validate) {
				validate(validate);
			}
			else if (change instanceof SetNotNull set) {
				setNotNull(set);
			}
			else if (change instanceof AlterType alter) {
				alterType(alter);
			}
			else if (change instanceof RenameTable rename) {
				renameTable(rename);
			}
			else if (change instanceof RenameColumn rename) {
				if (!ownColumnOrTable(rename.table(), rename.column())) {
					weighAndReport(LintRule.RENAME_COLUMN, rename.table(), rename.line(),
							"column " + rename.column() + " renamed to " + rename.newName());
				}
			}
			else if (change instanceof DropColumn drop) {
				if (!ownColumnOrTable(drop.table(), drop.column())) {
					weighAndReport(LintRule.DROP_COLUMN, drop.table(), drop.line(), "column " + drop.column());
				}
			}
			else if (change instanceof DropTable drop) {
				if (!ownColumnOrTable(drop.table(), null)) {
					weighAndReport(LintRule.DROP_TABLE, drop.table(), drop.line(), "");
				}
			}
			else if (change instanceof VacuumFull vacuum) {
				wholeOrTable(LintRule.VACUUM_FULL, vacuum.table(), vacuum.line());
			}
			else if (change instanceof Cluster cluster) {
				wholeOrTable(LintRule.CLUSTER, cluster.table(), cluster.line());
			}
			else if (change instanceof Reindex reindex) {
				reindex(reindex);
			}
			else if (change instanceof SetLockTimeout) {
				this.lockTimeout = true;
			}
		}

		private void renameTable(RenameTable rename) {
			if (!ownColumnOrTable(rename.table(), null)) {
				weighAndReport(LintRule.RENAME_TABLE, rename.table(), rename.line(),
						"renamed to " + rename.newWritten());
			}
			TableName renamed = rename.table().renamed(rename.newName(), rename.newWritten());
			LintRun.this.renames.add(new Renamed(renamed, original(rename.table())));
			this.createdHere.replaceAll((table) -> table.sameAs(rename.table()) ? renamed : table);
		}

		private void reindex(Reindex reindex) {
			TableName table = reindex.index() ? tableOfIndex(reindex.name()) : reindex.name();
			if (table != null) {
				weighAndReport(LintRule.REINDEX_WITHOUT_CONCURRENTLY, table, reindex.line(),
						reindex.index() ? "index " + reindex.name() : "");
			}
			else {
				weighUnknownTable(LintRule.REINDEX_WITHOUT_CONCURRENTLY, reindex.line(),
						"index " + reindex.name() + ", whose table is unknown");
			}
		}

		private void createIndex(CreateIndex create) {
			if (create.index() != null) {
				TableName index = new TableName(create.table().schema(), create.index(), create.index());
				this.indexesHere.add(index);
				if (this.direction == Direction.UPGRADE) {
					LintRun.this.indexes.add(new IndexInfo(index, create.table(), create.unique(), create.columns()));
				}
			}
			if (!create.concurrently()) {
				weighAndReport(LintRule.INDEX_WITHOUT_CONCURRENTLY, create.table(), create.line(),
						(create.index() != null) ? "index " + create.index() : "");
			}
		}

		private void dropIndex(DropIndex drop) {
			if (drop.concurrently() || !applies(LintRule.DROP_INDEX_WITHOUT_CONCURRENTLY)) {
				return;
			}
			if (this.indexesHere.stream().anyMatch((index) -> index.sameAs(drop.index()))) {
				// Created earlier in this section: nobody else has seen it.
				return;
			}
			TableName table = tableOfIndex(drop.index());
			if (table != null) {
				weighAndReport(LintRule.DROP_INDEX_WITHOUT_CONCURRENTLY, table, drop.line(), "index " + drop.index());
			}
			else {
				weighUnknownTable(LintRule.DROP_INDEX_WITHOUT_CONCURRENTLY, drop.line(),
						"index " + drop.index() + ", whose table is unknown");
			}
		}

		private @Nullable TableName tableOfIndex(TableName index) {
			for (IndexInfo known : LintRun.this.indexes) {
				if (known.index().sameAs(index)) {
					return known.table();
				}
			}
			return LintRun.this.catalog.indexTable(index);
		}

		private void addColumn(AddColumn add) {
			this.addedColumns.add(columnKey(add.table(), add.column()));
			if (add.unique()) {
				weighAndReport(LintRule.UNIQUE_CONSTRAINT_WITHOUT_INDEX, add.table(), add.line(),
						"column " + add.column() + " declared UNIQUE or PRIMARY KEY");
			}
			DefaultValue value = add.defaultValue();
			String volatileCall = add.volatileCall();
			if (value == DefaultValue.CONSTANT) {
				for (String function : add.functions()) {
					if (Boolean.TRUE.equals(LintRun.this.catalog.volatileFunction(function))) {
						value = DefaultValue.VOLATILE;
						volatileCall = function + "(), volatile in the database";
						break;
					}
				}
			}
			if (value == DefaultValue.VOLATILE) {
				weighAndReport(LintRule.ADD_COLUMN_VOLATILE_DEFAULT, add.table(), add.line(),
						"column " + add.column() + " defaults to " + volatileCall);
			}
			else if (value == DefaultValue.CONSTANT) {
				weighAndReport(LintRule.ADD_COLUMN_DEFAULT_BEFORE_PG11, add.table(), add.line(),
						"column " + add.column() + " on PostgreSQL " + LintRun.this.catalog.serverVersion());
			}
		}

		private void addUnique(AddUnique add) {
			if (add.usingIndex() != null || !applies(LintRule.UNIQUE_CONSTRAINT_WITHOUT_INDEX)) {
				return;
			}
			String kind = add.primaryKey() ? "PRIMARY KEY" : "UNIQUE";
			String detail = kind + " (" + String.join(", ", add.columns()) + ")";
			String backing = backingIndex(add.table(), add.columns());
			if (backing != null) {
				detail += "; unique index " + backing + " already covers these columns: ADD CONSTRAINT "
						+ ((add.constraint() != null) ? add.constraint() : "name") + " " + kind + " USING INDEX "
						+ backing + " builds nothing";
			}
			weighAndReport(LintRule.UNIQUE_CONSTRAINT_WITHOUT_INDEX, add.table(), add.line(), detail);
		}

		/**
		 * A unique index on exactly these columns, created earlier in the set or in the
		 * database, or {@code null}.
		 */
		private @Nullable String backingIndex(TableName table, List<String> columns) {
			Set<String> wanted = Set.copyOf(columns);
			for (IndexInfo index : LintRun.this.indexes) {
				if (index.unique() && index.table().sameAs(table) && Set.copyOf(index.columns()).equals(wanted)) {
					return index.index().name();
				}
			}
			for (Map.Entry<String, List<String>> index : LintRun.this.catalog.uniqueIndexes(original(table))
				.entrySet()) {
				if (Set.copyOf(index.getValue()).equals(wanted)) {
					return index.getKey();
				}
			}
			return null;
		}

		private void validate(ValidateConstraint validate) {
			List<CheckInfo> checks = LintRun.this.checks;
			for (int i = 0; i < checks.size(); i++) {
				CheckInfo check = checks.get(i);
				if (check.table().sameAs(validate.table()) && check.constraint().equals(validate.constraint())) {
					checks.set(i, new CheckInfo(check.table(), check.constraint(), check.column(), true));
				}
			}
		}

		private void setNotNull(SetNotNull set) {
			if (!applies(LintRule.SET_NOT_NULL)) {
				return;
			}
			int version = LintRun.this.catalog.serverVersion();
			boolean checkUsed = version == 0 || version >= 12;
			if (checkUsed && proven(set.table(), set.column())) {
				return;
			}
			String detail = "column " + set.column()
					+ (checkUsed ? ": no validated CHECK (" + set.column() + " IS NOT NULL) proves it"
							: ": PostgreSQL " + version + " scans even with a validated check");
			weighAndReport(LintRule.SET_NOT_NULL, set.table(), set.line(), detail);
		}

		private boolean proven(TableName table, String column) {
			for (CheckInfo check : LintRun.this.checks) {
				if (check.validated() && check.table().sameAs(table) && check.column().equals(column)) {
					return true;
				}
			}
			return LintRun.this.catalog.provenNotNull(original(table)).contains(column);
		}

		private void alterType(AlterType alter) {
			if (!applies(LintRule.COLUMN_TYPE_REWRITE)) {
				return;
			}
			String current = LintRun.this.catalog.columnType(original(alter.table()), alter.column());
			if (!alter.using() && current != null && TypeChanges.binaryCompatible(current, alter.type())) {
				return;
			}
			String detail = "column " + alter.column() + ((current != null) ? " from " + current : "") + " to "
					+ alter.type() + (alter.using() ? " with USING, which converts every row" : "");
			weighAndReport(LintRule.COLUMN_TYPE_REWRITE, alter.table(), alter.line(), detail);
		}

		/**
		 * Whether the table (or the column of it) was created by this script: earlier in
		 * this section, or in the upgrade whose downgrade this is. Dropping or renaming
		 * it breaks no code that ran before the script.
		 */
		private boolean ownColumnOrTable(TableName table, @Nullable String column) {
			if (createdIn(this, table) || (this.upgrade != null && createdIn(this.upgrade, table))) {
				return true;
			}
			if (column == null) {
				return false;
			}
			String key = columnKey(table, column);
			return this.addedColumns.contains(key) || (this.upgrade != null && this.upgrade.addedColumns.contains(key));
		}

		private static boolean createdIn(Section section, TableName table) {
			return section.createdHere.stream().anyMatch((created) -> created.sameAs(table));
		}

		private void wholeOrTable(LintRule rule, @Nullable TableName table, int line) {
			if (table != null) {
				weighAndReport(rule, table, line, "");
			}
			else if (applies(rule)) {
				report(rule, LintSeverity.WARNING, line, null, "every table of the database");
			}
		}

		/**
		 * Reports a hazard on a table with the severity its size gives, or nothing when
		 * this section created the table (no one else has seen it yet).
		 */
		private void weighAndReport(LintRule rule, TableName table, int line, String what) {
			if (!applies(rule) || createdIn(this, table)) {
				return;
			}
			String prefix = what.isEmpty() ? "" : what + "; ";
			Measured measured = LintRun.this.catalog.size(original(table));
			if (measured.state() == State.MEASURED) {
				boolean small = measured.rows() <= LintRun.this.options.smallTableRows()
						&& (measured.bytes() == null || measured.bytes() <= LintRun.this.options.smallTableBytes());
				String size = describe(measured);
				if (!rule.sizeDependent()) {
					report(rule, LintSeverity.WARNING, line, table, prefix + "table " + table + " exists (" + size + ")");
				}
				else {
					report(rule, small ? LintSeverity.NOTE : LintSeverity.WARNING, line, table,
							prefix + "table " + table + ": " + size + (small ? ", under" : ", over")
									+ " the small-table threshold of " + threshold());
				}
				return;
			}
			Created created = createdInSet(table);
			if (created != null) {
				report(rule, LintSeverity.NOTE, line, table, prefix + "table " + table + " is created by revision "
						+ created.revision() + " earlier in the scripts linted: new and empty when they run together");
				return;
			}
			String unknown = switch (measured.state()) {
				case MISSING -> "table " + table + " is not in the database: size unknown";
				case FAILED -> "size of table " + table + " unknown: " + measured.failure();
				default -> "size of table " + table + " unknown: linted without a database";
			};
			LintSeverity severity = rule.sizeDependent() ? LintRun.this.options.unknownSize() : LintSeverity.WARNING;
			report(rule, severity, line, table, prefix + unknown);
		}

		private void weighUnknownTable(LintRule rule, int line, String what) {
			if (!applies(rule)) {
				return;
			}
			report(rule, LintRun.this.options.unknownSize(), line, null, what + ": size unknown");
		}

		private void report(LintRule rule, LintSeverity severity, int line, @Nullable TableName table,
				String detail) {
			SqlStatement at = this.statement;
			this.found.add(new LintFinding(rule.id(), severity, this.script.revision().id(), this.script.path(),
					at.line() + line, at.sql(), this.direction, rule.reason(LintRun.this.catalog.dialect()),
					rule.rewrite(LintRun.this.catalog.dialect()), (table != null) ? table.written() : null, detail));
		}

	}

	private static String columnKey(TableName table, String column) {
		return table.name() + "." + column;
	}

	private String threshold() {
		return number(this.options.smallTableRows()) + " rows / " + bytes(this.options.smallTableBytes());
	}

	private String describe(Measured measured) {
		String rows = measured.counted()
				? ((measured.rows() > this.options.smallTableRows()) ? "more than " + number(this.options.smallTableRows())
						+ " rows (counted)" : number(measured.rows()) + " rows (counted)")
				: "about " + number(measured.rows()) + " rows";
		return (measured.bytes() != null) ? rows + ", " + bytes(measured.bytes()) : rows;
	}

	private static String number(long value) {
		return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
	}

	private static String bytes(long bytes) {
		if (bytes >= 1024L * 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
		}
		if (bytes >= 1024L * 1024) {
			return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
		}
		return String.format(Locale.ROOT, "%d kB", (bytes + 1023) / 1024);
	}

	private record Created(TableName table, String revision) {
	}

	private record Renamed(TableName current, TableName original) {
	}

	private record IndexInfo(TableName index, TableName table, boolean unique, List<String> columns) {
	}

	private record CheckInfo(TableName table, String constraint, String column, boolean validated) {
	}

}
