/**
 * One class per database behind {@link dev.migration.dialect.Dialect}: the SQL of the
 * history tables, the lock, introspection and snapshots, with the rules that differ
 * between databases.
 * <p>
 * API only as a handle: {@link dev.migration.dialect.Dialect#of(java.sql.Connection)},
 * {@link dev.migration.dialect.Dialect#postgresql()},
 * {@link dev.migration.dialect.Dialect#duckdb()} and
 * {@link dev.migration.dialect.Dialect#name()}, given to templates and backup verifiers.
 * The statements a dialect gives the engine are internal and may change without notice.
 * Values are never {@code null} unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration.dialect;

import org.jspecify.annotations.NullMarked;
