package dev.migration.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.migration.MigrationManager;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code migration.current}, the current revision(s), to {@code /actuator/info};
 * with {@code migration.instances}, {@code migration.instances.<name>.current} for each
 * instance instead.
 */
public class MigrationInfoContributor implements InfoContributor {

	private final @Nullable MigrationManager migrationManager;

	private final @Nullable MigrationInstances instances;

	/**
	 * Creates the contributor.
	 * @param migrationManager the manager
	 */
	public MigrationInfoContributor(MigrationManager migrationManager) {
		this.migrationManager = migrationManager;
		this.instances = null;
	}

	/**
	 * Creates the contributor of several databases.
	 * @param instances the instances
	 */
	public MigrationInfoContributor(MigrationInstances instances) {
		this.migrationManager = null;
		this.instances = instances;
	}

	@Override
	public void contribute(Info.Builder builder) {
		if (this.instances == null) {
			builder.withDetail("migration", Map.of("current", this.migrationManager.currentRevisions()));
			return;
		}
		Map<String, Object> instances = new LinkedHashMap<>();
		for (MigrationInstance instance : this.instances.instances()) {
			instances.put(instance.name(), Map.of("current", instance.manager().currentRevisions()));
		}
		builder.withDetail("migration", Map.of("instances", instances));
	}

}
