/**
 * The revision graph and migration planning: {@link dev.migration.revision.Revision},
 * {@link dev.migration.revision.RevisionGraph}, targets ({@code head}, {@code heads},
 * {@code base}, {@code +N}, {@code -N}, ids, prefixes and {@code <rev>±N}) and
 * {@link dev.migration.revision.MigrationPlan}. Knows nothing of databases.
 * <p>
 * API: the results and listener callbacks of {@link dev.migration} hand these types
 * out. Values are never {@code null} unless marked
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration.revision;

import org.jspecify.annotations.NullMarked;
