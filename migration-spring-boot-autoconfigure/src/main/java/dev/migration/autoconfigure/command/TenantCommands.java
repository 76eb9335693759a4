package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.util.function.Supplier;

import dev.migration.FleetStatus;
import dev.migration.MigrationException;
import dev.migration.MigrationResult;
import dev.migration.TenantFleet;

/**
 * The commands of tenants ({@code migration.tenants}): {@code status --tenants} and
 * {@code tenant add ID}.
 */
final class TenantCommands {

	/**
	 * The option of {@code status} that counts the tenants instead.
	 */
	static final String OPTION = "tenants";

	/**
	 * The most tenants behind that {@code status --tenants} lists.
	 */
	static final int MAX_LISTED = 100;

	private final Supplier<TenantFleet> fleet;

	private final JsonWriter json;

	private final PrintStream out;

	TenantCommands(Supplier<TenantFleet> fleet, JsonWriter json, PrintStream out) {
		this.fleet = fleet;
		this.json = json;
		this.out = out;
	}

	/**
	 * {@code status --tenants}: the counts, then the tenants behind.
	 */
	int status(ParsedCommand command) {
		TenantFleet fleet = this.fleet.get();
		if (fleet.tenants().isEmpty()) {
			throw new MigrationException("No tenants in this application: set migration.tenants.schemas or "
					+ "migration.tenants.query");
		}
		FleetStatus status = fleet.status();
		if (command.json()) {
			this.out.println(this.json.write(status));
			return MigrationCommands.SUCCESS;
		}
		this.out.print(new TextTable().row("Tenants:", status.total())
			.row("Up to date:", status.upToDate())
			.row("Pending:", status.pending())
			.row("Failed:", status.failed())
			.render());
		if (!status.behind().isEmpty()) {
			this.out.println();
			this.out.println("Behind (" + status.behind().size() + "):");
			TextTable behind = new TextTable().row("  SCHEMA", "PENDING", "ERROR");
			status.behind()
				.stream()
				.limit(MAX_LISTED)
				.forEach((tenant) -> behind.row("  " + tenant.schema(),
						(tenant.error() != null) ? "?" : tenant.pending(),
						(tenant.error() != null) ? tenant.error() : ""));
			this.out.print(behind.render());
			if (status.behind().size() > MAX_LISTED) {
				this.out.println("  ... and " + (status.behind().size() - MAX_LISTED) + " more");
			}
		}
		return (status.failed() > 0) ? MigrationCommands.FAILURE : MigrationCommands.SUCCESS;
	}

	/**
	 * {@code tenant add ID}: creates the tenant's schema unless it exists and migrates it.
	 */
	int tenant(ParsedCommand command) {
		String action = command.arguments().get(0);
		if (!action.equals("add")) {
			throw new UsageException("Unknown tenant action '" + action + "': use 'tenant add ID'", command.command());
		}
		String schema = command.arguments().get(1);
		MigrationResult result;
		try {
			result = this.fleet.get().addTenant(schema);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage(), command.command());
		}
		this.out.println(result.migrations().isEmpty() ? "Tenant '" + schema + "' is up to date"
				: "Tenant '" + schema + "' migrated: " + result.migrations().size() + " migration(s) applied");
		return MigrationCommands.SUCCESS;
	}

}
