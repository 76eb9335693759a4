package dev.migration.autoconfigure.command;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import dev.migration.FleetResult;
import dev.migration.FleetStatus;
import dev.migration.MigrationException;
import dev.migration.MigrationResult;
import dev.migration.RollbackOptions;
import dev.migration.TenantFleet;
import org.jspecify.annotations.Nullable;

import static dev.migration.autoconfigure.command.CommandText.count;

/**
 * The commands of tenants ({@code migration.tenants} or a {@code TenantProvider} bean):
 * {@code status --tenants}, {@code tenant add ID}, {@code migrate} over every tenant and
 * {@code rollback --tenant ID} or {@code --all-tenants}.
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

	/**
	 * The option of {@code rollback} naming the one tenant to roll back.
	 */
	static final String TENANT_OPTION = "tenant";

	/**
	 * The option of {@code rollback} rolling back every tenant.
	 */
	static final String ALL_TENANTS_OPTION = "all-tenants";

	/**
	 * What to configure for tenants, for the messages of an application without.
	 */
	static final String HOW_TO_CONFIGURE = "set migration.tenants.schemas or migration.tenants.query, or define a "
			+ "TenantProvider bean";

	private final Supplier<TenantFleet> fleet;

	private final BooleanSupplier configured;

	private final JsonWriter json;

	private final PrintStream out;

	TenantCommands(Supplier<TenantFleet> fleet, BooleanSupplier configured, JsonWriter json, PrintStream out) {
		this.fleet = fleet;
		this.configured = configured;
		this.json = json;
		this.out = out;
	}

	/**
	 * {@code status --tenants}: the counts, then the tenants behind.
	 */
	int status(ParsedCommand command) {
		TenantFleet fleet = this.fleet.get();
		if (fleet.tenants().isEmpty()) {
			throw new MigrationException("No tenants in this application: " + HOW_TO_CONFIGURE);
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
			.row("Migrating:", status.migrating())
			.render());
		if (!status.behind().isEmpty()) {
			this.out.println();
			this.out.println("Behind (" + status.behind().size() + "):");
			TextTable behind = new TextTable().row("  TENANT", "PENDING", "ERROR");
			status.behind()
				.stream()
				.limit(MAX_LISTED)
				.forEach((tenant) -> behind.row("  " + tenant.id(),
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
	 * {@code tenant add ID}: resolves the tenant (a schema of that name, or as the
	 * provider says), creates its schema unless it exists and migrates it.
	 */
	int tenant(ParsedCommand command) {
		String action = command.arguments().get(0);
		if (!action.equals("add")) {
			throw new UsageException("Unknown tenant action '" + action + "': use 'tenant add ID'", command.command());
		}
		String id = command.arguments().get(1);
		MigrationResult result;
		try {
			result = this.fleet.get().addTenant(id);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage(), command.command());
		}
		this.out.println(result.migrations().isEmpty() ? "Tenant '" + id + "' is up to date"
				: "Tenant '" + id + "' migrated: " + result.migrations().size() + " migration(s) applied");
		return MigrationCommands.SUCCESS;
	}

	/**
	 * Whether the application has tenants: {@code migrate} and {@code rollback} then work
	 * on them instead of {@code migration.schema}.
	 */
	boolean configured() {
		return this.configured.getAsBoolean();
	}

	/**
	 * {@code migrate [TARGET]} with tenants: the own schema first when it is migrated
	 * too, then every tenant, a line as each finishes, then the summary.
	 * @param command the command
	 * @param base migrates the own schema, or {@code null} when only the tenants are
	 * migrated (without {@code migration.tenants.migrate-base=true})
	 */
	int migrate(ParsedCommand command, @Nullable ToIntFunction<ParsedCommand> base) {
		if (command.has("dry-run")) {
			throw new UsageException("--dry-run is not available for tenants: use 'sql FROM:TO' for the SQL",
					command.command());
		}
		if (base != null) {
			// An invalid tenant list refuses the command before the own schema is migrated.
			this.fleet.get().tenants();
			int code = base.applyAsInt(command);
			if (code != MigrationCommands.SUCCESS) {
				return code;
			}
		}
		String target = command.value(CommandSpec.TARGET_OPTION, "head");
		FleetResult result = this.fleet.get().migrate(target, this::printTenant);
		return finish("migrated to '" + target + "'", result);
	}

	/**
	 * {@code rollback [TARGET] --tenant ID} or {@code --all-tenants}: with tenants one of
	 * them is required.
	 */
	int rollback(ParsedCommand command) {
		boolean one = command.has(TENANT_OPTION);
		boolean all = command.has(ALL_TENANTS_OPTION);
		if (!configured()) {
			throw new MigrationException("No tenants in this application for --" + (one ? TENANT_OPTION
					: ALL_TENANTS_OPTION) + ": " + HOW_TO_CONFIGURE);
		}
		if (one == all) {
			throw new UsageException((one ? "Use either --tenant ID or --all-tenants, not both"
					: "This application has tenants: name one with --tenant ID, or use --all-tenants"),
					command.command());
		}
		String target = command.value(CommandSpec.TARGET_OPTION, "-1");
		RollbackOptions options = WriteCommands.rollbackOptions(command);
		if (command.has("dry-run")) {
			options = options.asDryRun();
		}
		TenantFleet fleet = this.fleet.get();
		FleetResult result;
		if (one) {
			String id = command.value(TENANT_OPTION);
			try {
				result = fleet.rollback(id, target, options);
			}
			catch (IllegalArgumentException ex) {
				throw new UsageException(ex.getMessage(), command.command());
			}
			result.tenants().forEach(this::printTenant);
		}
		else {
			result = fleet.rollbackAll(target, options, this::printTenant);
		}
		return finish((options.dryRun() ? "dry run of rolling back to '" : "rolled back to '") + target + "'",
				result);
	}

	private void printTenant(FleetResult.Tenant tenant) {
		String line = switch (tenant.outcome()) {
			case MIGRATED -> "migrated: " + count(tenant.applied()) + " applied";
			case ROLLED_BACK -> "rolled back: " + count(tenant.applied());
			case UP_TO_DATE -> "nothing to do";
			case FAILED -> "FAILED: " + tenant.error();
			case SKIPPED -> "skipped (an earlier tenant failed)";
		};
		// Tenants finish on the fleet's threads: one println each keeps the lines whole.
		this.out.println("Tenant '" + tenant.id() + "' " + line);
	}

	private int finish(String what, FleetResult result) {
		this.out.println("Tenants " + what + ": " + result.summary());
		return result.hasFailures() ? MigrationCommands.FAILURE : MigrationCommands.SUCCESS;
	}

}
