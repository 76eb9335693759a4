package dev.migration.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per database, each time with a {@link TestDatabase} parameter of
 * its own: a fresh PostgreSQL schema or a fresh DuckDB file, removed afterwards.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(TestDatabaseExtension.class)
public @interface DatabaseTest {

	/**
	 * The databases to run on; both by default.
	 * @return the databases
	 */
	Database[] value() default { Database.POSTGRESQL, Database.DUCKDB };

}
