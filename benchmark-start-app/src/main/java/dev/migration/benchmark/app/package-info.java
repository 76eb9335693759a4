/**
 * The small web application whose start the benchmarks' {@code starter-cost} workload
 * times in three builds: without a migration tool, with the migration starter, with
 * Spring Boot's Flyway starter.
 */
package dev.migration.benchmark.app;
