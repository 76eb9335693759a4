package dev.migration.script;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.migration.JavaMigration;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;

/**
 * Finds the revision scripts of the configured locations: {@code .sql} files parsed
 * with {@link SqlScriptParser}, and {@link JavaMigration} classes with a public
 * no-argument constructor, plus the Java migrations given as instances. Locations are
 * {@code classpath:} (directories and jars) or {@code filesystem:} paths, scanned
 * recursively; a location that does not exist contributes nothing. A {@code classpath:}
 * location's {@linkplain ScriptIndex index}, when there is one on the class path, lists
 * what scanning cannot find where the class path cannot be listed (a native image).
 */
public final class ScriptLoader {

	private final MigrationConfiguration configuration;

	public ScriptLoader(MigrationConfiguration configuration) {
		this.configuration = configuration;
	}

	/**
	 * Loads every script, sorted by location then path so the result never depends on
	 * the file system's order.
	 * @return the scripts
	 * @throws dev.migration.ScriptException for a malformed script, or a branch label
	 * declared twice or equal to a revision id, naming file and line
	 */
	public List<MigrationScript> load() {
		return loadAll().revisions();
	}

	/**
	 * Loads every script, revisions and repeatable migrations apart, each list sorted by
	 * location then path.
	 * @return the scripts
	 * @throws dev.migration.ScriptException for a malformed script, or a branch label
	 * declared twice or equal to a revision id, naming file and line
	 */
	public ScriptSet loadAll() {
		List<MigrationScript> scripts = new ArrayList<>();
		List<MigrationScript> repeatables = new ArrayList<>();
		for (String location : this.configuration.locations()) {
			for (Resource resource : scan(location.trim(), true).values()) {
				MigrationScript script = (resource.sql != null) ? resource.sql.outline() : loadClass(resource);
				if (script != null) {
					(script.repeatable() ? repeatables : scripts).add(script);
				}
			}
		}
		for (JavaMigration migration : this.configuration.javaMigrations()) {
			scripts.add(MigrationScript.of(migration));
		}
		BranchLabelCheck.check(scripts);
		return new ScriptSet(List.copyOf(scripts), List.copyOf(repeatables));
	}

	/**
	 * The paths relative to a {@code classpath:} location of the scripts and Java
	 * migration classes that scanning it finds, sorted, without reading its indexes: what
	 * its index lists.
	 * @param location the location
	 * @return the paths
	 */
	List<String> scanWithoutIndex(String location) {
		List<String> entries = new ArrayList<>();
		for (Map.Entry<String, Resource> found : scan(location, false).entrySet()) {
			Resource resource = found.getValue();
			if (resource.sql != null || javaMigrationClass(resource.className) != null) {
				entries.add(found.getKey());
			}
		}
		return entries;
	}

