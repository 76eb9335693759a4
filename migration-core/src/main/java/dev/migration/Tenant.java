package dev.migration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * One tenant of a {@link TenantFleet}: an id, and where its data lives. A tenant of a
 * schema of its own ({@link #ofSchema(String)}) migrates that schema of the fleet's
 * DataSource; a tenant of a database of its own ({@link #ofDataSource(String, DataSource)})
 * migrates its DataSource, in the configured schema unless it names one. Either way it
 * has its own history tables and its own migration lock.
 *
 * @param id the tenant's id: what logs, results, {@code rollback --tenant ID} and
 * {@code tenant add ID} name it by; letters, digits, {@code _}, {@code -} and {@code .},
 * starting with a letter, a digit or {@code _}, at most 63 characters
 * @param schema its schema, or {@code null} for the configured one (then it needs a
 * DataSource of its own)
 * @param dataSource its database, or {@code null} for the fleet's
 */
public record Tenant(String id, @Nullable String schema, @Nullable DataSource dataSource) {

	/**
	 * The longest tenant id.
	 */
	public static final int MAX_ID_LENGTH = 63;

	/**
	 * Checks the tenant.
	 * @throws IllegalArgumentException naming the id when it is not a valid id, or when
	 * the tenant has neither a schema nor a DataSource
	 */
	public Tenant {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("A tenant id is blank");
		}
		if (!isValidId(id)) {
			throw new IllegalArgumentException("Invalid tenant id '" + id + "': use letters, digits, _, - and . "
					+ "(starting with a letter, a digit or _), at most " + MAX_ID_LENGTH + " characters");
		}
		if (schema == null && dataSource == null) {
			throw new IllegalArgumentException("Tenant '" + id + "' has neither a schema nor a DataSource: give it "
					+ "a schema of its own (Tenant.ofSchema) or a database of its own (Tenant.ofDataSource)");
		}
	}

	/**
	 * A tenant in a schema of its own of the fleet's DataSource, named by its schema.
	 * @param schema the schema, also the tenant's id
	 * @return the tenant
	 * @throws IllegalArgumentException if the schema is not a valid id
	 */
	public static Tenant ofSchema(String schema) {
		return new Tenant(schema, schema, null);
	}

	/**
	 * A tenant in a database of its own, migrated in the configured schema.
	 * @param id the tenant's id
	 * @param dataSource its database
	 * @return the tenant
	 * @throws IllegalArgumentException if the id is not valid or the DataSource is
	 * {@code null}
	 */
	public static Tenant ofDataSource(String id, DataSource dataSource) {
		if (dataSource == null) {
			throw new IllegalArgumentException("Tenant '" + id + "' has no DataSource");
		}
		return new Tenant(id, null, dataSource);
	}

	/**
	 * Whether a string is a valid tenant id.
	 * @param id the candidate
	 * @return {@code true} if it is
	 */
	public static boolean isValidId(@Nullable String id) {
		if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
					|| (i > 0 && (c == '-' || c == '.'));
			if (!valid) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "Tenant[id=" + this.id + ", schema=" + this.schema
				+ ((this.dataSource != null) ? ", own DataSource" : "") + "]";
	}

}
