/**
 * Script files to revisions: the header and section parser, the statement splitter,
 * Java migrations found on the class path, the build-time script index, and the writer
 * used by {@link dev.migration.authoring.MigrationAuthor}.
 * <p>
 * Internal: not API, may change without notice. The public types here serve the other
 * packages of the engine and the Spring Boot integration.
 */
@NullMarked
package dev.migration.script;

import org.jspecify.annotations.NullMarked;
