package dev.migration.autoconfigure.test;

import dev.migration.MigrationManager;
import dev.migration.RollbackOptions;
import dev.migration.autoconfigure.MigrationProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Rolls the database back to {@code base} and migrates it again before a test class
 * annotated {@link MigrateFromBase @MigrateFromBase}. Registered for every Spring test
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
		MigrationManager manager = context.getBeanProvider(MigrationManager.class).getIfUnique();
		if (manager == null) {
			throw new IllegalStateException("@MigrateFromBase on " + testContext.getTestClass().getName()
					+ " needs one MigrationManager in the test's application context, and it has "
					+ context.getBeanNamesForType(MigrationManager.class).length
					+ ": give the test a DataSource (and migration.enabled=true), or remove the annotation");
		}
		String target = context.getBeanProvider(MigrationProperties.class)
			.getIfAvailable(MigrationProperties::new)
			.getTarget();
		manager.rollback("base", RollbackOptions.defaults().withoutSafetyCheck().withAllowDataLoss());
		manager.migrate(target);
		if (logger.isDebugEnabled()) {
			logger.debug("Migrated from base to '" + target + "' for " + testContext.getTestClass().getName());
		}
	}

}
