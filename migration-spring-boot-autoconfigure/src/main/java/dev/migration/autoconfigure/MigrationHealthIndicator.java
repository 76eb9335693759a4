package dev.migration.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.migration.FleetResult;
import dev.migration.FleetStatus;
import dev.migration.MigrationManager;
import dev.migration.MigrationStatus;
import dev.migration.TenantFleet;
import dev.migration.VerifyReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the migrations: {@code UP} at head, {@code OUT_OF_SERVICE} while migrating or
 * with migrations pending, {@code DOWN} when the last run failed or when applied scripts
 * were edited or removed. Details: {@code current}, {@code heads}, {@code pending}
 * (count).
 * <p>
 * With tenants ({@code migration.tenants}): {@code DOWN} when a tenant failed in the
 * last run, with {@code failedTenants} (count) and the failed tenant ids (the first
 * 100); otherwise from the tenants' state: {@code OUT_OF_SERVICE} while one has
 * migrations pending, with {@code tenants}, {@code upToDate}, {@code pending} and
 * {@code migrating} (counts; {@code migrating}: tenants in a fleet run right now). When
 * the own schema is migrated too ({@code migration.tenants.migrate-base}), its
 * {@code base} detail ({@code state}, {@code pending}) counts as well: pending makes it
 * {@code OUT_OF_SERVICE}.
 */
public class MigrationHealthIndicator extends AbstractHealthIndicator {

	private final MigrationManager migrationManager;

	private final MigrationRunState runState;

	private final @Nullable TenantFleet tenantFleet;

	private final boolean migrateBase;

	/**
	 * Creates the indicator.
	 * @param migrationManager the manager
	 * @param runState the state of the migrations run by this application
	 */
	public MigrationHealthIndicator(MigrationManager migrationManager, MigrationRunState runState) {
		this(migrationManager, runState, null);
	}

	/**
	 * Creates the indicator of an application with tenants.
	 * @param migrationManager the manager
	 * @param runState the state of the migrations run by this application
	 * @param tenantFleet the tenants, or {@code null} for none
	 */
	public MigrationHealthIndicator(MigrationManager migrationManager, MigrationRunState runState,
			@Nullable TenantFleet tenantFleet) {
		this(migrationManager, runState, tenantFleet, false);
	}

	/**
	 * Creates the indicator of an application with tenants that migrates its own schema
	 * too.
	 * @param migrationManager the manager
	 * @param runState the state of the migrations run by this application
	 * @param tenantFleet the tenants, or {@code null} for none
	 * @param migrateBase whether the manager's own schema is migrated besides the tenants
	 */
	public MigrationHealthIndicator(MigrationManager migrationManager, MigrationRunState runState,
			@Nullable TenantFleet tenantFleet, boolean migrateBase) {
		super("Migration health check failed");
		this.migrationManager = migrationManager;
		this.runState = runState;
		this.tenantFleet = tenantFleet;
		this.migrateBase = migrateBase;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationRunState.State state = this.runState.getState();
		if (state == MigrationRunState.State.MIGRATING) {
			builder.outOfService().withDetail("state", state.name());
			if (this.tenantFleet != null) {
				// A counter in memory: no tenant's state is read during the run.
				builder.withDetail("migrating", this.tenantFleet.migrating());
			}
			return;
		}
		if (this.tenantFleet != null) {
			tenantHealth(builder, state, this.tenantFleet);
			return;
		}
		if (state == MigrationRunState.State.FAILED) {
			builder.down().withDetail("state", state.name()).withDetail("error", this.runState.getLastRun().error());
			return;
		}
		MigrationStatus status = this.migrationManager.status();
		builder.withDetail("state", status.state().name())
			.withDetail("current", status.currentRevisions())
			.withDetail("heads", status.headRevisions())
			.withDetail("pending", status.pending().size());
		VerifyReport report = this.migrationManager.verify();
		List<String> problems = report.problems()
			.stream()
			.filter((problem) -> problem.kind() == VerifyReport.Kind.CHECKSUM_MISMATCH
					|| problem.kind() == VerifyReport.Kind.MISSING_SCRIPT
					|| problem.kind() == VerifyReport.Kind.INTERRUPTED)
			.map((problem) -> problem.kind() + ": " + problem.detail())
			.toList();
		if (!problems.isEmpty()) {
			builder.down().withDetail("problems", problems);
		}
		else if (status.state() == MigrationStatus.State.PENDING) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
	}

	private void tenantHealth(Health.Builder builder, MigrationRunState.State state, TenantFleet fleet) {
		FleetResult lastRun = this.runState.getFleetResult();
		if (lastRun != null && lastRun.hasFailures()) {
			List<String> failed = lastRun.failed().stream().limit(100).map(FleetResult.Tenant::id).toList();
			builder.down()
				.withDetail("state", state.name())
				.withDetail("tenants", lastRun.tenants().size())
				.withDetail("failedTenants", lastRun.count(FleetResult.Outcome.FAILED))
				.withDetail("failed", failed);
			return;
		}
		if (state == MigrationRunState.State.FAILED) {
			builder.down().withDetail("state", state.name()).withDetail("error", this.runState.getLastRun().error());
			return;
		}
		// One state query per tenant, as the endpoint's aggregate.
		FleetStatus status = fleet.status();
		builder.withDetail("tenants", status.total())
			.withDetail("upToDate", status.upToDate())
			.withDetail("pending", status.pending())
			.withDetail("migrating", status.migrating());
		boolean basePending = false;
		if (this.migrateBase) {
			MigrationStatus base = this.migrationManager.status();
			basePending = base.state() == MigrationStatus.State.PENDING;
			builder.withDetail("base",
					Map.of("state", base.state().name(), "pending", base.pending().size()));
		}
		if (status.failed() > 0) {
			builder.down().withDetail("failedTenants", status.failed());
		}
		else if (status.pending() > 0 || basePending) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
	}

}