	/**
	 * The files of a location by path relative to it, sorted: every name shares the
	 * location's prefix, so this is also the order of the names.
	 * @param readIndexes whether to add what the location's indexes list
	 */
	private Map<String, Resource> scan(String location, boolean readIndexes) {
		Map<String, Resource> found = new TreeMap<>();
		String path = location.substring(location.indexOf(':') + 1).strip();
		if (path.isEmpty() || path.equals("/") || path.equals(".")) {
			// Scanning a whole class path or working directory is never what was meant.
			throw new MigrationException("Script location '" + location + "' names no directory: use "
					+ "classpath:db/migration or filesystem:path/to/scripts");
		}
		if (location.startsWith("filesystem:")) {
			Path root = Paths.get(location.substring("filesystem:".length()));
			scanDirectory(root, "filesystem:" + root, "", found);
			return found;
		}
		path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
		if (location.contains(":") && !location.startsWith("classpath:")) {
			throw new MigrationException("Unsupported script location '" + location
					+ "': use classpath:path or filesystem:path");
		}
		path = stripSlashes(path);
		try {
			Enumeration<URL> urls = this.configuration.classLoader().getResources(path);
			Map<String, URL> distinct = new LinkedHashMap<>();
			while (urls.hasMoreElements()) {
				URL url = urls.nextElement();
				distinct.putIfAbsent(url.toExternalForm(), url);
			}
			for (URL url : distinct.values()) {
				scanClasspathRoot(url, path, found);
			}
			if (readIndexes) {
				addIndexed(path, found);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot scan script location '" + location + "'", ex);
		}
		return found;
	}

	private void scanClasspathRoot(URL url, String path, Map<String, Resource> found)
			throws IOException {
		if ("file".equals(url.getProtocol())) {
			try {
				scanDirectory(Paths.get(url.toURI()), "classpath:" + path, classPrefix(path), found);
			}
			catch (URISyntaxException ex) {
				scanDirectory(Paths.get(URLDecoder.decode(url.getPath(), StandardCharsets.UTF_8)),
						"classpath:" + path, classPrefix(path), found);
			}
			return;
		}
		URLConnection connection = url.openConnection();
		if (connection instanceof JarURLConnection jarConnection) {
			jarConnection.setUseCaches(false);
			String entryPrefix = jarConnection.getEntryName();
			entryPrefix = (entryPrefix != null) ? stripSlashes(entryPrefix) + "/" : "";
			try (JarFile jar = jarConnection.getJarFile()) {
				Enumeration<JarEntry> entries = jar.entries();
				while (entries.hasMoreElements()) {
					JarEntry entry = entries.nextElement();
					String name = entry.getName();
					if (entry.isDirectory() || !name.startsWith(entryPrefix)) {
						continue;
					}
					String relative = name.substring(entryPrefix.length());
					String display = "classpath:" + path + "/" + relative;
					if (found.containsKey(relative)) {
						continue;
					}
					if (name.endsWith(".sql")) {
						// Read now: the jar closes when this method returns.
						found.put(relative, Resource.sql(SqlSource.text(display, read(jar, entry))));
					}
					else if (name.endsWith(".class") && !relative.contains("$")) {
						String className = classPrefix(path) + relative.substring(0, relative.length() - 6)
							.replace('/', '.');
						found.put(relative, Resource.javaClass(display, className));
					}
				}
			}
		}
	}

	/**
	 * Adds what the location's indexes list and scanning did not find: all of it where
	 * the class path cannot be listed.
	 */
	private void addIndexed(String path, Map<String, Resource> found) throws IOException {
		ClassLoader classLoader = this.configuration.classLoader();
		Enumeration<URL> indexes = classLoader.getResources(ScriptIndex.resourceName(path));
		while (indexes.hasMoreElements()) {
			URL index = indexes.nextElement();
			for (String entry : ScriptIndex.read(index)) {
				if (found.containsKey(entry)) {
					continue;
				}
				String display = "classpath:" + path + "/" + entry;
				if (entry.endsWith(".sql")) {
					URL script = classLoader.getResource(path + "/" + entry);
					if (script == null) {
						throw new MigrationException("Script index " + index + " lists '" + entry
								+ "', which is not on the class path (" + display
								+ "): build the application again, which writes the index anew");
					}
					found.put(entry, Resource.sql(SqlSource.resource(display, script)));
				}
				else {
					found.put(entry, Resource.indexedClass(display, ScriptIndex.className(path, entry), index));
				}
			}
		}
	}

	private static String read(JarFile jar, JarEntry entry) {
		try (InputStream in = jar.getInputStream(entry)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + entry.getName(), ex);
		}
	}

