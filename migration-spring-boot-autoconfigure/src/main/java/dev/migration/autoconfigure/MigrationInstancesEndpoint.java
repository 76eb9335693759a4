package dev.migration.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.MigrationStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code migrations} actuator endpoint of an application that migrates several
 * databases ({@code migration.instances}), in place of {@link MigrationsEndpoint}: the
 * instances with a short status each ({@code /actuator/migrations}), then for each what
 * {@link MigrationsEndpoint} answers for a single database:
 * {@code /actuator/migrations/{instance}}, {@code /{instance}/history?page=&size=} and
 * {@code /{instance}/verify}. An unknown instance is a 404 naming the instances.
 */
@Endpoint(id = "migrations")
public class MigrationInstancesEndpoint {

	private final MigrationInstances instances;

	private final Map<String, MigrationsEndpoint> endpoints = new LinkedHashMap<>();

	/**
	 * Creates the endpoint.
	 * @param instances the instances
	 */
	public MigrationInstancesEndpoint(MigrationInstances instances) {
		this.instances = instances;
		for (MigrationInstance instance : instances.instances()) {
			this.endpoints.put(instance.name(),
					new MigrationsEndpoint(instance.manager(), instance.runState(), instance.tenantFleet()));
		}
	}

	/**
	 * The instances, with where each database stands.
	 * @return the descriptor
	 */
	@ReadOperation
	public InstancesDescriptor instances() {
		Map<String, InstanceDescriptor> instances = new LinkedHashMap<>();
		for (MigrationInstance instance : this.instances.instances()) {
			instances.put(instance.name(), InstanceDescriptor.of(instance));
		}
		return new InstancesDescriptor(instances);
	}

	/**
	 * Where one database stands, as {@link MigrationsEndpoint#migrations()} says it.
	 * @param instance the instance name
	 * @return the descriptor, or a 404 naming the instances
	 */
	@ReadOperation
	public WebEndpointResponse<Object> instance(@Selector String instance) {
		MigrationsEndpoint endpoint = this.endpoints.get(instance);
		return (endpoint != null) ? new WebEndpointResponse<>(endpoint.migrations()) : unknown(instance);
	}

	/**
	 * The {@code history} or {@code verify} part of one database.
	 * @param instance the instance name
	 * @param part {@code history} or {@code verify}
	 * @param page the history page, from 0
	 * @param size the history page size, 1 to 1000
	 * @param roundtrip for {@code verify}, whether to also test every downgrade on a
	 * scratch database
	 * @return the part, or a 404 for an unknown instance or part
	 */
	@ReadOperation
	public WebEndpointResponse<Object> part(@Selector String instance, @Selector String part,
			@Nullable Integer page, @Nullable Integer size, @Nullable Boolean roundtrip) {
		MigrationsEndpoint endpoint = this.endpoints.get(instance);
		if (endpoint == null) {
			return unknown(instance);
		}
		OperationResponseBody body = endpoint.part(part, page, size, roundtrip);
		return (body != null) ? new WebEndpointResponse<>(body)
				: new WebEndpointResponse<>(Map.of("error", "No part '" + part + "': history or verify"),
						WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private WebEndpointResponse<Object> unknown(String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", "No migration instance '" + instance + "'");
		body.put("instances", this.instances.names());
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * The instances.
	 *
	 * @param instances each instance's short status, by name, in the order of the
	 * configuration
	 */
	public record InstancesDescriptor(Map<String, InstanceDescriptor> instances) implements OperationResponseBody {

		public InstancesDescriptor {
			instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
		}

	}

	/**
	 * Where one database stands, in short.
	 *
	 * @param state {@code UP_TO_DATE}, {@code PENDING}, {@code AHEAD}, {@code EDITED},
	 * {@code MIGRATING}, {@code FAILED}, or {@code UNAVAILABLE} when its status could not
	 * be read
	 * @param current the current revision(s)
	 * @param heads the head(s) of the scripts
	 * @param pending how many migrations are pending
	 * @param error why the status could not be read, or {@code null}
	 */
	public record InstanceDescriptor(String state, List<String> current, List<String> heads, int pending,
			@Nullable String error) {

		public InstanceDescriptor {
			current = List.copyOf(current);
			heads = List.copyOf(heads);
		}

		static InstanceDescriptor of(MigrationInstance instance) {
			MigrationRunState.State runState = instance.runState().getState();
			try {
				MigrationStatus status = instance.manager().status();
				String state = switch (runState) {
					case MIGRATING, FAILED -> runState.name();
					default -> status.state().name();
				};
				return new InstanceDescriptor(state, status.currentRevisions(), status.headRevisions(),
						status.pending().size(), null);
			}
			catch (RuntimeException ex) {
				// One database down must not hide the others.
				return new InstanceDescriptor("UNAVAILABLE", List.of(), List.of(), 0, MigrationRunState.describe(ex));
			}
		}

	}

}
