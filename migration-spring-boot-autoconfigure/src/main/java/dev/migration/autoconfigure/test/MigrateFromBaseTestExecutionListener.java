package dev.migration.autoconfigure.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.migration.MigrationManager;
import dev.migration.RollbackOptions;
import dev.migration.autoconfigure.MigrationInstances;
import dev.migration.autoconfigure.MigrationProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Rolls the database back to {@code base} and migrates it again before a test class
 * annotated {@link MigrateFromBase @MigrateFromBase}; with {@code migration.instances},
 * every instance's database, each to its own target. Registered for every Spring test
 * through {@code META-INF/spring.factories}; a class without the annotation is left
 * alone, and its context is not even loaded here.
 */
public class MigrateFromBaseTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * After the listeners that prepare the test instance, before the transactional one,
	 * so that a test's transaction begins on the migrated schema.
	 */
	public static final int ORDER = 3500;

	private static final Log logger = LogFactory.getLog(MigrateFromBaseTestExecutionListener.class);

	// Test databases only: no safety checks, data loss accepted.
	private static final RollbackOptions FROM_ANYWHERE = RollbackOptions.defaults()
		.withoutSafetyCheck()
		.withAllowDataLoss();

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestClass(TestContext testContext) {
		if (TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(), MigrateFromBase.class) == null) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		String testClass = testContext.getTestClass().getName();
		MigrationInstances instances = context.getBeanProvider(MigrationInstances.class).getIfAvailable();
		if (instances != null) {
			fromBase(instances, testClass);
			return;
		}
		MigrationManager manager = context.getBeanProvider(MigrationManager.class).getIfUnique();
		if (manager == null) {
			throw new IllegalStateException("@MigrateFromBase on " + testClass
					+ " needs one MigrationManager in the test's application context, or migration.instances, and "
					+ "it has " + context.getBeanNamesForType(MigrationManager.class).length
					+ ": give the test a DataSource (and migration.enabled=true), or remove the annotation");
		}
		String target = context.getBeanProvider(MigrationProperties.class)
			.getIfAvailable(MigrationProperties::new)
			.getTarget();
		manager.rollback("base", FROM_ANYWHERE);
		manager.migrate(target);
		if (logger.isDebugEnabled()) {
			logger.debug("Migrated from base to '" + target + "' for " + testClass);
		}
	}

	/**
	 * Every instance, each to its own target: all rolled back first, the last declared
	 * first, then all migrated in their order, as their runners migrate them at start.
	 */
	private static void fromBase(MigrationInstances instances, String testClass) {
		List<String> names = new ArrayList<>(instances.names());
		Collections.reverse(names);
		for (String name : names) {
			instances.manager(name).rollback("base", FROM_ANYWHERE);
		}
		for (String name : instances.names()) {
			String target = instances.instance(name).properties().getTarget();
			instances.manager(name).migrate(target);
			if (logger.isDebugEnabled()) {
				logger.debug("Instance '" + name + "': migrated from base to '" + target + "' for " + testClass);
			}
		}
	}

}
