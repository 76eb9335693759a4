package dev.migration;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Takes a consistent snapshot of a DuckDB database right before a rollback: a
 * {@code CHECKPOINT}, then a transactional copy of every schema into a new file.
 */
final class DuckDbSnapshotVerifier implements BackupVerifier {

	private static final System.Logger logger = System.getLogger("dev.migration");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

	private final Path directory;

	DuckDbSnapshotVerifier(Path directory) {
		this.directory = directory;
	}

	@Override
	public @Nullable String verify(Context context) throws Exception {
		if (!context.dialect().canSnapshot()) {
			return "The DuckDB snapshot verifier cannot back up a " + context.dialect().name()
					+ " database: register a BackupVerifier for your backup tooling";
		}
		Files.createDirectories(this.directory);
		if (!Files.isWritable(this.directory)) {
			return "Snapshot directory " + this.directory + " is not writable";
		}
		if (context.dryRun()) {
			return null;
		}
		Path snapshot = this.directory
			.resolve("before-rollback-to-" + context.target() + "-" + LocalDateTime.now().format(STAMP) + ".db")
			.toAbsolutePath();
		context.dialect().snapshot(context.connection(), snapshot);
		logger.log(Level.INFO, "Snapshot of the database before rolling back to {0}: {1}. Restore it with "
				+ "MigrationManager.restoreSnapshot(Path.of(\"{1}\")) (command: migration restore {1})",
				context.target(), snapshot.toString());
		return null;
	}

}
