package dev.migration.autoconfigure;

import java.util.Map;

import dev.migration.MigrationManager;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans of each of several databases: {@code <name>MigrationManager},
 * qualified by the instance name, and {@code <name>MigrationRunner} unless the instance
 * sets {@code auto-migrate=false}. Both are made by the {@link MigrationInstances} bean,
 * by factory methods, so that they are plain bean definitions ahead of time too.
 */
final class MigrationInstancesRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	/**
	 * The name of the {@link MigrationInstances} bean.
	 */
	static final String INSTANCES_BEAN = "migrationInstances";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (Map.Entry<String, MigrationProperties> instance : MigrationInstances.configured(this.environment)
			.entrySet()) {
			String name = instance.getKey();
			RootBeanDefinition manager = madeByInstances(MigrationManager.class, "manager", name);
			manager.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			registry.registerBeanDefinition(managerBeanName(name), manager);
			if (instance.getValue().isAutoMigrate()) {
				registry.registerBeanDefinition(runnerBeanName(name),
						madeByInstances(MigrationRunner.class, "runner", name));
			}
		}
	}

	/**
	 * The name of an instance's manager bean.
	 * @param instance the instance name
	 * @return the bean name
	 */
	static String managerBeanName(String instance) {
		return instance + "MigrationManager";
	}

	/**
	 * The name of an instance's runner bean.
	 * @param instance the instance name
	 * @return the bean name
	 */
	static String runnerBeanName(String instance) {
		return instance + "MigrationRunner";
	}

	private static RootBeanDefinition madeByInstances(Class<?> type, String factoryMethod, String name) {
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setTargetType(type);
		definition.setFactoryBeanName(INSTANCES_BEAN);
		definition.setFactoryMethodName(factoryMethod);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
		return definition;
	}

}
