package dev.migration.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.migration.AppliedMigration;
import dev.migration.DurationFormat;
import dev.migration.MigrationLockException;
import dev.migration.MigrationManager;
import dev.migration.MigrationResult;
import dev.migration.RollbackOptions;
import dev.migration.RollbackRefusedException;
import dev.migration.TargetException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The write operation of the {@link MigrationsEndpoint}: {@code POST /actuator/migrations}
 * with {@code action} ({@code migrate} or {@code rollback}), {@code target} and, for a
 * rollback in production, {@code confirm} equal to the target. A bean only when
 * {@code migration.endpoint.write-enabled=true}, so that otherwise the operation does
 * not exist.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

	private static final int STATUS_CONFLICT = 409;

	private final MigrationManager migrationManager;

	private final MigrationRunState runState;

	/**
	 * Creates the extension.
	 * @param migrationManager the manager
	 * @param runState where runs are recorded
	 */
	public MigrationsEndpointWebExtension(MigrationManager migrationManager, MigrationRunState runState) {
		this.migrationManager = migrationManager;
		this.runState = runState;
	}

	/**
	 * Migrates or rolls back.
	 * @param action {@code migrate} or {@code rollback}
	 * @param target the target; {@code head} to migrate and {@code -1} to roll back
	 * when not given
	 * @param confirm for a rollback in production, the revision it ends at, repeated
	 * @param dryRun whether to return the SQL that would run instead of running it
	 * @param allowDataLoss whether a rollback may drop tables or columns holding rows
	 * @return what ran (200), or why nothing ran: 400 for an invalid request or an
	 * unconfirmed rollback in production, 409 while another run holds the lock, 500 when
	 * a migration failed
	 */
	@WriteOperation
	public WebEndpointResponse<Object> run(String action, @Nullable String target, @Nullable String confirm,
			@Nullable Boolean dryRun, @Nullable Boolean allowDataLoss) {
		boolean rollback;
		switch (action) {
			case "migrate" -> rollback = false;
			case "rollback" -> rollback = true;
			default -> {
				return error(WebEndpointResponse.STATUS_BAD_REQUEST,
						"action must be 'migrate' or 'rollback', was '" + action + "'");
			}
		}
		// Absent means the default; blank is passed on, and refused as an empty target.
		String resolvedTarget = (target != null) ? target : (rollback ? "-1" : "head");
		if (this.runState.getState() == MigrationRunState.State.MIGRATING) {
			return error(STATUS_CONFLICT, "Migrations are already running");
		}
		this.runState.started(action + " to " + resolvedTarget);
		try {
			// The core runs every rollback safety check, production confirmation included.
			RollbackOptions options = RollbackOptions.defaults().withConfirm(confirm);
			if (Boolean.TRUE.equals(allowDataLoss)) {
				options = options.withAllowDataLoss();
			}
			if (Boolean.TRUE.equals(dryRun)) {
				options = options.asDryRun();
			}
			MigrationResult result = rollback ? this.migrationManager.rollback(resolvedTarget, options)
					: this.migrationManager.migrate(resolvedTarget, Boolean.TRUE.equals(dryRun));
			this.runState.succeeded(result);
			return new WebEndpointResponse<>(new RunDescriptor(result));
		}
		catch (TargetException | RollbackRefusedException | MigrationLockException ex) {
			// Nothing ran: a bad request or a refusal is no failed migration.
			this.runState.refused();
			return error(status(ex), MigrationRunState.describe(ex));
		}
		catch (RuntimeException ex) {
			this.runState.failed(ex);
			return error(status(ex), MigrationRunState.describe(ex));
		}
	}

	private static int status(RuntimeException ex) {
		if (ex instanceof TargetException || ex instanceof RollbackRefusedException) {
			return WebEndpointResponse.STATUS_BAD_REQUEST;
		}
		if (ex instanceof MigrationLockException) {
			return STATUS_CONFLICT;
		}
		return WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR;
	}

	private static WebEndpointResponse<Object> error(int status, String message) {
		return new WebEndpointResponse<>(Map.of("error", message), status);
	}

	/**
	 * What a write operation ran.
	 *
	 * @param operation {@code MIGRATE} or {@code ROLLBACK}
	 * @param target the target
	 * @param applied the migrations that ran, in order
	 * @param current the current revision(s) afterwards
	 * @param duration how long it took, ISO-8601
	 * @param dryRun whether nothing ran
	 * @param planned for a dry run, the SQL each migration would send
	 * @param durationMillis how long it took, in milliseconds to the microsecond
	 */
	public record RunDescriptor(String operation, String target, List<AppliedDescriptor> applied,
			List<String> current, String duration, boolean dryRun, List<PlannedDescriptor> planned,
			double durationMillis) {

		RunDescriptor(MigrationResult result) {
			this(result.operation().name(), result.target(),
					result.migrations().stream().map(AppliedDescriptor::new).toList(), result.currentRevisions(),
					result.duration().toString(), result.dryRun(),
					result.planned().stream().map(PlannedDescriptor::new).toList(),
					DurationFormat.millis(result.duration()));
		}

	}

	/**
	 * What a dry run would send for one migration.
	 *
	 * @param id the revision id
	 * @param message its message
	 * @param direction {@code UPGRADE} or {@code DOWNGRADE}
	 * @param statements the SQL, in order, state and log rows included
	 */
	public record PlannedDescriptor(String id, String message, String direction, List<String> statements) {

		PlannedDescriptor(dev.migration.PlannedMigration planned) {
			this(planned.revision(), planned.message(), planned.direction().name(), planned.statements());
		}

	}

	/**
	 * A migration that ran.
	 *
	 * @param id the revision id
	 * @param message its message
	 * @param direction {@code UPGRADE} or {@code DOWNGRADE}
	 * @param duration how long it took, ISO-8601
	 * @param durationMillis how long it took, in milliseconds to the microsecond: the value
	 * of its log line, history row and metrics
	 */
	public record AppliedDescriptor(String id, String message, String direction, String duration,
			double durationMillis) {

		AppliedDescriptor(AppliedMigration migration) {
			this(migration.revision(), migration.message(), migration.direction().name(),
					migration.duration().toString(), DurationFormat.millis(migration.duration()));
		}

	}

}
