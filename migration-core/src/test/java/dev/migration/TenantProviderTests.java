package dev.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.migration.testing.Database;
import dev.migration.testing.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for a {@link TenantFleet} of a {@link TenantProvider}: tenants in databases of
 * their own on real PostgreSQL (one database each) and DuckDB (one file each), tenants
 * the provider lists later, and the provider's bad input, refused before anything runs.
 */
class TenantProviderTests {

	/** The engine and the fleet log every tenant at INFO: too much for a test run. */
	private static final Logger ENGINE_LOGGER = quiet(Logger.getLogger("dev.migration"));

	private static Logger quiet(Logger logger) {
		logger.setLevel(Level.WARNING);
		return logger;
	}

	private TestDatabase database;

	private final List<String> createdDatabases = new ArrayList<>();

	@AfterEach
	void dropDatabases() {
		if (this.database == null) {
			return;
		}
		try {
			for (String name : this.createdDatabases) {
				execute(this.database.dataSource(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
		finally {
			this.database.close();
		}
	}

	@Test
	void tenantsInPostgresDatabasesOfTheirOwnAreMigratedRolledBackAndAdded() {
		openPostgres();
		Map<String, DataSource> databases = createDatabases("acme", "globex", "initech");
		Registry registry = new Registry(databases);
		TenantFleet fleet = TenantFleet.create(null, configuration(), registry,
				FleetOptions.defaults().withParallelism(2));
		FleetResult result = fleet.migrate();
		assertThat(result.failed()).isEmpty();
		assertThat(result.tenants()).extracting(FleetResult.Tenant::id).containsExactly("acme", "globex", "initech");
		assertThat(result.count(FleetResult.Outcome.MIGRATED)).isEqualTo(3);
		for (DataSource tenant : databases.values()) {
			assertThat(revisions(tenant)).containsExactly("r1", "r2");
		}
		assertThat(fleet.status().upToDate()).isEqualTo(3);
		FleetResult rolledBack = fleet.rollback("globex", "r1", RollbackOptions.defaults());
		assertThat(rolledBack.tenants()).singleElement()
			.extracting(FleetResult.Tenant::outcome)
			.isEqualTo(FleetResult.Outcome.ROLLED_BACK);
		assertThat(revisions(databases.get("globex"))).containsExactly("r1");
		assertThat(revisions(databases.get("acme"))).containsExactly("r1", "r2");
		assertThat(fleet.status().behind()).extracting(FleetStatus.Behind::id, FleetStatus.Behind::pending)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("globex", 1));

		// The provider resolves a tenant it does not list yet; adding it twice changes nothing.
		registry.resolvable.putAll(createDatabases("hooli"));
		assertThat(fleet.addTenant("hooli").migrations()).hasSize(2);
		assertThat(fleet.addTenant("hooli").migrations()).isEmpty();
		assertThat(fleet.tenantIds()).containsExactly("acme", "globex", "initech", "hooli");
		assertThat(revisions(registry.resolvable.get("hooli"))).containsExactly("r1", "r2");
		assertThatIllegalArgumentException().isThrownBy(() -> fleet.addTenant("umbrella"))
			.withMessage("No tenant 'umbrella': the tenant provider knows none of that id");
	}

	@Test
	void aFailingDatabaseFollowsTheFailurePolicy() {
		openPostgres();
		Map<String, DataSource> databases = createDatabases("acme", "globex", "initech");
		DataSource globex = databases.get("globex");
		MigrationManager.create(globex, configuration()).migrate("r1");
		execute(globex, "INSERT INTO t_r1 VALUES (NULL)");
		FleetResult continued = TenantFleet
			.create(null, configuration(), new Registry(databases), FleetOptions.defaults())
			.migrate();
		assertThat(continued.tenants()).extracting(FleetResult.Tenant::outcome)
			.containsExactly(FleetResult.Outcome.MIGRATED, FleetResult.Outcome.FAILED, FleetResult.Outcome.MIGRATED);
		assertThat(continued.failed()).singleElement().satisfies((tenant) -> {
			assertThat(tenant.id()).isEqualTo("globex");
			assertThat(tenant.error()).contains("Upgrade of revision r2");
		});
		assertThat(revisions(databases.get("initech"))).containsExactly("r1", "r2");

		Map<String, DataSource> more = createDatabases("hooli", "umbrella", "wayne");
		MigrationManager.create(more.get("hooli"), configuration()).migrate("r1");
		execute(more.get("hooli"), "INSERT INTO t_r1 VALUES (NULL)");
		FleetResult stopped = TenantFleet
			.create(null, configuration(), new Registry(more),
					FleetOptions.defaults().withOnFailure(FleetOptions.OnFailure.STOP))
			.migrate();
		assertThat(stopped.tenants()).extracting(FleetResult.Tenant::outcome)
			.containsExactly(FleetResult.Outcome.FAILED, FleetResult.Outcome.SKIPPED, FleetResult.Outcome.SKIPPED);
		assertThat(hasHistory(more.get("umbrella"))).isFalse();
	}

	@Test
	void tenantsInDuckDbFilesOfTheirOwnAreMigrated() {
		this.database = TestDatabase.open(Database.DUCKDB);
		this.database.writeTable("r1", null);
		this.database.writeTable("r2", "r1");
		Map<String, DataSource> files = new LinkedHashMap<>();
		for (String id : List.of("acme", "globex", "initech")) {
			files.put(id, PlainDataSource.of("jdbc:duckdb:" + this.database.newDirectory().resolve(id + ".db")));
		}
		TenantFleet fleet = TenantFleet.create(null, configuration(), new Registry(files),
				FleetOptions.defaults().withParallelism(3));
		FleetResult result = fleet.migrate();
		assertThat(result.failed()).isEmpty();
		assertThat(result.count(FleetResult.Outcome.MIGRATED)).isEqualTo(3);
		for (DataSource file : files.values()) {
			assertThat(revisions(file)).containsExactly("r1", "r2");
		}
		assertThat(fleet.migrate().count(FleetResult.Outcome.UP_TO_DATE)).isEqualTo(3);
		FleetResult rolledBack = fleet.rollbackAll("r1", RollbackOptions.defaults());
		assertThat(rolledBack.count(FleetResult.Outcome.ROLLED_BACK)).isEqualTo(3);
		assertThat(revisions(files.get("initech"))).containsExactly("r1");
		assertThat(fleet.status().pending()).isEqualTo(3);
	}

	@Test
	void theProviderIsAskedAgainAtEachRunSoNewTenantsAreMigrated() {
		openPostgres();
		List<Tenant> listed = new CopyOnWriteArrayList<>(List.of(Tenant.ofSchema(schema("a"))));
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
				() -> List.copyOf(listed), FleetOptions.defaults());
		assertThat(fleet.migrate().count(FleetResult.Outcome.MIGRATED)).isEqualTo(1);
		listed.add(Tenant.ofSchema(schema("b")));
		assertThat(fleet.status().pending()).isEqualTo(1);
		FleetResult second = fleet.migrate();
		assertThat(second.tenants()).extracting(FleetResult.Tenant::id, FleetResult.Tenant::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(schema("a"), FleetResult.Outcome.UP_TO_DATE),
					org.assertj.core.groups.Tuple.tuple(schema("b"), FleetResult.Outcome.MIGRATED));
	}

	@Test
	void aDuplicateIdIsRefusedBeforeAnyTenantMigrates() {
		openPostgres();
		Map<String, DataSource> databases = createDatabases("acme", "globex");
		TenantProvider duplicate = () -> List.of(Tenant.ofDataSource("acme", databases.get("acme")),
				Tenant.ofDataSource("globex", databases.get("globex")),
				Tenant.ofDataSource("acme", databases.get("globex")));
		TenantFleet fleet = TenantFleet.create(null, configuration(), duplicate, FleetOptions.defaults());
		assertThatIllegalArgumentException().isThrownBy(fleet::migrate)
			.withMessage("Tenant 'acme' is listed twice by the tenant provider: tenant ids must be unique");
		assertThatIllegalArgumentException().isThrownBy(fleet::status).withMessageContaining("Tenant 'acme'");
		assertThat(hasHistory(databases.get("acme"))).isFalse();
		assertThat(hasHistory(databases.get("globex"))).isFalse();
	}

	@Test
	void twoTenantsInOneSchemaOfOneDatabaseAreRefused() {
		openPostgres();
		Map<String, DataSource> databases = createDatabases("acme");
		TenantProvider shared = () -> List.of(Tenant.ofDataSource("acme", databases.get("acme")),
				Tenant.ofDataSource("acme-eu", databases.get("acme")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenantFleet.create(null, configuration(), shared, FleetOptions.defaults()).migrate())
			.withMessage("Tenants 'acme' and 'acme-eu' share the configured schema of the same DataSource: each "
					+ "tenant needs a schema or a database of its own");
		assertThat(hasHistory(databases.get("acme"))).isFalse();
	}

	@Test
	void aTenantWithNeitherSchemaNorDataSourceIsRefusedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Tenant("acme", null, null))
			.withMessageStartingWith("Tenant 'acme' has neither a schema nor a DataSource");
	}

	@Test
	void anInvalidTenantIdIsRefusedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Tenant.ofSchema("acme corp"))
			.withMessageStartingWith("Invalid tenant id 'acme corp': use letters, digits, _, - and .");
		assertThatIllegalArgumentException().isThrownBy(() -> new Tenant("-acme", "acme", null))
			.withMessageStartingWith("Invalid tenant id '-acme'");
		assertThatIllegalArgumentException().isThrownBy(() -> new Tenant(" ", "acme", null))
			.withMessage("A tenant id is blank");
		assertThat(Tenant.isValidId("eu.acme-2")).isTrue();
		assertThat(Tenant.isValidId("a".repeat(Tenant.MAX_ID_LENGTH + 1))).isFalse();
	}

	@Test
	void aProviderFailingOnAnInvalidTenantMigratesNothing() {
		openPostgres();
		String good = schema("good");
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
				() -> List.of(Tenant.ofSchema(good), Tenant.ofSchema("bad/one")), FleetOptions.defaults());
		assertThatIllegalArgumentException().isThrownBy(fleet::migrate)
			.withMessageStartingWith("Invalid tenant id 'bad/one'");
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_namespace WHERE nspname = '" + good + "'"))
			.isZero();
	}

	@Test
	void aSchemaTenantNeedsTheFleetsDataSource() {
		openPostgres();
		TenantFleet fleet = TenantFleet.create(null, configuration(), () -> List.of(Tenant.ofSchema("acme")),
				FleetOptions.defaults());
		assertThatIllegalArgumentException().isThrownBy(fleet::migrate)
			.withMessageStartingWith("Tenant 'acme' has no DataSource of its own, and this fleet has none");
	}

	/**
	 * A registry of tenant databases, as an application would keep: lists the listed
	 * ones, resolves those added too.
	 */
	private static final class Registry implements TenantProvider {

		private final Map<String, DataSource> listed;

		final Map<String, DataSource> resolvable = new LinkedHashMap<>();

		Registry(Map<String, DataSource> listed) {
			this.listed = listed;
		}

		@Override
		public List<Tenant> tenants() {
			return this.listed.entrySet()
				.stream()
				.map((entry) -> Tenant.ofDataSource(entry.getKey(), entry.getValue()))
				.toList();
		}

		@Override
		public @Nullable Tenant tenant(String id) {
			DataSource dataSource = this.listed.containsKey(id) ? this.listed.get(id) : this.resolvable.get(id);
			return (dataSource != null) ? Tenant.ofDataSource(id, dataSource) : null;
		}

	}

	private void openPostgres() {
		this.database = TestDatabase.open(Database.POSTGRESQL);
		this.database.writeTable("r1", null);
		this.database.write("r2", "r1", "ALTER TABLE t_r1 ALTER COLUMN id SET NOT NULL;",
				"ALTER TABLE t_r1 ALTER COLUMN id DROP NOT NULL;");
	}

	/** The test's scripts, in each tenant database's default schema. */
	private MigrationConfiguration configuration() {
		return MigrationConfiguration.builder().locations("filesystem:" + this.database.scriptDirectory()).build();
	}

	private String schema(String suffix) {
		return this.database.schema() + "_" + suffix;
	}

	/** Databases of the test PostgreSQL server, dropped afterwards. */
	private Map<String, DataSource> createDatabases(String... ids) {
		Map<String, DataSource> databases = new LinkedHashMap<>();
		for (String id : ids) {
			String name = "tenant_" + id + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
			execute(this.database.dataSource(), "CREATE DATABASE " + name);
			this.createdDatabases.add(name);
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL(databaseUrl(name));
			databases.put(id, dataSource);
		}
		return databases;
	}

	private String databaseUrl(String name) {
		String url = this.database.url();
		int query = url.indexOf('?');
		String base = (query != -1) ? url.substring(0, query) : url;
		String parameters = (query != -1) ? url.substring(query) : "";
		return base.substring(0, base.lastIndexOf('/') + 1) + name + parameters;
	}

	private static List<String> revisions(DataSource dataSource) {
		List<String> revisions = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT revision FROM migration_history_state ORDER BY 1")) {
			while (rows.next()) {
				revisions.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return revisions;
	}

	private static boolean hasHistory(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, null, "migration_history%", null)) {
			return tables.next();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void execute(DataSource dataSource, String sql) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

}
