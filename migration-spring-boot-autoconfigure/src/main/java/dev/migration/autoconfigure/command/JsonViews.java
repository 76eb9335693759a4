package dev.migration.autoconfigure.command;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.HistoryRecord;
import dev.migration.MigrationManager;
import dev.migration.VerifyReport;
import dev.migration.autoconfigure.MigrationRunState;
import dev.migration.autoconfigure.MigrationsEndpoint;
import dev.migration.lint.LintReport;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * What {@code --json} prints for {@code status}, {@code history} and {@code verify}:
 * the descriptors of the {@code migrations} actuator endpoint when Actuator is on the
 * class path, so that both have the same fields, and the engine's own records
 * otherwise.
 */
interface JsonViews {

	Object status();

	Object history(int size);

	/**
	 * Entries of a range, with the fields of {@link #history(int)}'s and, when asked, a
	 * {@code sql} field each.
	 * @param records the entries
	 * @param withSql whether to add the {@code sql} field
	 * @return the view
	 */
	Object history(List<HistoryRecord> records, boolean withSql);

	/**
	 * The fields of a record with the SQL of an entry.
	 * @param fields a record of the entry's fields
	 * @param record the entry
	 * @param withSql whether to add the {@code sql} field
	 * @return the fields, in the record's order, then {@code sql}
	 */
	static Map<String, Object> withSql(Record fields, HistoryRecord record, boolean withSql) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (RecordComponent component : fields.getClass().getRecordComponents()) {
			try {
				map.put(component.getName(), component.getAccessor().invoke(fields));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read " + component, ex);
			}
		}
		if (withSql) {
			map.put("sql", record.sql());
		}
		return map;
	}

	/**
	 * A verification report, as the endpoint's {@code verify} shows it.
	 * @param report the report
	 * @return the view
	 */
	Object verify(VerifyReport report);

	/**
	 * A verification report with the lint of the pending scripts ({@code verify --lint}).
	 * @param report the report
	 * @param lint the lint, or {@code null} when not asked for
	 * @return the view
	 */
	Object verify(VerifyReport report, @Nullable LintReport lint);

	/**
	 * A lint report, as the endpoint's {@code verify} shows it in its {@code lint} field.
	 * @param report the report
	 * @return the view
	 */
	Object lint(LintReport report);

	/**
	 * The views for an application.
	 * @param manager the manager
	 * @param runState the run state the endpoint reports
	 * @param classLoader the application's class loader
	 * @return the views
	 */
	static JsonViews of(MigrationManager manager, MigrationRunState runState, ClassLoader classLoader) {
		if (ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.OperationResponseBody", classLoader)) {
			return new EndpointViews(manager, runState);
		}
		return new CoreViews(manager);
	}

	/**
	 * The endpoint's descriptors.
	 */
	final class EndpointViews implements JsonViews {

		private final MigrationsEndpoint endpoint;

		EndpointViews(MigrationManager manager, MigrationRunState runState) {
			this.endpoint = new MigrationsEndpoint(manager, runState);
		}

		@Override
		public Object status() {
			return this.endpoint.migrations();
		}

		@Override
		public Object history(int size) {
			return this.endpoint.history(0, size);
		}

		@Override
		public Object history(List<HistoryRecord> records, boolean withSql) {
			Map<String, Object> page = new LinkedHashMap<>();
			page.put("page", 0);
			page.put("size", records.size());
			page.put("total", records.size());
			page.put("entries", records.stream()
				.map((record) -> JsonViews.withSql(new MigrationsEndpoint.HistoryEntryDescriptor(record.entry()),
						record, withSql))
				.toList());
			return page;
		}

		@Override
		public Object verify(VerifyReport report) {
			return MigrationsEndpoint.VerifyDescriptor.of(report);
		}

		@Override
		public Object verify(VerifyReport report, @Nullable LintReport lint) {
			return MigrationsEndpoint.VerifyDescriptor.of(report, lint);
		}

		@Override
		public Object lint(LintReport report) {
			return MigrationsEndpoint.LintDescriptor.of(report);
		}

	}

	/**
	 * The engine's records, without Actuator.
	 */
	final class CoreViews implements JsonViews {

		private final MigrationManager manager;

		CoreViews(MigrationManager manager) {
			this.manager = manager;
		}

		@Override
		public Object status() {
			return this.manager.status();
		}

		@Override
		public Object history(int size) {
			return this.manager.history().stream().limit(size).toList();
		}

		@Override
		public Object history(List<HistoryRecord> records, boolean withSql) {
			return records.stream().map((record) -> JsonViews.withSql(record.entry(), record, withSql)).toList();
		}

		@Override
		public Object verify(VerifyReport report) {
			return report;
		}

		@Override
		public Object verify(VerifyReport report, @Nullable LintReport lint) {
			if (lint == null) {
				return report;
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("verify", report);
			json.put("lint", lint);
			return json;
		}

		@Override
		public Object lint(LintReport report) {
			return report;
		}

	}

}
