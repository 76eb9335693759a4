package dev.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Wants a backup file, or a directory whose newest entry, younger than a maximum age.
 */
final class RecentBackupVerifier implements BackupVerifier {

	private final Path path;

	private final Duration maxAge;

	RecentBackupVerifier(Path path, Duration maxAge) {
		this.path = path;
		this.maxAge = maxAge;
	}

	@Override
	public @Nullable String verify(Context context) throws IOException {
		if (!Files.exists(this.path)) {
			return "No backup at " + this.path + ": take one before rolling back";
		}
		Optional<FileTime> newest;
		if (Files.isDirectory(this.path)) {
			try (Stream<Path> entries = Files.list(this.path)) {
				newest = entries.map(RecentBackupVerifier::modified).max(FileTime::compareTo);
			}
		}
		else {
			newest = Optional.of(modified(this.path));
		}
		if (newest.isEmpty()) {
			return "Backup directory " + this.path + " is empty: take a backup before rolling back";
		}
		Duration age = Duration.between(newest.get().toInstant(), Instant.now());
		if (age.compareTo(this.maxAge) > 0) {
			return "The newest backup in " + this.path + " is " + age.toMinutes() + " min old, older than the "
					+ this.maxAge.toMinutes() + " min allowed: take a fresh backup before rolling back";
		}
		return null;
	}

	private static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

}
