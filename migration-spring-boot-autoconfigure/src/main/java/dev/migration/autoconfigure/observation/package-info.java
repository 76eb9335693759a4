/**
 * Micrometer observations of migration runs and of each migration, with conventions
 * that applications can replace to change names and tags.
 * <p>
 * API: kept compatible within a major version. Values are never {@code null} unless
 * marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.migration.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
