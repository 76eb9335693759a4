package dev.migration.autoconfigure.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a Spring test class from a freshly migrated schema: before the class's first
 * test, the {@link dev.migration.MigrationManager MigrationManager} of its application
 * context rolls the database back to {@code base} and migrates it to
 * {@code migration.target} again ({@link MigrateFromBaseTestExecutionListener}). Rows
 * that earlier test classes left behind in the same cached context are gone, and every
 * downgrade is exercised on the way. With {@code migration.instances}, every instance's
 * database is: all are rolled back to {@code base} (the last declared first), then each
 * is migrated to its own {@code target}, in their order.
 * <p>
 * The rollback skips the safety checks and accepts data loss: use it on test databases
 * only. A {@code @Nested} class of an annotated class is annotated too (JUnit's nested
 * classes inherit the enclosing class's Spring test configuration), so it starts from
 * base again. Every revision needs a downgrade section; an irreversible one fails the class
 * with the engine's message. For a schema of its own per test class instead, give each
 * class its own {@code spring.datasource.url} (a DuckDB file in a temporary directory) or
 * {@code migration.schema}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface MigrateFromBase {

}
