package dev.migration.autoconfigure.command;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.migration.MigrationException;
import dev.migration.MigrationLockException;
import dev.migration.dialect.Dialect;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ClassUtils;

/**
 * Refuses a command at once when the DuckDB file it would work on is held by another
 * process, such as the running application. The engine does not retry a held file, but
 * a pool still pauses before it gives up: HikariCP waits a second after a failed first
 * connection (its {@code initializationFailTimeout} check). One connection made
 * directly, with the pool's URL and credentials, fails without that pause, and a free
 * file is closed again at once for the pool to open. Commands that read only the
 * scripts ({@code sql}, {@code heads}) still run beside the application.
 */
final class DuckDbFileCheck {

	private static final String DUCKDB_URL_PREFIX = "jdbc:duckdb:";

	/**
	 * The commands that take the manager but never connect.
	 */
	private static final Set<String> OFFLINE_COMMANDS = Set.of("sql", "heads");

	private static final boolean DATA_SOURCE_BUILDER_PRESENT = ClassUtils
		.isPresent("org.springframework.boot.jdbc.DataSourceBuilder", DuckDbFileCheck.class.getClassLoader());

	private final Supplier<@Nullable DataSource> dataSource;

	private final String[] sourceArgs;

	private volatile boolean checked;

	/**
	 * Creates a check.
	 * @param dataSource the DataSource the commands work on, chosen as the manager's is
	 * @param sourceArgs the command line, {@code migration} included, to tell the
	 * commands that never connect
	 */
	DuckDbFileCheck(Supplier<@Nullable DataSource> dataSource, String[] sourceArgs) {
		this.dataSource = dataSource;
		this.sourceArgs = sourceArgs.clone();
	}

	/**
	 * Checks the file, once per command run, unless the command never connects.
	 * @throws MigrationLockException if another process holds the DuckDB file
	 */
	void refuseIfHeld() {
		if (this.checked) {
			return;
		}
		this.checked = true;
		if (isOffline(this.sourceArgs)) {
			return;
		}
		SimpleDriverDataSource direct = direct(this.dataSource.get());
		if (direct == null) {
			return;
		}
		try (Connection connection = direct.getConnection()) {
			// Free: the pool opens it for the command.
		}
		catch (SQLException ex) {
			MigrationException failure = Dialect.duckdb().connectionFailure(ex);
			if (failure instanceof MigrationLockException) {
				throw failure;
			}
			// Any other failure is the engine's to report, through the pool, as usual.
		}
	}

	private static boolean isOffline(String[] sourceArgs) {
		try {
			return OFFLINE_COMMANDS.contains(CommandLineParser.parse(sourceArgs).command().name());
		}
		catch (UsageException ex) {
			// Reported by the commands, which then run nothing.
			return true;
		}
	}

	/**
	 * A DataSource without a pool for the same DuckDB file, or {@code null} when the
	 * DataSource is not a DuckDB file's or its URL cannot be read.
	 */
	private static @Nullable SimpleDriverDataSource direct(@Nullable DataSource dataSource) {
		if (dataSource == null || !DATA_SOURCE_BUILDER_PRESENT) {
			return null;
		}
		SimpleDriverDataSource direct;
		try {
			direct = DataSourceBuilder.derivedFrom(dataSource).type(SimpleDriverDataSource.class).build();
		}
		catch (RuntimeException ex) {
			// A DataSource whose properties Spring Boot cannot read: no shortcut for it.
			return null;
		}
		String url = direct.getUrl();
		if (url == null || !url.startsWith(DUCKDB_URL_PREFIX)) {
			return null;
		}
		String database = url.substring(DUCKDB_URL_PREFIX.length());
		if (database.isEmpty() || database.startsWith(":memory:")) {
			// An in-memory database belongs to its process: no other can hold it.
			return null;
		}
		if (direct.getDriver() == null) {
			try {
				direct.setDriver(DriverManager.getDriver(url));
			}
			catch (SQLException ex) {
				return null;
			}
		}
		return direct;
	}

}
