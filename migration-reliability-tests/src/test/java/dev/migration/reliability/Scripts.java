package dev.migration.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes revision scripts into a {@code filesystem:} location.
 */
final class Scripts {

	/**
	 * The sample app's head revision.
	 */
	static final String SAMPLE_HEAD = "a1c0e5f00009";

	private final Path directory;

	Scripts(Path directory) {
		this.directory = directory;
	}

	/**
	 * Creates the directory if needed.
	 * @return this
	 */
	Scripts createDirectory() {
		try {
			Files.createDirectories(this.directory);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The location to configure.
	 * @return {@code filesystem:<directory>}
	 */
	String location() {
		return "filesystem:" + this.directory.toAbsolutePath();
	}

	/**
	 * Writes (or rewrites) a transactional revision.
	 * @param revision the id
	 * @param downRevision the parent, or {@code none}
	 * @param upgrade the upgrade section
	 * @param downgrade the downgrade section
	 * @return the file
	 */
	Path write(String revision, String downRevision, String upgrade, String downgrade) {
		return write(revision, downRevision, true, upgrade, downgrade);
	}

	/**
	 * Writes (or rewrites) a revision.
	 * @param revision the id
	 * @param downRevision the parent, or {@code none}
	 * @param transactional whether it runs in one transaction
	 * @param upgrade the upgrade section
	 * @param downgrade the downgrade section
	 * @return the file
	 */
	Path write(String revision, String downRevision, boolean transactional, String upgrade, String downgrade) {
		String script = """
				-- Revision %1$s
				--
				-- revision: %1$s
				-- down_revision: %2$s
				-- transactional: %3$s

				-- upgrade
				%4$s

				-- downgrade
				%5$s
				""".formatted(revision, downRevision, transactional, upgrade, downgrade);
		Path file = this.directory.resolve(revision + "_reliability.sql");
		try {
			return Files.writeString(file, script, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
