package dev.migration.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.migration.FleetOptions;
import dev.migration.MigrationConfiguration;
import dev.migration.TenantFleet;
import dev.migration.TenantProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Makes the {@link TenantFleet} of {@code migration.tenants} ({@link TenantSources}: the
 * listed schemas, those the query returns, and the {@link TenantProvider} beans'
 * tenants), with a parallelism that fits the connection pool.
 */
final class TenantFleetFactory {

	private static final Log logger = LogFactory.getLog(TenantFleetFactory.class);

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			TenantFleetFactory.class.getClassLoader());

	private TenantFleetFactory() {
	}

	/**
	 * Makes the fleet.
	 * @param dataSource the migrated DataSource, of the tenants in a schema
	 * @param configuration the configuration of the migrated DataSource
	 * @param tenants the {@code tenants} properties
	 * @param providers the tenant provider beans
	 * @param property where the properties are, {@code migration.tenants} or
	 * {@code migration.instances.<name>.tenants}, for messages
	 * @return the fleet
	 * @throws IllegalArgumentException naming a listed schema that is not a valid name
	 */
	static TenantFleet create(DataSource dataSource, MigrationConfiguration configuration,
			MigrationProperties.Tenants tenants, List<TenantProvider> providers, String property) {
		int parallelism = parallelism(tenants.getParallelism(), poolSize(dataSource), property);
		FleetOptions options = new FleetOptions(parallelism, tenants.getOnFailure());
		// Checks the listed schemas now: an invalid one fails the start, naming it.
		TenantFleet.create(dataSource, configuration, tenants.getSchemas(), options);
		String query = tenants.getQuery();
		TenantSources sources = new TenantSources(tenants.getSchemas(), () -> query(dataSource, query, property),
				query != null && !query.isBlank(), providers);
		return TenantFleet.create(dataSource, configuration, sources, options);
	}

	private static List<String> query(DataSource dataSource, @Nullable String query, String property) {
		if (query == null || query.isBlank()) {
			return List.of();
		}
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			List<String> schemas = new ArrayList<>();
			while (rows.next()) {
				String schema = rows.getString(1);
				if (schema != null) {
					schemas.add(schema.strip());
				}
			}
			return schemas;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(property + ".query '" + query + "' failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The parallelism: as configured, else 1 without a known pool; never above the pool
	 * size minus one. A tenant rolled back or added borrows two connections on
	 * PostgreSQL (its session and its lock's; a migrate keeps one per thread): with as many tenants as connections, each could hold one
	 * and wait for a second forever; one spare connection lets one tenant at a time
	 * finish, and so every tenant.
	 */
	static int parallelism(@Nullable Integer configured, @Nullable Integer poolSize) {
		return parallelism(configured, poolSize, "migration.tenants");
	}

	private static int parallelism(@Nullable Integer configured, @Nullable Integer poolSize, String property) {
		if (configured != null && configured < 1) {
			throw new IllegalArgumentException(property + ".parallelism must be at least 1, was " + configured);
		}
		if (poolSize == null) {
			return (configured != null) ? configured : FleetOptions.DEFAULT_PARALLELISM;
		}
		int limit = Math.max(1, poolSize - 1);
		if (configured != null && configured > limit) {
			logger.warn(property + ".parallelism=" + configured + " leaves no spare connection in the pool of "
					+ poolSize + " (a migrating tenant can hold two); migrating " + limit + " tenant(s) at once");
		}
		return (configured != null) ? Math.min(configured, limit) : limit;
	}

	/**
	 * The maximum pool size of a Hikari pool, possibly wrapped; {@code null} for any
	 * other DataSource.
	 */
	static @Nullable Integer poolSize(DataSource dataSource) {
		if (!HIKARI_PRESENT) {
			return null;
		}
		return HikariPool.size(dataSource);
	}

	/**
	 * Kept apart so that Hikari is only loaded when it is on the class path.
	 */
	private static final class HikariPool {

		static @Nullable Integer size(DataSource dataSource) {
			try {
				if (dataSource instanceof HikariDataSource hikari) {
					return hikari.getMaximumPoolSize();
				}
				if (dataSource.isWrapperFor(HikariDataSource.class)) {
					return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
				}
			}
			catch (SQLException ex) {
				// Not a Hikari pool after all.
			}
			return null;
		}

	}

}
