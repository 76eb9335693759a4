/**
 * Executing a plan: a transaction per step with lock retries, the history tables, the
 * database lock, rollback safety checks, and the context handed to Java migrations.
 * <p>
 * Internal: not API, may change without notice. Use
 * {@link dev.migration.MigrationManager}, which delegates here.
 */
@NullMarked
package dev.migration.runtime;

import org.jspecify.annotations.NullMarked;
