/**
 * DuckDB, all in one place: its {@link dev.migration.dialect.Dialect}, the renderer of
 * operations as its DDL (with the table rebuilds its missing {@code ALTER} forms need)
 * and the reader of its catalog. Not API: reach it through
 * {@link dev.migration.dialect.Dialect#duckdb()} or
 * {@link dev.migration.dialect.Dialect#of(java.sql.Connection)}.
 */
package dev.migration.dialect.duckdb;
