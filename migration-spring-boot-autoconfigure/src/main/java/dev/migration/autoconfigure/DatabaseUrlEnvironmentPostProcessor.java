package dev.migration.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * Maps the twelve-factor variables {@code DATABASE_URL}, {@code DB_POOL_SIZE},
 * {@code DB_MAX_OVERFLOW} and {@code DB_ECHO} onto {@code spring.datasource.*},
 * {@code spring.datasource.hikari.*} and {@code migration.echo}.
 * <p>
 * {@code DATABASE_URL} is {@code postgresql://user:password@host:5432/db} (or
 * {@code postgres://}), {@code duckdb:///relative.db}, {@code duckdb:////absolute.db},
 * {@code duckdb:///:memory:}, or a {@code jdbc:} URL taken as it is. The mapped
 * properties rank as environment variables do: right after the system environment,
 * so they override {@code application.yml} (and its profiles) while command-line
 * arguments and system properties still override them.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * The name of the property source holding the mapped properties.
	 */
	public static final String PROPERTY_SOURCE_NAME = "migrationDatabaseUrl";

	/**
	 * Runs after the config data (application properties) was loaded.
	 */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 10;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String databaseUrl = environment.getProperty("DATABASE_URL");
		if (StringUtils.hasText(databaseUrl)) {
			mapDatabaseUrl(databaseUrl.trim(), properties);
		}
		mapPoolSize(environment.getProperty("DB_POOL_SIZE"), environment.getProperty("DB_MAX_OVERFLOW"), properties);
		String echo = environment.getProperty("DB_ECHO");
		if (StringUtils.hasText(echo)) {
			properties.put("migration.echo", String.valueOf(isTrue(echo)));
		}
		if (!properties.isEmpty()) {
			MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
			if (environment.getPropertySources()
				.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
				environment.getPropertySources()
					.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
			}
			else {
				environment.getPropertySources().addLast(source);
			}
		}
	}

	private void mapDatabaseUrl(String databaseUrl, Map<String, Object> properties) {
		if (databaseUrl.startsWith("jdbc:")) {
			properties.put("spring.datasource.url", databaseUrl);
			return;
		}
		int schemeEnd = databaseUrl.indexOf("://");
		String scheme = (schemeEnd > 0) ? databaseUrl.substring(0, schemeEnd).toLowerCase(Locale.ROOT) : "";
		switch (scheme) {
			case "duckdb" -> {
				properties.put("spring.datasource.url", duckDbUrl(databaseUrl.substring(schemeEnd + 3)));
				properties.put("spring.datasource.driver-class-name", "org.duckdb.DuckDBDriver");
			}
			case "postgresql", "postgres" -> mapPostgresUrl(databaseUrl, properties);
			default -> throw new IllegalArgumentException("DATABASE_URL '" + Credentials.mask(databaseUrl)
					+ "' is not supported: use postgresql://user:password@host:5432/db, duckdb:///relative.db, "
					+ "duckdb:////absolute.db, duckdb:///:memory: or a jdbc: URL");
		}
	}

	private String duckDbUrl(String rest) {
		// duckdb:///dev.db: an empty host, then the path; one more slash makes it absolute.
		if (!rest.startsWith("/")) {
			throw new IllegalArgumentException("DATABASE_URL 'duckdb://" + rest
					+ "' has a host: use duckdb:///relative.db, duckdb:////absolute.db or duckdb:///:memory:");
		}
		String path = rest.substring(1);
		if (path.isEmpty() || path.equals(":memory:")) {
			return "jdbc:duckdb:";
		}
		return "jdbc:duckdb:" + path;
	}

	private void mapPostgresUrl(String databaseUrl, Map<String, Object> properties) {
		URI uri;
		try {
			uri = new URI(databaseUrl);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("DATABASE_URL '" + Credentials.mask(databaseUrl)
					+ "' is not a valid URL: " + ex.getReason());
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("DATABASE_URL '" + Credentials.mask(databaseUrl)
					+ "' has no host: use postgresql://user:password@host:5432/db");
		}
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
		if (uri.getPort() != -1) {
			url.append(':').append(uri.getPort());
		}
		url.append((uri.getRawPath() != null) ? uri.getRawPath() : "");
		if (uri.getRawQuery() != null) {
			url.append('?').append(uri.getRawQuery());
		}
		properties.put("spring.datasource.url", url.toString());
		properties.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			properties.put("spring.datasource.username", decode((colon != -1) ? userInfo.substring(0, colon) : userInfo));
			if (colon != -1) {
				properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
			}
		}
	}

	private void mapPoolSize(String poolSize, String maxOverflow, Map<String, Object> properties) {
		if (!StringUtils.hasText(poolSize)) {
			if (StringUtils.hasText(maxOverflow)) {
				throw new IllegalArgumentException(
						"DB_MAX_OVERFLOW '" + maxOverflow + "' is set without DB_POOL_SIZE: set both or neither");
			}
			return;
		}
		int pool = count("DB_POOL_SIZE", poolSize, 1);
		int overflow = StringUtils.hasText(maxOverflow) ? count("DB_MAX_OVERFLOW", maxOverflow, 0) : 0;
		properties.put("spring.datasource.hikari.minimum-idle", String.valueOf(pool));
		properties.put("spring.datasource.hikari.maximum-pool-size", String.valueOf(pool + overflow));
	}

	private int count(String name, String value, int minimum) {
		try {
			int count = Integer.parseInt(value.trim());
			if (count >= minimum) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(name + " '" + value + "' is not a whole number of at least " + minimum);
	}

	private static boolean isTrue(String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "1", "true", "yes", "on" -> true;
			default -> false;
		};
	}

	private static String decode(String value) {
		// Percent-decoding only: a '+' in a password is a '+'.
		return StringUtils.uriDecode(value, StandardCharsets.UTF_8);
	}

}
