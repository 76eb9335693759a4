/**
 * PostgreSQL, all in one place: its {@link dev.migration.dialect.Dialect}, the renderer
 * of operations as its DDL and the reader of its catalog. Not API: reach it through
 * {@link dev.migration.dialect.Dialect#postgresql()} or
 * {@link dev.migration.dialect.Dialect#of(java.sql.Connection)}.
 */
package dev.migration.dialect.postgresql;
