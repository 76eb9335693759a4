package dev.migration.autoconfigure.command;

import dev.migration.MigrationManager;
import dev.migration.VerifyReport;
import dev.migration.autoconfigure.MigrationRunState;
import dev.migration.autoconfigure.MigrationsEndpoint;

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
	 * A verification report, as the endpoint's {@code verify} shows it.
	 * @param report the report
	 * @return the view
	 */
	Object verify(VerifyReport report);

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
		public Object verify(VerifyReport report) {
			return MigrationsEndpoint.VerifyDescriptor.of(report);
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
		public Object verify(VerifyReport report) {
			return report;
		}

	}

}
