package dev.migration.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The write operation of the {@link MigrationInstancesEndpoint}, one database at a time:
 * {@code POST /actuator/migrations/{instance}} with the body of
 * {@link MigrationsEndpointWebExtension} ({@code action}, {@code target},
 * {@code confirm}, {@code dryRun}, {@code allowDataLoss}), run on that instance's own
 * schema (not its tenants), with its own run state and its own production protection.
 * A {@code POST /actuator/migrations} without an instance is refused with a 400 naming
 * the instances. A bean only when {@code migration.endpoint.write-enabled=true}.
 */
@EndpointWebExtension(endpoint = MigrationInstancesEndpoint.class)
public class MigrationInstancesEndpointWebExtension {

	private final MigrationInstances instances;

	private final Map<String, MigrationsEndpointWebExtension> extensions = new LinkedHashMap<>();

	/**
	 * Creates the extension.
	 * @param instances the instances
	 */
	public MigrationInstancesEndpointWebExtension(MigrationInstances instances) {
		this.instances = instances;
		for (MigrationInstance instance : instances.instances()) {
			this.extensions.put(instance.name(),
					new MigrationsEndpointWebExtension(instance.manager(), instance.runState()));
		}
	}

	/**
	 * Refuses a write without an instance: several databases are never migrated by one
	 * request.
	 * @param action the action asked for
	 * @return a 400 naming the instances
	 */
	@WriteOperation
	public WebEndpointResponse<Object> withoutInstance(@Nullable String action) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "This application migrates several databases: POST to /actuator/migrations/{instance}, "
				+ "one of " + String.join(", ", this.instances.names()));
		body.put("instances", this.instances.names());
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	/**
	 * Migrates or rolls back one instance, as
	 * {@link MigrationsEndpointWebExtension#run(String, String, String, Boolean, Boolean)}
	 * does for a single database.
	 * @param instance the instance name
	 * @param action {@code migrate} or {@code rollback}
	 * @param target the target; {@code head} to migrate and {@code -1} to roll back
	 * when not given
	 * @param confirm for a rollback in production, the revision it ends at, repeated
	 * @param dryRun whether to return the SQL that would run instead of running it
	 * @param allowDataLoss whether a rollback may drop tables or columns holding rows
	 * @return what ran, or why nothing ran; a 404 naming the instances for an unknown one
	 */
	@WriteOperation
	public WebEndpointResponse<Object> run(@Selector String instance, String action, @Nullable String target,
			@Nullable String confirm, @Nullable Boolean dryRun, @Nullable Boolean allowDataLoss) {
		MigrationsEndpointWebExtension extension = this.extensions.get(instance);
		if (extension == null) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", "No migration instance '" + instance + "'");
			body.put("instances", this.instances.names());
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return extension.run(action, target, confirm, dryRun, allowDataLoss);
	}

}
