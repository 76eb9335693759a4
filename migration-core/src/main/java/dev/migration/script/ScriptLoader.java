package dev.migration.script;

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
import java.util.stream.Stream;

import dev.migration.JavaMigration;
import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;

/**
 * Finds the revision scripts of the configured locations: {@code .sql} files parsed
 * with {@link SqlScriptParser}, and {@link JavaMigration} classes with a public
 * no-argument constructor, plus the Java migrations given as instances. Locations are
 * {@code classpath:} (directories and jars) or {@code filesystem:} paths, scanned
 * recursively; a location that does not exist contributes nothing.
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
	 * @throws dev.migration.ScriptException for a malformed script, naming file and line
	 */
	public List<MigrationScript> load() {
		List<MigrationScript> scripts = new ArrayList<>();
		for (String location : this.configuration.locations()) {
			Map<String, Resource> found = scan(location.trim());
			for (Resource resource : found.values()) {
				MigrationScript script = resource.toScript();
				if (script != null) {
					scripts.add(script);
				}
			}
		}
		for (JavaMigration migration : this.configuration.javaMigrations()) {
			scripts.add(MigrationScript.of(migration));
		}
		return scripts;
	}

	private Map<String, Resource> scan(String location) {
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
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot scan script location '" + location + "'", ex);
		}
		return found;
	}

	private void scanClasspathRoot(URL url, String path, Map<String, Resource> found) throws IOException {
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
					if (name.endsWith(".sql")) {
						found.putIfAbsent(display, new Resource(display, () -> read(jar, entry), null));
					}
					else if (name.endsWith(".class") && !relative.contains("$")) {
						String className = classPrefix(path) + relative.substring(0, relative.length() - 6)
							.replace('/', '.');
						found.putIfAbsent(display, new Resource(display, null, className));
					}
				}
				// Read eagerly: the jar closes when this method returns.
				found.replaceAll((key, resource) -> resource.materialized());
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

	private void scanDirectory(Path root, String display, String classPrefix, Map<String, Resource> found) {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			files.filter(Files::isRegularFile).forEach((file) -> {
				String relative = root.relativize(file).toString().replace('\\', '/');
				String name = display + "/" + relative;
				if (relative.endsWith(".sql")) {
					found.putIfAbsent(name, new Resource(name, () -> readFile(file), null));
				}
				else if (relative.endsWith(".class") && !relative.contains("$") && !classPrefix.isEmpty()) {
					String className = classPrefix + relative.substring(0, relative.length() - 6).replace('/', '.');
					found.putIfAbsent(name, new Resource(name, null, className));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot scan " + root, ex);
		}
	}

	private static String readFile(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static String classPrefix(String path) {
		return path.isEmpty() ? "" : path.replace('/', '.') + ".";
	}

	private static String stripSlashes(String path) {
		String result = path;
		while (result.startsWith("/")) {
			result = result.substring(1);
		}
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	private MigrationScript loadClass(String display, String className) {
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
	 * A file found in a location: SQL text (read on demand) or a class name.
	 */
	private final class Resource {

		private final String name;

		private final ContentSource content;

		private final String className;

		Resource(String name, ContentSource content, String className) {
			this.name = name;
			this.content = content;
			this.className = className;
		}

		Resource materialized() {
			if (this.content == null) {
				return this;
			}
			String text = this.content.read();
			return new Resource(this.name, () -> text, null);
		}

		MigrationScript toScript() {
			if (this.className != null) {
				return loadClass(this.name, this.className);
			}
			return MigrationScript.load(this.name, this.content.read());
		}

	}

	@FunctionalInterface
	private interface ContentSource {

		String read();

	}

}
