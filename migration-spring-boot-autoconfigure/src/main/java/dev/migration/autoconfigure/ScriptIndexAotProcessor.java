package dev.migration.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migration.script.ScriptIndex;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Writes the {@link ScriptIndex index} of each {@code classpath:} location of
 * {@code migration.locations} (of each of {@code migration.instances}) when the application is processed ahead of time, and
 * registers the runtime hints for what it lists: each script as a resource, each Java
 * migration for the invocation of its constructor. A native image cannot list
 * class-path directories: the engine finds the scripts and Java migrations through the
 * index there. {@code filesystem:} locations need no index.
 * <p>
 * The locations are those of the environment the application is processed with; a
 * location with nothing in it at build time gets no index.
 */
final class ScriptIndexAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = (beanFactory.getBeanClassLoader() != null) ? beanFactory.getBeanClassLoader()
				: ClassUtils.getDefaultClassLoader();
		// By resource name: classpath:db/migration and db/migration share their index.
		Map<String, ScriptIndex> indexes = new LinkedHashMap<>();
		for (String location : locations(environment(beanFactory))) {
			if (ScriptIndex.isIndexable(location)) {
				ScriptIndex index = ScriptIndex.scan(location, classLoader);
				if (!index.entries().isEmpty()) {
					indexes.putIfAbsent(index.resourceName(), index);
				}
			}
		}
		return indexes.isEmpty() ? null : new Contribution(List.copyOf(indexes.values()));
	}

	private static Environment environment(ConfigurableListableBeanFactory beanFactory) {
		String name = ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME;
		return beanFactory.containsBean(name) ? beanFactory.getBean(name, Environment.class)
				: new StandardEnvironment();
	}

	/**
	 * The locations as the properties bind them, the default when none are set; with
	 * {@code migration.instances}, those of every instance.
	 */
	private static List<String> locations(Environment environment) {
		Map<String, MigrationProperties> instances = MigrationInstances.configured(environment);
		if (!instances.isEmpty()) {
			return instances.values().stream().flatMap((instance) -> instance.getLocations().stream()).toList();
		}
		return Binder.get(environment)
			.bind("migration.locations", Bindable.listOf(String.class))
			.orElseGet(() -> new MigrationProperties().getLocations());
	}

	/**
	 * The indexes to write, and their hints.
	 */
	private record Contribution(List<ScriptIndex> indexes) implements BeanFactoryInitializationAotContribution {

		@Override
		public void applyTo(GenerationContext generationContext, BeanFactoryInitializationCode code) {
			RuntimeHints hints = generationContext.getRuntimeHints();
			for (ScriptIndex index : this.indexes) {
				generationContext.getGeneratedFiles().addResourceFile(index.resourceName(), index.content());
				hints.resources().registerPattern(index.resourceName());
				for (String script : index.scriptResources()) {
					hints.resources().registerPattern(script);
				}
				for (String className : index.javaMigrationClassNames()) {
					hints.reflection().registerType(TypeReference.of(className), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
				}
			}
		}

	}

}
