package dev.migration.script.indexed;

/**
 * A class beside the migrations that is not one: no index lists it.
 */
public class NotAMigration {

}
