/**
 * The public API for running migrations: {@link dev.migration.MigrationManager} (created
 * with its static factory), its immutable {@link dev.migration.MigrationConfiguration},
 * the result records, the extension points ({@link dev.migration.JavaMigration},
 * {@link dev.migration.MigrationListener}, {@link dev.migration.BackupVerifier}) and the
 * exception family rooted at {@link dev.migration.MigrationException}. Writing new
 * revision scripts is in {@link dev.migration.authoring}.
 * <p>
 * API: kept compatible within a major version. Values are never {@code null} unless
 * marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration;

import org.jspecify.annotations.NullMarked;
