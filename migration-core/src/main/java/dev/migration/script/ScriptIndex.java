package dev.migration.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;

/**
 * The index of a {@code classpath:} script location, written when an application is
 * built: the scripts and Java migration classes of the location, for an environment
 * that cannot list class-path directories, such as a GraalVM native image, where
 * scanning the location finds nothing.
 * <p>
 * An index is a UTF-8 text file on the class path at
 * {@code migration-index/<path>.idx}, where {@code <path>} is the location's:
 * {@code classpath:db/migration} has {@code migration-index/db/migration.idx}. Not
 * under {@code META-INF/}: a Spring Boot jar keeps the application's {@code META-INF/}
 * out of its class path (and so does a native image built from it).
 * It has one entry per line, a path relative to the location ending in {@code .sql} (a
 * script) or {@code .class} (a Java migration); blank lines and lines starting with
 * {@code #} are ignored. The Spring Boot starter writes it when an application is
 * processed ahead of time ({@code spring-boot:process-aot}).
 * <p>
 * {@link ScriptLoader} reads every index of a location on the class path besides
 * scanning the location, and loads each script found either way once: where the class
 * path can be listed, a script added after the index was written is still found. An
 * entry that is not on the class path is an error naming the index and the entry.
 *
 * @param path the location's class-path directory, such as {@code db/migration}
 * @param entries the paths relative to it of the scripts and Java migration classes,
 * sorted
 */
public record ScriptIndex(String path, List<String> entries) {

	/**
	 * The class-path directory of the indexes.
	 */
	public static final String DIRECTORY = "migration-index/";

	/**
	 * The ending of an index's name.
	 */
	public static final String SUFFIX = ".idx";

	public ScriptIndex {
		path = classpathDirectory(path);
		entries = List.copyOf(entries);
	}

	/**
	 * Whether a script location can have an index: a {@code classpath:} one (or one
	 * without a prefix, which is on the class path too).
	 * @param location the location, as configured
	 * @return {@code true} for a class-path location
	 */
	public static boolean isIndexable(String location) {
		String trimmed = location.trim();
		return trimmed.startsWith("classpath:") || !trimmed.contains(":");
	}

	/**
	 * Scans a location as loading its scripts does, without reading its indexes: what
	 * its index lists. Classes are looked at, not initialised.
	 * @param location a {@code classpath:} location
	 * @param classLoader where to look
	 * @return the index
	 * @throws MigrationException for a location that is not on the class path
	 */
	public static ScriptIndex scan(String location, ClassLoader classLoader) {
		if (!isIndexable(location)) {
			throw new MigrationException("Script location '" + location
					+ "' is not on the class path: only classpath: locations have an index");
		}
		MigrationConfiguration configuration = MigrationConfiguration.builder()
			.locations(location)
			.classLoader(classLoader)
			.build();
		return new ScriptIndex(location, new ScriptLoader(configuration).scanWithoutIndex(location.trim()));
	}

	/**
	 * The class-path resource name of a location's index.
	 * @param location a {@code classpath:} location, or its directory
	 * @return the name, such as {@code migration-index/db/migration.idx}
	 */
	public static String resourceName(String location) {
		return DIRECTORY + classpathDirectory(location) + SUFFIX;
	}

	/**
	 * The class-path resource name of this index.
	 * @return the name, such as {@code migration-index/db/migration.idx}
	 */
	public String resourceName() {
		return resourceName(this.path);
	}

	/**
	 * The text of this index, as read back.
	 * @return the text
	 */
	public String content() {
		StringBuilder content = new StringBuilder("# The scripts and Java migrations of classpath:" + this.path
				+ ", written at build time for where the class path cannot be listed.\n");
		for (String entry : this.entries) {
			content.append(entry).append('\n');
		}
		return content.toString();
	}

	/**
	 * The class-path resource names of the SQL scripts listed.
	 * @return the names, such as {@code db/migration/a1_create_users.sql}
	 */
	public List<String> scriptResources() {
		List<String> resources = new ArrayList<>();
		for (String entry : this.entries) {
			if (entry.endsWith(".sql")) {
				resources.add(this.path + "/" + entry);
			}
		}
		return resources;
	}

	/**
	 * The names of the Java migration classes listed.
	 * @return the binary class names, such as {@code db.migration.V2_AddAgeCheck}
	 */
	public List<String> javaMigrationClassNames() {
		List<String> classNames = new ArrayList<>();
		for (String entry : this.entries) {
			if (entry.endsWith(".class")) {
				classNames.add(className(this.path, entry));
			}
		}
		return classNames;
	}

	/**
	 * The binary name of the class of an entry.
	 */
	static String className(String path, String entry) {
		return (path + "/" + entry.substring(0, entry.length() - ".class".length())).replace('/', '.');
	}

	/**
	 * Reads the entries of an index.
	 * @param index where it is
	 * @return its entries, in its order
	 * @throws MigrationException for an entry that is not a relative path to a script or
	 * a class, naming the index and the line
	 */
	static List<String> read(URL index) {
		List<String> entries = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
			int lineNumber = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lineNumber++;
				String entry = line.strip();
				if (entry.isEmpty() || entry.startsWith("#")) {
					continue;
				}
				if (!(entry.endsWith(".sql") || entry.endsWith(".class")) || entry.startsWith("/")
						|| entry.contains("\\") || ("/" + entry).contains("/../")) {
					throw new MigrationException("Script index " + index + ":" + lineNumber + ": entry '" + entry
							+ "' is not a path relative to the location ending in .sql or .class");
				}
				entries.add(entry);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read script index " + index, ex);
		}
		return entries;
	}

	private static String classpathDirectory(String location) {
		String path = location.trim();
		if (path.startsWith("classpath:")) {
			path = path.substring("classpath:".length());
		}
		else if (path.contains(":")) {
			throw new MigrationException("Script location '" + location
					+ "' is not on the class path: only classpath: locations have an index");
		}
		return ScriptLoader.stripSlashes(path.strip());
	}

}
