package dev.migration.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import dev.migration.AppliedMigration;
import dev.migration.MigrationException;
import dev.migration.MigrationFailedException;
import dev.migration.MigrationInfo;
import dev.migration.MigrationListener;
import dev.migration.MigrationManager;
import dev.migration.MigrationStatus;
import dev.migration.revision.Direction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Records the migrations as Micrometer meters: the {@code migration.duration} timer
 * (tags {@code revision}, {@code direction}, {@code outcome}) and the
 * {@code migration.failures} counter, as a {@link MigrationListener}. The timer records
 * the duration the engine measured, the value of the migration's log line and history
 * row, rather than timing the callbacks itself. And the
 * {@code migration.pending} and {@code migration.applied} gauges, read from counts
 * cached after each migration rather than from the database on every scrape. With
 * {@code migration.instances}, one per instance, every meter tagged {@code instance}.
 */
public class MigrationMetrics implements MigrationListener {

	private final MeterRegistry registry;

	private final Supplier<@Nullable MigrationManager> migrationManager;

	private final Tags tags;

	private final Counter failures;

	private volatile Counts counts;

	/**
	 * Creates the metrics and registers the gauges and the counter.
	 * @param registry the registry
	 * @param migrationManager the manager, looked up lazily: it is built with this
	 * listener
	 */
	public MigrationMetrics(MeterRegistry registry, ObjectProvider<MigrationManager> migrationManager) {
		this(registry, migrationManager::getIfAvailable, Tags.empty());
	}

	/**
	 * Creates the metrics of one of several databases, every meter tagged
	 * {@code instance}.
	 * @param registry the registry
	 * @param migrationManager the manager, looked up lazily: it is built with this
	 * listener
	 * @param instance the instance name
	 */
	MigrationMetrics(MeterRegistry registry, Supplier<@Nullable MigrationManager> migrationManager, String instance) {
		this(registry, migrationManager, Tags.of("instance", instance));
	}

	private MigrationMetrics(MeterRegistry registry, Supplier<@Nullable MigrationManager> migrationManager,
			Tags tags) {
		this.registry = registry;
		this.migrationManager = migrationManager;
		this.tags = tags;
		this.failures = Counter.builder("migration.failures")
			.description("Migrations that failed")
			.tags(tags)
			.register(registry);
		Gauge.builder("migration.pending", this, (metrics) -> metrics.counts().pending())
			.description("Migrations pending")
			.tags(tags)
			.register(registry);
		Gauge.builder("migration.applied", this, (metrics) -> metrics.counts().applied())
			.description("Known migrations applied")
			.tags(tags)
			.register(registry);
	}

	@Override
	public void onLockAcquired(Duration waited) {
		Timer.builder("migration.lock.wait")
			.description("Time spent waiting for the migration lock")
			.tags(this.tags)
			.register(this.registry)
			.record(waited);
	}

	@Override
	public void afterMigration(MigrationInfo migration, AppliedMigration result) {
		timer(migration.revision(), result.direction(), "success").record(result.duration());
		this.counts = null;
	}

	@Override
	public void onFailure(MigrationInfo migration, Direction direction, MigrationException failure) {
		if (failure instanceof MigrationFailedException failed && failed.getDuration() != null) {
			timer(migration.revision(), direction, "failure").record(failed.getDuration());
		}
		this.failures.increment();
		this.counts = null;
	}

	/**
	 * Forgets the cached counts, so that the next scrape reads them again.
	 */
	public void refresh() {
		this.counts = null;
	}

	private Timer timer(String revision, Direction direction, String outcome) {
		return Timer.builder("migration.duration")
			.description("Time taken by a migration")
			.tag("revision", revision)
			.tag("direction", direction.name().toLowerCase(Locale.ROOT))
			.tag("outcome", outcome)
			.tags(this.tags)
			.register(this.registry);
	}

	private Counts counts() {
		Counts counts = this.counts;
		if (counts == null) {
			counts = readCounts();
			if (counts != Counts.UNKNOWN) {
				this.counts = counts;
			}
		}
		return counts;
	}

	private Counts readCounts() {
		MigrationManager manager;
		try {
			manager = this.migrationManager.get();
		}
		catch (RuntimeException ex) {
			return Counts.UNKNOWN;
		}
		if (manager == null) {
			return Counts.UNKNOWN;
		}
		try {
			MigrationStatus status = manager.status();
			int known = manager.migrations().size();
			return new Counts(status.pending().size(), known - status.pending().size());
		}
		catch (RuntimeException ex) {
			// The database is unreachable: report nothing rather than fail the scrape,
			// and try again next time.
			return Counts.UNKNOWN;
		}
	}

	private record Counts(double pending, double applied) {

		static final Counts UNKNOWN = new Counts(Double.NaN, Double.NaN);

	}

}
