/**
 * Schema operations as data: one record per operation of the sealed
 * {@link dev.migration.operation.Operation}, each knowing its own reverse, and the
 * schema snapshots autogenerate compares. Templates and autogenerate produce them; a
 * dialect's renderer writes them as SQL.
 * <p>
 * API as far as {@link dev.migration.authoring.MigrationAuthor#drift()} and
 * {@link dev.migration.authoring.MigrationSql} hand operations out; the rendering
 * ({@link dev.migration.operation.OperationRenderer}) is internal and may change without
 * notice. Values are never {@code null} unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration.operation;

import org.jspecify.annotations.NullMarked;
