package dev.migration.script.indexed;

import dev.migration.JavaMigration;

/**
 * A base class of migrations, not one itself: no index lists it.
 */
public abstract class AbstractMigration implements JavaMigration {

}
