package dev.migration.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The revision scripts the tenant tests migrate: {@code r1} creates the table
 * {@code items}, {@code r2} adds its column {@code name}; each with its downgrade.
 */
public final class TenantTestScripts {

	private static final String ITEMS = """
			-- Items
			--
			-- revision: r1
			-- down_revision: none

			-- upgrade
			CREATE TABLE items (id INTEGER);

			-- downgrade
			DROP TABLE items;
			""";

	private static final String ITEM_NAMES = """
			-- Item names
			--
			-- revision: r2
			-- down_revision: r1

			-- upgrade
			ALTER TABLE items ADD COLUMN name TEXT;

			-- downgrade
			ALTER TABLE items DROP COLUMN name;
			""";

	private TenantTestScripts() {
	}

	/**
	 * Writes {@code r1.sql} (the table {@code items}) into a directory, created if
	 * missing.
	 * @param directory the scripts directory
	 * @return the directory
	 * @throws IOException if the script cannot be written
	 */
	public static Path writeItems(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("r1.sql"), ITEMS);
		return directory;
	}

	/**
	 * Writes {@code r1.sql} (the table {@code items}) and {@code r2.sql} (its column
	 * {@code name}) into a directory, created if missing.
	 * @param directory the scripts directory
	 * @return the directory
	 * @throws IOException if a script cannot be written
	 */
	public static Path writeItemsAndNames(Path directory) throws IOException {
		writeItems(directory);
		Files.writeString(directory.resolve("r2.sql"), ITEM_NAMES);
		return directory;
	}

}
