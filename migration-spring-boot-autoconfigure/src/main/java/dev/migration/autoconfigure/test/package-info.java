/**
 * Test support: {@link dev.migration.autoconfigure.test.MigrateFromBase @MigrateFromBase}
 * starts a Spring test class from a freshly migrated schema.
 * <p>
 * API: kept compatible within a major version. Values are never {@code null} unless
 * marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration.autoconfigure.test;

import org.jspecify.annotations.NullMarked;
