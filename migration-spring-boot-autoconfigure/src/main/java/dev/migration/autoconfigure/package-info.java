/**
 * Auto-configuration of the migration engine for Spring Boot: the
 * {@link dev.migration.MigrationManager MigrationManager} bean built from
 * {@link dev.migration.autoconfigure.MigrationProperties migration.*} properties, the
 * {@link dev.migration.autoconfigure.MigrationRunner runner} that migrates at start-up,
 * the ways to customize both ({@link dev.migration.autoconfigure.MigrationManagerCustomizer},
 * {@link dev.migration.autoconfigure.MigrationDataSource @MigrationDataSource}), and the
 * Actuator endpoint, health and metrics.
 * <p>
 * API: kept compatible within a major version. Values are never {@code null} unless
 * marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration.autoconfigure;

import org.jspecify.annotations.NullMarked;