	/**
	 * Finds the files under a directory as {@link Files#walk} did: a symbolic link to a
	 * directory is not followed (the root included), one to a file is. With
	 * {@link File}, whose few native calls every JVM has compiled by the time it starts an
	 * application, and plain loops: this runs at every start.
	 */
	private void scanDirectory(Path root, String display, String classPrefix, Map<String, Resource> found) {
		if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			scanDirectory(root.toFile(), "", display + "/", classPrefix, found);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot scan " + root, ex);
		}
	}

	private void scanDirectory(File directory, String relativeDirectory, String display, String classPrefix,
			Map<String, Resource> found) throws IOException {
		String[] names = directory.list();
		if (names == null) {
			throw new IOException("Cannot list " + directory);
		}
		for (String fileName : names) {
			File file = new File(directory, fileName);
			String relative = relativeDirectory + fileName.replace('\\', '/');
			String name = display + relative;
			// A regular file, or a link to one.
			if (!file.isFile()) {
				if (file.isDirectory() && !Files.isSymbolicLink(file.toPath())) {
					scanDirectory(file, relative + "/", display, classPrefix, found);
				}
				continue;
			}
			if (relative.endsWith(".sql")) {
				found.putIfAbsent(relative, Resource.sql(SqlSource.file(name, file)));
			}
			else if (relative.endsWith(".class") && !relative.contains("$") && !classPrefix.isEmpty()) {
				String className = classPrefix + relative.substring(0, relative.length() - 6).replace('/', '.');
				found.putIfAbsent(relative, Resource.javaClass(name, className));
			}
		}
	}

	private static String classPrefix(String path) {
		return path.isEmpty() ? "" : path.replace('/', '.') + ".";
	}

	static String stripSlashes(String path) {
		String result = path;
		while (result.startsWith("/")) {
			result = result.substring(1);
		}
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	/**
	 * A class of a location, if it is a concrete Java migration's.
	 */
	private Class<?> javaMigrationClass(String className) {
		Class<?> type;
		try {
			type = Class.forName(className, false, this.configuration.classLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
		if (!JavaMigration.class.isAssignableFrom(type) || type.isInterface()
				|| Modifier.isAbstract(type.getModifiers())) {
			return null;
		}
		return type;
	}

	private MigrationScript loadClass(Resource resource) {
		String display = resource.name;
		String className = resource.className;
		Class<?> type = javaMigrationClass(className);
		if (type == null) {
			if (resource.index != null) {
				// Listed as a Java migration when the index was written: not one now.
				throw new MigrationException("Script index " + resource.index + " lists " + display
						+ ", but " + className + " is not a Java migration class on the class path: build the "
						+ "application again, which writes the index anew");
			}
			return null;
		}
		for (JavaMigration given : this.configuration.javaMigrations()) {
			if (given.getClass() == type) {
				// Given as an instance (a Spring bean, say): that one wins.
				return null;
			}
		}
		try {
			Constructor<?> constructor = type.getDeclaredConstructor();
			if (!Modifier.isPublic(constructor.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
				throw new MigrationException(display + ": Java migration " + className
						+ " needs to be public with a public no-argument constructor");
			}
			return MigrationScript.of((JavaMigration) constructor.newInstance());
		}
		catch (NoSuchMethodException ex) {
			throw new MigrationException(display + ": Java migration " + className
					+ " has no public no-argument constructor; pass an instance in the configuration instead");
		}
		catch (ReflectiveOperationException ex) {
			throw new MigrationException(display + ": cannot instantiate Java migration " + className + ": " + ex,
					ex);
		}
	}

	/**
	 * A file found in a location: an SQL script or a class name.
	 */
	private static final class Resource {

		private final String name;

		private final SqlSource sql;

		private final String className;

		// The index that listed the class, or null for one found by scanning.
		private final URL index;

		private Resource(String name, SqlSource sql, String className, URL index) {
			this.name = name;
			this.sql = sql;
			this.className = className;
			this.index = index;
		}

		static Resource sql(SqlSource sql) {
			return new Resource(sql.name(), sql, null, null);
		}

		static Resource javaClass(String name, String className) {
			return new Resource(name, null, className, null);
		}

		static Resource indexedClass(String name, String className, URL index) {
			return new Resource(name, null, className, index);
		}

	}

}
