package dev.migration.autoconfigure;

import java.util.List;

import dev.migration.MigrationManager;
import dev.migration.MigrationStatus;
import dev.migration.VerifyReport;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the migrations: {@code UP} at head, {@code OUT_OF_SERVICE} while migrating or
 * with migrations pending, {@code DOWN} when the last run failed or when applied scripts
 * were edited or removed. Details: {@code current}, {@code heads}, {@code pending}
 * (count).
 */
public class MigrationHealthIndicator extends AbstractHealthIndicator {

	private final MigrationManager migrationManager;

	private final MigrationRunState runState;

	/**
	 * Creates the indicator.
	 * @param migrationManager the manager
	 * @param runState the state of the migrations run by this application
	 */
	public MigrationHealthIndicator(MigrationManager migrationManager, MigrationRunState runState) {
		super("Migration health check failed");
		this.migrationManager = migrationManager;
		this.runState = runState;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationRunState.State state = this.runState.getState();
		if (state == MigrationRunState.State.MIGRATING) {
			builder.outOfService().withDetail("state", state.name());
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

}
