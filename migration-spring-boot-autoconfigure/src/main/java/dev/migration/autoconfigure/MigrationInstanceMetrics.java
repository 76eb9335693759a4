package dev.migration.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.migration.MigrationListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link MigrationMetrics} of each of several databases, tagged {@code instance}:
 * each instance's manager is built with its own as a listener.
 */
public final class MigrationInstanceMetrics implements InstanceListeners {

	private final MeterRegistry registry;

	private final ObjectProvider<MigrationInstances> instances;

	private final Map<String, MigrationMetrics> metrics = new ConcurrentHashMap<>();

	MigrationInstanceMetrics(MeterRegistry registry, ObjectProvider<MigrationInstances> instances) {
		this.registry = registry;
		this.instances = instances;
	}

	@Override
	public MigrationListener listener(String instance) {
		return metrics(instance);
	}

	/**
	 * The metrics of one instance.
	 * @param instance the instance name
	 * @return its metrics
	 */
	public MigrationMetrics metrics(String instance) {
		// The manager is looked up at the first scrape: it is built with these metrics.
		return this.metrics.computeIfAbsent(instance, (name) -> new MigrationMetrics(this.registry,
				() -> this.instances.getObject().manager(name), name));
	}

	/**
	 * Forgets every instance's cached counts, so that the next scrape reads them again.
	 */
	public void refresh() {
		this.metrics.values().forEach(MigrationMetrics::refresh);
	}

}
