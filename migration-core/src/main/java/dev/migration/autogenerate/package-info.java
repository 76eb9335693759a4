/**
 * Autogenerate: introspects the live schema and a declared model loaded into a scratch
 * database, and compares them into operations.
 * <p>
 * Internal: not API, may change without notice. Users reach it through
 * {@link dev.migration.authoring.MigrationAuthor} ({@code create(message, true)} and
 * {@code drift()}); the public types here serve the authoring package and the Spring
 * Boot integration.
 */
@NullMarked
package dev.migration.autogenerate;

import org.jspecify.annotations.NullMarked;
