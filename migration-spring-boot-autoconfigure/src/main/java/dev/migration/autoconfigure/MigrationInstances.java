package dev.migration.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.MigrationManager;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The databases of an application that migrates several, one
 * {@link MigrationManager} each, as {@code migration.instances.<name>.*} configures
 * them. A bean only when {@code migration.instances} is set; each manager is also a bean
 * named {@code <name>MigrationManager}, qualified by the instance name
 * ({@code @Qualifier("<name>")}).
 */
public final class MigrationInstances implements DisposableBean {

	/**
	 * The property under which the instances are configured.
	 */
	public static final String PROPERTY = "migration.instances";

	private final Map<String, MigrationInstance> instances;

	private final List<AutoCloseable> resources;

	MigrationInstances(Map<String, MigrationInstance> instances, List<AutoCloseable> resources) {
		this.instances = new LinkedHashMap<>(instances);
		this.resources = new ArrayList<>(resources);
	}

	/**
	 * The instance names, in the order of the configuration.
	 * @return the names
	 */
	public List<String> names() {
		return List.copyOf(this.instances.keySet());
	}

	/**
	 * Whether an instance of that name exists.
	 * @param name the name
	 * @return {@code true} if it does
	 */
	public boolean contains(String name) {
		return this.instances.containsKey(name);
	}

	/**
	 * The manager of an instance.
	 * @param name the instance name
	 * @return its manager
	 * @throws IllegalArgumentException naming the instances when there is none of that
	 * name
	 */
	public MigrationManager manager(String name) {
		return instance(name).manager();
	}

	/**
	 * An instance.
	 * @param name the instance name
	 * @return the instance
	 * @throws IllegalArgumentException naming the instances when there is none of that
	 * name
	 */
	public MigrationInstance instance(String name) {
		MigrationInstance instance = this.instances.get(name);
		if (instance == null) {
			throw new IllegalArgumentException(
					"No migration instance '" + name + "': the instances are " + String.join(", ", names()));
		}
		return instance;
	}

	/**
	 * Every instance, in the order of the configuration.
	 * @return the instances
	 */
	public List<MigrationInstance> instances() {
		return List.copyOf(this.instances.values());
	}

	/**
	 * The instances' settings as the environment gives them, without building anything.
	 * @param environment the environment
	 * @return the settings by instance name, empty when {@code migration.instances} is
	 * not set
	 */
	public static Map<String, MigrationProperties> configured(Environment environment) {
		return Binder.get(environment)
			.bind(PROPERTY, Bindable.mapOf(String.class, MigrationProperties.class))
			.orElse(Map.of());
	}

	/**
	 * Closes the connection pools built for instances given by a URL.
	 */
	@Override
	public void destroy() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	/**
	 * The runner of an instance, the factory method of the bean
	 * {@code <name>MigrationRunner}.
	 */
	MigrationRunner runner(String name) {
		MigrationInstance instance = instance(name);
		MigrationRunner runner = new MigrationRunner(instance.manager(), instance.properties(), instance.runState(),
				name, instance.properties().isWarmUp()
						? () -> MigrationWarmUp.start(instance.manager(), instance.dataSource(),
								instance.tenantFleet() == null)
						: () -> MigrationWarmUp.NONE);
		runner.setTenantFleet(instance.tenantFleet());
		return runner;
	}

}
