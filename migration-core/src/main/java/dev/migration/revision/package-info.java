/**
 * The revision graph and migration planning: {@link dev.migration.revision.Revision},
 * {@link dev.migration.revision.RevisionGraph}, targets ({@code head}, {@code heads},
 * {@code base}, {@code +N}, {@code -N}, ids, prefixes and {@code <rev>±N}) and
 * {@link dev.migration.revision.MigrationPlan}. Knows nothing of databases.
 */
package dev.migration.revision;
