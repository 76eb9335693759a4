package dev.migration;

import java.util.List;

/**
 * Where the tenants of a {@link TenantFleet} stand, counted.
 *
 * @param upToDate how many tenants have nothing pending
 * @param pending how many tenants have migrations pending
 * @param failed how many tenants' state could not be read
 * @param behind the tenants with migrations pending or unreadable, in the fleet's order
 * @param migrating how many tenants migrate (or roll back) right now, {@code 0} outside
 * a run; they are also counted as up to date or pending
 */
public record FleetStatus(int upToDate, int pending, int failed, List<Behind> behind, int migrating) {

	public FleetStatus {
		behind = List.copyOf(behind);
	}

	/**
	 * A status with no tenant migrating.
	 * @param upToDate how many tenants have nothing pending
	 * @param pending how many tenants have migrations pending
	 * @param failed how many tenants' state could not be read
	 * @param behind the tenants with migrations pending or unreadable
	 */
	public FleetStatus(int upToDate, int pending, int failed, List<Behind> behind) {
		this(upToDate, pending, failed, behind, 0);
	}

	/**
	 * How many tenants the fleet has.
	 * @return the total
	 */
	public int total() {
		return this.upToDate + this.pending + this.failed;
	}

	/**
	 * A tenant that is not up to date.
	 *
	 * @param id the tenant's id ({@link dev.migration.Tenant#id()})
	 * @param pending how many migrations are pending; 0 when its state could not be read
	 * @param error why its state could not be read, otherwise {@code null}
	 */
	public record Behind(String id, int pending, @org.jspecify.annotations.Nullable String error) {

	}

}
