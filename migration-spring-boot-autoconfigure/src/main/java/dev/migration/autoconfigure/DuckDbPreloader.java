package dev.migration.autoconfigure;

import java.sql.Connection;
import java.sql.Driver;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.migration.autoconfigure.command.MigrationCommandEnvironmentPostProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Loads DuckDB's native engine on a background thread as soon as the environment is
 * prepared, when the database to migrate is a DuckDB one, so that the starter's check at
 * the end of the start does not wait for it.
 * <p>
 * The first DuckDB connection in a JVM unpacks the driver's native library and loads
 * and initialises the engine: about a third of a second, ten times the whole check of a
 * database at head, and a cost no other part of the start pays (the application's own
 * pool opens its first connection when it is first used). {@link MigrationWarmUp} starts
 * only when the migration beans are created, late in the refresh; this starts before the
 * refresh, so the load overlaps with all of it. It opens an in-memory database, not the
 * application's file: once the engine is loaded, opening the file costs little, and the
 * file stays the pool's and the run's to open with their own settings.
 * <p>
 * Runs only where the warm-up would ({@code migration.enabled},
 * {@code migration.auto-migrate} and {@code migration.warm-up}, so never for a command;
 * with {@code migration.instances}, an instance's own settings and {@code url}),
 * and, like Spring Boot's own background pre-initialisation, only with more than one
 * processor. A failure is logged at {@code DEBUG} and left for the run to meet and
 * report.
 */
final class DuckDbPreloader implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/**
	 * The name of the preloading thread.
	 */
	static final String THREAD_NAME = "migration-duckdb-preload";

	private static final String URL_PREFIX = "jdbc:duckdb:";

	static final String DRIVER_CLASS = "org.duckdb.DuckDBDriver";

	private static final Log logger = LogFactory.getLog(DuckDbPreloader.class);

	private volatile @Nullable Thread thread;

	private volatile @Nullable Throwable failure;

	/**
	 * After the environment post-processors: the URL may come from the config data or
	 * {@code DATABASE_URL}, and a command switches {@code migration.auto-migrate} off.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (Runtime.getRuntime().availableProcessors() < 2 || !isDuckDbToCheck(event.getEnvironment())) {
			return;
		}
		ClassLoader classLoader = event.getSpringApplication().getClassLoader();
		Thread preloading = new Thread(() -> preloadQuietly(classLoader), THREAD_NAME);
		preloading.setDaemon(true);
		this.thread = preloading;
		preloading.start();
	}

	/**
	 * Whether the starter will check a DuckDB database while the application starts.
	 * @param environment the prepared environment
	 * @return {@code true} if the migrations run at start, warmed up, on a
	 * {@code jdbc:duckdb:} URL ({@code migration.url}, else {@code spring.datasource.url});
	 * with {@code migration.instances}, if one instance has a {@code jdbc:duckdb:}
	 * {@code url} and its own {@code auto-migrate} and {@code warm-up} on, outside a
	 * command
	 */
	static boolean isDuckDbToCheck(ConfigurableEnvironment environment) {
		try {
			Binder binder = Binder.get(environment);
			if (!binder.bind("migration.enabled", Boolean.class).orElse(true)) {
				return false;
			}
			Map<String, MigrationProperties> instances = MigrationInstances.configured(environment);
			if (!instances.isEmpty()) {
				return isInstanceToCheck(binder, instances);
			}
			for (String flag : new String[] { "migration.auto-migrate", "migration.warm-up" }) {
				if (!binder.bind(flag, Boolean.class).orElse(true)) {
					return false;
				}
			}
			String url = binder.bind("migration.url", String.class).orElse(null);
			if (!StringUtils.hasText(url)) {
				url = binder.bind("spring.datasource.url", String.class).orElse(null);
			}
			return isDuckDb(url);
		}
		catch (RuntimeException ex) {
			// A value that does not bind: the properties' own binding reports it, with its
			// failure analysis; nothing to load ahead of that.
			return false;
		}
	}

	/**
	 * Whether an instance's runner will check a DuckDB database given by its {@code url}.
	 * The top-level settings configure no manager then, and each instance has its own
	 * ({@code auto-migrate} is not switched off for a command, whose mode says it). An
	 * instance given by a DataSource bean is not known to be a DuckDB one before the
	 * beans exist: it is left to its warm-up.
	 */
	private static boolean isInstanceToCheck(Binder binder, Map<String, MigrationProperties> instances) {
		if (binder.bind(MigrationCommandEnvironmentPostProcessor.ACTIVE_PROPERTY, Boolean.class).orElse(false)) {
			return false;
		}
		return instances.values()
			.stream()
			.anyMatch((instance) -> instance.isAutoMigrate() && instance.isWarmUp() && isDuckDb(instance.getUrl()));
	}

	private static boolean isDuckDb(@Nullable String url) {
		return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith(URL_PREFIX);
	}

	/**
	 * Opens and closes an in-memory DuckDB database, which loads the engine.
	 * @param classLoader the application's class loader, which has the driver
	 * @throws Exception if the driver is missing or the engine does not load
	 */
	static void preload(@Nullable ClassLoader classLoader) throws Exception {
		Driver driver = (Driver) ClassUtils.forName(DRIVER_CLASS, classLoader).getDeclaredConstructor().newInstance();
		try (Connection connection = driver.connect(URL_PREFIX, new Properties())) {
			// Opened only to load the engine.
		}
	}

	private void preloadQuietly(@Nullable ClassLoader classLoader) {
		long start = System.nanoTime();
		try {
			preload(classLoader);
			if (logger.isDebugEnabled()) {
				logger.debug("Loaded DuckDB in " + (System.nanoTime() - start) / 1_000_000 + " ms");
			}
		}
		catch (Exception | LinkageError ex) {
			this.failure = ex;
			if (logger.isDebugEnabled()) {
				logger.debug("Loading DuckDB in the background failed; the run meets the failure again and reports it: "
						+ ex);
			}
		}
	}

	/**
	 * The thread this listener started, for tests.
	 * @return the thread, or {@code null} if none was started
	 */
	@Nullable Thread thread() {
		return this.thread;
	}

	/**
	 * What the preloading failed with, for tests.
	 * @return the failure, or {@code null}
	 */
	@Nullable Throwable failure() {
		return this.failure;
	}

}
