package dev.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.migration.revision.Direction;
import dev.migration.testing.Database;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for a {@link TenantFleet} on real PostgreSQL: many tenant schemas of one
 * database, each with its own history and lock, migrated in parallel.
 */
class TenantFleetTests {

	/** The engine and the fleet log every tenant at INFO: too much for a test run. */
	private static final Logger ENGINE_LOGGER = quiet(Logger.getLogger("dev.migration"));

	private static Logger quiet(Logger logger) {
		logger.setLevel(Level.WARNING);
		return logger;
	}

	private TestDatabase database;

	private final List<String> created = new ArrayList<>();

	@BeforeEach
	void openDatabase() {
		this.database = TestDatabase.open(Database.POSTGRESQL);
		this.database.writeTable("r1", null);
		this.database.write("r2", "r1", "ALTER TABLE t_r1 ALTER COLUMN id SET NOT NULL;",
				"ALTER TABLE t_r1 ALTER COLUMN id DROP NOT NULL;");
	}

	@AfterEach
	void dropTenants() {
		try {
			this.database.execute(this.created.stream()
				.map((schema) -> "DROP SCHEMA IF EXISTS " + schema + " CASCADE")
				.toArray(String[]::new));
		}
		finally {
			this.database.close();
		}
	}

	@Test
	void migratesTwoHundredTenantsInParallelExactlyOnceEach() {
		List<String> schemas = tenants(200);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostRunning = new AtomicInteger();
		MigrationListener concurrency = new MigrationListener() {

			@Override
			public void beforeRun(MigrationResult.Command operation, String target) {
				mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			}

			@Override
			public void afterRun(MigrationResult result) {
				running.decrementAndGet();
			}

		};
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(),
				this.database.configuration().listeners(List.of(concurrency)).build(), schemas,
				FleetOptions.defaults().withParallelism(4));
		FleetResult result = fleet.migrate();
		assertThat(result.failed()).isEmpty();
		assertThat(result.count(FleetResult.Outcome.MIGRATED)).isEqualTo(200);
		assertThat(result.tenants()).extracting(FleetResult.Tenant::id).containsExactlyElementsOf(schemas);
		assertThat(result.tenants()).allSatisfy((tenant) -> assertThat(tenant.applied()).isEqualTo(2));
		assertThat(mostRunning.get()).isBetween(1, 4);
		for (String schema : schemas) {
			assertThat(this.database.queryForLong("SELECT count(*) FROM " + schema
					+ ".migration_history WHERE action = 'upgrade' AND success")).as(schema).isEqualTo(2);
		}
		FleetResult again = fleet.migrate();
		assertThat(again.count(FleetResult.Outcome.UP_TO_DATE)).isEqualTo(200);
		assertThat(this.database.queryForLong("SELECT count(*) FROM " + schemas.get(0)
				+ ".migration_history WHERE action = 'upgrade'")).isEqualTo(2);
	}

	@Test
	void aFailingTenantIsReportedWhileTheOthersFinishWithContinue() {
		List<String> schemas = tenants(6);
		String bad = schemas.get(2);
		prepareToFail(bad);
		FleetResult result = TenantFleet
			.create(this.database.dataSource(), this.database.configuration().build(), schemas,
					FleetOptions.defaults().withParallelism(3))
			.migrate();
		assertThat(result.failed()).singleElement().satisfies((tenant) -> {
			assertThat(tenant.id()).isEqualTo(bad);
			assertThat(tenant.exception()).isInstanceOf(MigrationFailedException.class);
			assertThat(tenant.error()).contains("Upgrade of revision r2").contains("null values");
		});
		assertThat(result.count(FleetResult.Outcome.MIGRATED)).isEqualTo(5);
		assertThat(result.count(FleetResult.Outcome.SKIPPED)).isZero();
		for (String schema : schemas) {
			if (!schema.equals(bad)) {
				assertThat(this.database.queryForList("SELECT revision FROM " + schema
						+ ".migration_history_state ORDER BY revision")).as(schema).containsExactly("r1", "r2");
			}
		}
		assertThat(this.database.queryForList("SELECT revision FROM " + bad + ".migration_history_state"))
			.containsExactly("r1");
	}

	@Test
	void noTenantStartsAfterAFailureWithStop() {
		List<String> schemas = tenants(5);
		prepareToFail(schemas.get(1));
		FleetResult result = TenantFleet
			.create(this.database.dataSource(), this.database.configuration().build(), schemas,
					FleetOptions.defaults().withOnFailure(FleetOptions.OnFailure.STOP))
			.migrate();
		assertThat(result.tenants()).extracting(FleetResult.Tenant::outcome)
			.containsExactly(FleetResult.Outcome.MIGRATED, FleetResult.Outcome.FAILED, FleetResult.Outcome.SKIPPED,
					FleetResult.Outcome.SKIPPED, FleetResult.Outcome.SKIPPED);
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_namespace WHERE nspname IN ('"
				+ schemas.get(2) + "', '" + schemas.get(3) + "', '" + schemas.get(4) + "')")).isZero();
		assertThat(result.summary()).contains("5 tenant(s)").contains("1 migrated").contains("1 failed")
			.contains("3 skipped");
	}

	@Test
	void eachTenantHoldsALockOfItsOwn() {
		List<String> schemas = tenants(2);
		CountDownLatch otherFinished = new CountDownLatch(1);
		AtomicBoolean first = new AtomicBoolean(true);
		AtomicBoolean waitedInVain = new AtomicBoolean();
		// The first tenant to migrate waits, holding its lock, until the other one
		// finished: with a lock shared by the tenants the other would time out instead.
		MigrationListener holdFirst = new MigrationListener() {

			private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

			@Override
			public void beforeMigration(MigrationInfo migration, Direction direction) {
				if (first.getAndSet(false)) {
					this.holding.set(true);
					try {
						waitedInVain.set(!otherFinished.await(60, TimeUnit.SECONDS));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}

			@Override
			public void afterRun(MigrationResult result) {
				if (!this.holding.get()) {
					otherFinished.countDown();
				}
			}

			@Override
			public void onRunFailure(MigrationResult.Command operation, String target, Throwable failure) {
				afterRun(null);
			}

		};
		FleetResult result = TenantFleet
			.create(this.database.dataSource(),
					this.database.configuration()
						.listeners(List.of(holdFirst))
						.lockTimeout(java.time.Duration.ofSeconds(5))
						.build(),
					schemas, FleetOptions.defaults().withParallelism(2))
			.migrate();
		assertThat(result.failed()).isEmpty();
		assertThat(waitedInVain).isFalse();
	}

	@Test
	void addTenantCreatesTheSchemaAndMigratesItOnce() {
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
				List.of(), FleetOptions.defaults());
		String schema = tenants(1).get(0);
		MigrationResult first = fleet.addTenant(schema);
		MigrationResult second = fleet.addTenant(schema);
		assertThat(first.migrations()).hasSize(2);
		assertThat(second.migrations()).isEmpty();
		assertThat(fleet.tenantIds()).containsExactly(schema);
		assertThat(this.database.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
				+ schema + "' ORDER BY table_name"))
			.containsExactly("migration_history", "migration_history_state", "t_r1");
	}

	@Test
	void statusCountsTheTenantsUpToDateAndBehind() {
		List<String> schemas = tenants(4);
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
				schemas, FleetOptions.defaults().withParallelism(2));
		fleet.manager(schemas.get(0)).migrate();
		fleet.manager(schemas.get(1)).migrate("r1");
		FleetStatus status = fleet.status();
		assertThat(status.upToDate()).isEqualTo(1);
		assertThat(status.pending()).isEqualTo(3);
		assertThat(status.failed()).isZero();
		assertThat(status.total()).isEqualTo(4);
		assertThat(status.behind()).extracting(FleetStatus.Behind::id, FleetStatus.Behind::pending)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(schemas.get(1), 1),
					org.assertj.core.groups.Tuple.tuple(schemas.get(2), 2),
					org.assertj.core.groups.Tuple.tuple(schemas.get(3), 2));
	}

	@Test
	void anInvalidTenantSchemaIsRefusedBeforeAnythingRuns() {
		List<String> schemas = List.of(tenants(1).get(0), "bad-name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
					schemas, FleetOptions.defaults()))
			.withMessageStartingWith("Invalid tenant 'bad-name': Invalid schema name 'bad-name'");
		assertThat(this.database.queryForLong("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schemas.get(0)
				+ "'")).isZero();
	}

	@Test
	void aParallelismBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> FleetOptions.defaults().withParallelism(0))
			.withMessage("parallelism must be at least 1: 0");
	}

	@Test
	void rollbackOfOneTenantLeavesTheOthers() {
		List<String> schemas = tenants(3);
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
				schemas, FleetOptions.defaults().withParallelism(2));
		assertThat(fleet.migrate().failed()).isEmpty();
		FleetResult result = fleet.rollback(schemas.get(1), "r1", RollbackOptions.defaults());
		assertThat(result.tenants()).singleElement().satisfies((tenant) -> {
			assertThat(tenant.id()).isEqualTo(schemas.get(1));
			assertThat(tenant.outcome()).isEqualTo(FleetResult.Outcome.ROLLED_BACK);
			assertThat(tenant.applied()).isEqualTo(1);
		});
		assertThat(result.summary()).contains("1 rolled back");
		assertThat(state(schemas.get(0))).containsExactly("r1", "r2");
		assertThat(state(schemas.get(1))).containsExactly("r1");
		assertThat(state(schemas.get(2))).containsExactly("r1", "r2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fleet.rollback("not_a_tenant", "r1", RollbackOptions.defaults()))
			.withMessage("'not_a_tenant' is not a tenant of this fleet");
	}

	@Test
	void rollbackAllInProductionIsConfirmedOnceByRepeatingTheTarget() {
		List<String> schemas = tenants(4);
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(),
				this.database.configuration().production(true).build(), schemas,
				FleetOptions.defaults().withParallelism(2));
		assertThat(fleet.migrate().failed()).isEmpty();
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> fleet.rollbackAll("r1", RollbackOptions.defaults()))
			.withMessageContaining("this is a production fleet, so this needs one confirmation for every tenant: "
					+ "repeat the target, r1.");
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> fleet.rollbackAll("r1", RollbackOptions.defaults().withConfirm("r2")))
			.withMessageContaining("the confirmation 'r2' does not repeat the target r1.");
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> fleet.rollbackAll("-1", RollbackOptions.defaults().withConfirm("-1")))
			.withMessageContaining("needs a revision id or 'base' as the target")
			.withMessageContaining("'-1' is relative");
		assertThatExceptionOfType(RollbackRefusedException.class)
			.isThrownBy(() -> fleet.rollback(schemas.get(0), "r1", RollbackOptions.defaults()))
			.withMessageContaining("repeat the target, r1.");
		for (String schema : schemas) {
			assertThat(state(schema)).as(schema).containsExactly("r1", "r2");
			assertThat(this.database.queryForLong("SELECT count(*) FROM " + schema
					+ ".migration_history WHERE action <> 'upgrade'")).as(schema).isZero();
		}
		FleetResult result = fleet.rollbackAll("r1", RollbackOptions.defaults().withConfirm("r1"));
		assertThat(result.failed()).isEmpty();
		assertThat(result.count(FleetResult.Outcome.ROLLED_BACK)).isEqualTo(4);
		for (String schema : schemas) {
			assertThat(state(schema)).as(schema).containsExactly("r1");
		}
	}

	@Test
	void rollbackAllFollowsTheFailurePolicyAndReportsRefusedTenants() {
		List<String> schemas = tenants(3);
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
				schemas, FleetOptions.defaults().withOnFailure(FleetOptions.OnFailure.STOP));
		fleet.manager(schemas.get(1)).migrate();
		fleet.manager(schemas.get(2)).migrate();
		// The first tenant has nothing applied: its rollback to r1 is refused.
		FleetResult result = fleet.rollbackAll("r1", RollbackOptions.defaults());
		assertThat(result.tenants()).extracting(FleetResult.Tenant::outcome)
			.containsExactly(FleetResult.Outcome.FAILED, FleetResult.Outcome.SKIPPED, FleetResult.Outcome.SKIPPED);
		assertThat(state(schemas.get(1))).containsExactly("r1", "r2");
		assertThat(state(schemas.get(2))).containsExactly("r1", "r2");
	}

	@Test
	void aTenantAddedDuringAFleetRunEndsMigratedExactlyOnce() {
		List<String> schemas = tenants(4);
		String added = this.database.schema() + "_added";
		this.created.add(added);
		AtomicReference<TenantFleet> fleetRef = new AtomicReference<>();
		AtomicBoolean first = new AtomicBoolean(true);
		AtomicInteger migratingSeen = new AtomicInteger(-1);
		List<Throwable> addFailures = new CopyOnWriteArrayList<>();
		// While the first tenant migrates, another thread adds a new tenant and one the
		// run has not reached yet; the run waits for both.
		MigrationListener addWhileRunning = new MigrationListener() {

			@Override
			public void beforeMigration(MigrationInfo migration, Direction direction) {
				if (!first.getAndSet(false)) {
					return;
				}
				TenantFleet fleet = fleetRef.get();
				migratingSeen.set(fleet.migrating());
				Thread adder = new Thread(() -> {
					try {
						fleet.addTenant(added);
						fleet.addTenant(schemas.get(3));
					}
					catch (Throwable ex) {
						addFailures.add(ex);
					}
				});
				adder.start();
				try {
					adder.join(TimeUnit.SECONDS.toMillis(60));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(),
				this.database.configuration().listeners(List.of(addWhileRunning)).build(), schemas,
				FleetOptions.defaults());
		fleetRef.set(fleet);
		FleetResult result = fleet.migrate();
		assertThat(addFailures).isEmpty();
		assertThat(result.failed()).isEmpty();
		assertThat(migratingSeen.get()).isEqualTo(1);
		assertThat(fleet.migrating()).isZero();
		assertThat(result.tenants()).extracting(FleetResult.Tenant::outcome)
			.containsExactly(FleetResult.Outcome.MIGRATED, FleetResult.Outcome.MIGRATED,
					FleetResult.Outcome.MIGRATED, FleetResult.Outcome.UP_TO_DATE);
		assertThat(fleet.tenantIds()).containsExactly(schemas.get(0), schemas.get(1), schemas.get(2), schemas.get(3),
				added);
		assertThat(fleet.migrate().count(FleetResult.Outcome.UP_TO_DATE)).isEqualTo(5);
		for (String schema : fleet.tenantIds()) {
			assertThat(upgrades(schema)).as(schema).isEqualTo(2);
		}
		assertThat(fleet.status().migrating()).isZero();
	}

	@Test
	void sixRacingFleetsMigrateEverySchemaExactlyOnce() throws Exception {
		List<String> schemas = tenants(30);
		CountDownLatch start = new CountDownLatch(1);
		List<FleetResult> results = new CopyOnWriteArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			// A data source each, as six application instances would have.
			TenantFleet fleet = TenantFleet.create(this.database.dataSource(),
					this.database.configuration().lockTimeout(java.time.Duration.ofSeconds(120)).build(), schemas,
					FleetOptions.defaults().withParallelism(2));
			Thread thread = new Thread(() -> {
				try {
					start.await();
					results.add(fleet.migrate());
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(failures).isEmpty();
		assertThat(results).hasSize(6).allSatisfy((result) -> assertThat(result.failed()).isEmpty());
		for (String schema : schemas) {
			assertThat(upgrades(schema)).as(schema).isEqualTo(2);
			long migratedBy = results.stream()
				.filter((result) -> result.tenants()
					.stream()
					.anyMatch((tenant) -> tenant.id().equals(schema)
							&& tenant.outcome() == FleetResult.Outcome.MIGRATED))
				.count();
			assertThat(migratedBy).as(schema).isEqualTo(1);
		}
	}

	@Test
	void aRunLogsItsCountsWhileTenantsAreRunning() throws Exception {
		List<String> schemas = tenants(2);
		CountDownLatch progressLogged = new CountDownLatch(1);
		List<String> progressLines = new CopyOnWriteArrayList<>();
		Handler capture = new Handler() {

			@Override
			public void publish(LogRecord record) {
				String message = java.text.MessageFormat.format(record.getMessage(), record.getParameters());
				if (message.startsWith("Fleet progress:")) {
					progressLines.add(message);
					progressLogged.countDown();
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		AtomicBoolean first = new AtomicBoolean(true);
		AtomicBoolean waitedInVain = new AtomicBoolean();
		// The first tenant waits until the progress was logged while it runs.
		MigrationListener waitForProgress = new MigrationListener() {

			@Override
			public void beforeMigration(MigrationInfo migration, Direction direction) {
				if (first.getAndSet(false)) {
					try {
						waitedInVain.set(!progressLogged.await(60, TimeUnit.SECONDS));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}

		};
		Logger fleetLogger = Logger.getLogger("dev.migration.fleet");
		fleetLogger.setLevel(Level.INFO);
		fleetLogger.addHandler(capture);
		try {
			FleetResult result = new DefaultTenantFleet(this.database.dataSource(),
					this.database.configuration().listeners(List.of(waitForProgress)).build(), TenantProvider.ofSchemas(schemas),
					FleetOptions.defaults(), java.time.Duration.ofMillis(20))
				.migrate();
			assertThat(result.failed()).isEmpty();
		}
		finally {
			fleetLogger.removeHandler(capture);
			fleetLogger.setLevel(null);
		}
		assertThat(waitedInVain).isFalse();
		assertThat(progressLines).anySatisfy((line) -> assertThat(line).matches(
				"Fleet progress: [01]/2 done, 0 failed, 1 running"));
	}

	@Test
	void aRunKeepsOneConnectionPerThreadForItsTenants() {
		List<String> schemas = tenants(12);
		AtomicInteger opened = new AtomicInteger();
		DataSource database = this.database.dataSource();
		PlainDataSource counting = () -> {
			opened.incrementAndGet();
			return database.getConnection();
		};
		TenantFleet fleet = TenantFleet.create(counting, this.database.configuration().build(), schemas,
				FleetOptions.defaults().withParallelism(3));
		assertThat(fleet.migrate().count(FleetResult.Outcome.MIGRATED)).isEqualTo(12);
		// Each tenant's lock rides on the connection that migrates it.
		assertThat(opened.get()).isBetween(1, 3);
		opened.set(0);
		assertThat(fleet.status().upToDate()).isEqualTo(12);
		assertThat(opened.get()).isBetween(1, 3);
		for (String schema : schemas) {
			// Each tenant's unqualified tables landed in its own schema: the search path
			// was set for each tenant, and restored after it.
			assertThat(this.database.queryForList("SELECT table_name FROM information_schema.tables WHERE "
					+ "table_schema = '" + schema + "' ORDER BY table_name"))
				.as(schema)
				.containsExactly("migration_history", "migration_history_state", "t_r1");
		}
	}

	@Test
	void statusAndAMigrateWithNothingPendingReadEachTenantInOneQuery() {
		List<String> schemas = tenants(5);
		TenantFleet.create(this.database.dataSource(), this.database.configuration().build(), schemas,
				FleetOptions.defaults()).migrate();
		StatementCount count = new StatementCount(this.database.dataSource());
		TenantFleet fleet = TenantFleet.create(count, this.database.configuration().build(), schemas,
				FleetOptions.defaults().withParallelism(2));
		assertThat(fleet.status().upToDate()).isEqualTo(5);
		assertThat(count.statements.get()).isEqualTo(5);
		count.statements.set(0);
		assertThat(fleet.migrate().count(FleetResult.Outcome.UP_TO_DATE)).isEqualTo(5);
		assertThat(count.statements.get()).isEqualTo(5);
	}

	@Test
	void aTenantAfterAFailedOneOnTheSameThreadMigratesOnAFreshConnection() {
		List<String> schemas = tenants(3);
		prepareToFail(schemas.get(1));
		FleetResult result = TenantFleet
			.create(this.database.dataSource(), this.database.configuration().build(), schemas,
					FleetOptions.defaults())
			.migrate();
		assertThat(result.tenants()).extracting(FleetResult.Tenant::outcome)
			.containsExactly(FleetResult.Outcome.MIGRATED, FleetResult.Outcome.FAILED, FleetResult.Outcome.MIGRATED);
		assertThat(state(schemas.get(2))).containsExactly("r1", "r2");
		assertThat(this.database.queryForList("SELECT table_name FROM information_schema.tables WHERE "
				+ "table_schema = '" + schemas.get(2) + "' AND table_name = 't_r1'"))
			.containsExactly("t_r1");
	}

	@Test
	void aMigratingTenantHoldsItsLockWhereOthersSeeIt() {
		List<String> schemas = tenants(2);
		List<LockHolder> seen = new CopyOnWriteArrayList<>();
		MigrationListener look = new MigrationListener() {

			@Override
			public void beforeMigration(MigrationInfo migration, Direction direction) {
				// One tenant at a time, two migrations each.
				String schema = schemas.get(seen.size() / 2);
				// A manager of its own, as another instance would look.
				seen.add(MigrationManager
					.create(TenantFleetTests.this.database.dataSource(),
							TenantFleetTests.this.database.configuration().schema(schema).build())
					.status()
					.lockHolder());
			}

		};
		FleetResult result = TenantFleet.create(this.database.dataSource(),
				this.database.configuration().listeners(List.of(look)).build(), schemas, FleetOptions.defaults())
			.migrate();
		assertThat(result.failed()).isEmpty();
		assertThat(seen).hasSize(4).allSatisfy((holder) -> assertThat(holder).isNotNull());
		for (String schema : schemas) {
			assertThat(MigrationManager
				.create(this.database.dataSource(), this.database.configuration().schema(schema).build())
				.status()
				.lockHolder()).as(schema).isNull();
		}
	}

	@Test
	void tenantsSplitScriptsWithPlaceholdersWithTheirOwnSchema() {
		this.database.write("r3", "r2", "COMMENT ON TABLE ${migration:schema}.t_r1 IS '${migration:schema}';",
				"COMMENT ON TABLE ${migration:schema}.t_r1 IS NULL;");
		List<String> schemas = tenants(8);
		TenantFleet fleet = TenantFleet.create(this.database.dataSource(), this.database.configuration().build(),
				schemas, FleetOptions.defaults().withParallelism(4));
		assertThat(fleet.migrate().count(FleetResult.Outcome.MIGRATED)).isEqualTo(8);
		for (String schema : schemas) {
			assertThat(this.database.queryForList("SELECT obj_description('" + schema + ".t_r1'::regclass, 'pg_class')"))
				.as(schema)
				.containsExactly(schema);
			assertThat(this.database.queryForList(
					"SELECT downgrade_sql FROM " + schema + ".migration_history_state WHERE revision = 'r3'"))
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.contains(schema + ".t_r1");
		}
		assertThat(fleet.rollbackAll("r2", RollbackOptions.defaults()).failed()).isEmpty();
		for (String schema : schemas) {
			assertThat(state(schema)).as(schema).containsExactly("r1", "r2");
		}
	}

	@Test
	void aFleetOnDuckDbKeepsOneConnectionPerThreadAndCountsItsTenants() {
		try (TestDatabase duckdb = TestDatabase.open(Database.DUCKDB)) {
			duckdb.writeTable("r1", null);
			List<String> schemas = List.of("tenant_a", "tenant_b", "tenant_c", "tenant_d");
			AtomicInteger opened = new AtomicInteger();
			DataSource database = duckdb.dataSource();
			PlainDataSource counting = () -> {
				opened.incrementAndGet();
				return database.getConnection();
			};
			TenantFleet fleet = TenantFleet.create(counting, duckdb.configuration().build(), schemas,
					FleetOptions.defaults().withParallelism(2));
			assertThat(fleet.migrate().count(FleetResult.Outcome.MIGRATED)).isEqualTo(4);
			assertThat(opened.get()).isBetween(1, 2);
			assertThat(fleet.status().upToDate()).isEqualTo(4);
			assertThat(fleet.migrate().count(FleetResult.Outcome.UP_TO_DATE)).isEqualTo(4);
			for (String schema : schemas) {
				assertThat(duckdb.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
						+ schema + "' ORDER BY table_name"))
					.as(schema)
					.containsExactly("migration_history", "migration_history_entries", "migration_history_state",
							"t_r1");
			}
		}
	}

	/**
	 * The real data source, counting the statements sent through it
	 * ({@code execute*} calls).
	 */
	private static final class StatementCount implements PlainDataSource {

		private final DataSource target;

		private final AtomicInteger statements = new AtomicInteger();

		StatementCount(DataSource target) {
			this.target = target;
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = this.target.getConnection();
			return proxy(Connection.class, connection, (method, args) -> {
				Object result = invoke(connection, method, args);
				if (result instanceof PreparedStatement statement) {
					return counted(PreparedStatement.class, statement);
				}
				if (result instanceof Statement statement) {
					return counted(Statement.class, statement);
				}
				return result;
			});
		}

		private <S extends Statement> S counted(Class<S> type, S statement) {
			return proxy(type, statement, (method, args) -> {
				if (method.getName().startsWith("execute")) {
					this.statements.incrementAndGet();
				}
				return invoke(statement, method, args);
			});
		}

		private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (java.lang.reflect.InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

		private static <T> T proxy(Class<T> type, T target, Call call) {
			return type.cast(java.lang.reflect.Proxy.newProxyInstance(TenantFleetTests.class.getClassLoader(),
					new Class<?>[] { type }, (proxy, method, args) -> call.call(method, args)));
		}

		@FunctionalInterface
		private interface Call {

			Object call(java.lang.reflect.Method method, Object[] args) throws Throwable;

		}

	}

	private List<String> state(String schema) {
		return this.database.queryForList("SELECT revision FROM " + schema + ".migration_history_state ORDER BY revision");
	}

	private long upgrades(String schema) {
		return this.database.queryForLong(
				"SELECT count(*) FROM " + schema + ".migration_history WHERE action = 'upgrade' AND success");
	}

	/** Tenant schemas named after the test's schema, dropped afterwards. */
	private List<String> tenants(int count) {
		List<String> schemas = IntStream.rangeClosed(1, count)
			.mapToObj((index) -> this.database.schema() + "_t" + String.format("%03d", index))
			.toList();
		this.created.addAll(schemas);
		return schemas;
	}

	/** Migrates a tenant to r1 and adds a row that makes r2's NOT NULL fail there alone. */
	private void prepareToFail(String schema) {
		DataSource dataSource = this.database.dataSource();
		MigrationManager.create(dataSource, this.database.configuration().schema(schema).build()).migrate("r1");
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO " + schema + ".t_r1 VALUES (NULL)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
