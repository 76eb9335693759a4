/**
 * Command mode: {@code java -jar app.jar migration <command>} runs one command against
 * the application's database and exits with its code.
 * <p>
 * Internal: not API, may change without notice. The commands, their options and their
 * exit codes are the contract; the auto-configuration and environment post-processor
 * are public only for Spring Boot to load them.
 */
@NullMarked
package dev.migration.autoconfigure.command;

import org.jspecify.annotations.NullMarked;
