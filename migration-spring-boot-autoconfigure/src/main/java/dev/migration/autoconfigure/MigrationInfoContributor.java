package dev.migration.autoconfigure;

import java.util.Map;

import dev.migration.MigrationManager;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code migration.current}, the current revision(s), to {@code /actuator/info}.
 */
public class MigrationInfoContributor implements InfoContributor {

	private final MigrationManager migrationManager;

	/**
	 * Creates the contributor.
	 * @param migrationManager the manager
	 */
	public MigrationInfoContributor(MigrationManager migrationManager) {
		this.migrationManager = migrationManager;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("migration", Map.of("current", this.migrationManager.currentRevisions()));
	}

}
