package dev.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import dev.migration.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * A rollback safety check that a recent backup exists (or takes one). Register your
 * own to plug in the team's backup tooling (on PostgreSQL: ask pgBackRest, Barman or
 * your cloud provider for the newest backup's time and compare it with a maximum age).
 * Verifiers run after the other safety checks passed, right before the rollback.
 */
@FunctionalInterface
public interface BackupVerifier {

	/**
	 * Checks (or takes) a backup.
	 * @param context the database and the rollback about to run
	 * @return {@code null} when the backup is fine, otherwise the problem, naming what is
	 * missing or too old
	 * @throws Exception when the check itself fails, which refuses the rollback
	 */
	@Nullable String verify(Context context) throws Exception;

	/**
	 * A verifier that wants a backup file, or a directory whose newest entry, younger
	 * than {@code maxAge}.
	 * @param path the backup file or directory
	 * @param maxAge the maximum age of the newest backup
	 * @return the verifier
	 */
	static BackupVerifier recentFile(Path path, Duration maxAge) {
		return new RecentBackupVerifier(path, maxAge);
	}

	/**
	 * For DuckDB: takes a consistent snapshot of the database into a new file in
	 * {@code directory} right before the rollback, and logs its path with the way to
	 * restore it ({@link MigrationManager#restoreSnapshot(Path)}).
	 * @param directory where snapshots are written
	 * @return the verifier
	 */
	static BackupVerifier duckDbSnapshot(Path directory) {
		return new DuckDbSnapshotVerifier(directory);
	}

	/**
	 * What a verifier gets to see.
	 *
	 * @param connection a connection to the database (do not close it)
	 * @param dialect the database's dialect
	 * @param target the resolved rollback target
	 * @param dryRun whether this is a dry run (take nothing, only check)
	 */
	record Context(Connection connection, Dialect dialect, String target, boolean dryRun) {

	}

}
