/**
 * The benchmark harness: the migration engine against a floor of plain JDBC running the
 * same statements on the same database, and against Flyway and Liquibase (the anchors)
 * running them in their own formats, alternating, in one run. Started with
 * {@link dev.migration.benchmark.BenchmarkMain}; nothing here is part of the engine.
 */
package dev.migration.benchmark;
