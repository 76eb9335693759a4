package dev.migration.script;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ScriptIndex} and its reading by {@link ScriptLoader}: scripts in a
 * temporary class-path directory, and the Java migrations of the package
 * {@code dev.migration.script.indexed} in the test classes, one location made of both.
 */
class ScriptIndexTests {

	private static final String LOCATION = "classpath:dev/migration/script/indexed";

	private static final String INDEX = "migration-index/dev/migration/script/indexed.idx";

	@TempDir
	Path root;

	@Test
	void scanningListsTheScriptsAndJavaMigrationsOfALocationSorted() throws IOException {
		writeScripts();
		try (URLClassLoader classLoader = listable()) {
			ScriptIndex index = ScriptIndex.scan(LOCATION, classLoader);
			assertThat(index.path()).isEqualTo("dev/migration/script/indexed");
			assertThat(index.entries()).containsExactly("IndexedMigration.class", "b1_create_things.sql",
					"more/b3_more.sql");
			assertThat(index.resourceName()).isEqualTo(INDEX);
			assertThat(index.scriptResources()).containsExactly("dev/migration/script/indexed/b1_create_things.sql",
					"dev/migration/script/indexed/more/b3_more.sql");
			assertThat(index.javaMigrationClassNames())
				.containsExactly("dev.migration.script.indexed.IndexedMigration");
		}
	}

	@Test
	void theContentReadsBackAsTheSameEntries() throws IOException {
		ScriptIndex index = new ScriptIndex(LOCATION, List.of("IndexedMigration.class", "b1_create_things.sql"));
		Path file = this.root.resolve("written.idx");
		Files.writeString(file, index.content());
		assertThat(index.content()).startsWith("# ");
		assertThat(ScriptIndex.read(file.toUri().toURL())).isEqualTo(index.entries());
	}

	@Test
	void withoutAnIndexAClassPathThatCannotBeListedYieldsNoScripts() throws IOException {
		writeScripts();
		try (URLClassLoader classLoader = unlistable()) {
			assertThat(load(classLoader)).isEmpty();
		}
	}

	@Test
	void theIndexFindsEveryScriptAndJavaMigrationWhereTheClassPathCannotBeListed() throws IOException {
		writeScripts();
		writeIndex();
		try (URLClassLoader classLoader = unlistable()) {
			List<MigrationScript> scripts = load(classLoader);
			assertThat(scripts).extracting(MigrationScript::id).containsExactly("b2", "b1", "b3");
			assertThat(scripts).extracting((script) -> script.info().path())
				.containsExactly("dev.migration.script.indexed.IndexedMigration", LOCATION + "/b1_create_things.sql",
						LOCATION + "/more/b3_more.sql");
			assertThat(scripts.get(1).info().checksum())
				.isEqualTo(ScriptChecksum.of(Files.readString(scriptDirectory().resolve("b1_create_things.sql"))));
		}
	}

	@Test
	void scriptsAddedAfterTheIndexWasWrittenAreFoundWhereTheClassPathCanBeListed() throws IOException {
		writeScripts();
		writeIndex();
		writeScript("b4_later.sql", "b4", "b3");
		try (URLClassLoader classLoader = listable()) {
			assertThat(load(classLoader)).extracting(MigrationScript::id).containsExactly("b2", "b1", "b4", "b3");
		}
	}

	@Test
	void aScriptListedButMissingIsAnErrorNamingTheIndexAndTheEntry() throws IOException {
		writeScripts();
		writeIndex();
		Files.delete(scriptDirectory().resolve("more/b3_more.sql"));
		try (URLClassLoader classLoader = listable()) {
			assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> load(classLoader))
				.withMessage("Script index " + indexUrl() + " lists 'more/b3_more.sql', which is not on the class "
						+ "path (" + LOCATION + "/more/b3_more.sql): build the application again, which writes "
						+ "the index anew");
		}
	}

	@Test
	void aJavaMigrationListedButMissingIsAnErrorNamingTheIndexAndTheEntry() throws IOException {
		writeScripts();
		writeIndex("Gone.class", "b1_create_things.sql");
		try (URLClassLoader classLoader = unlistable()) {
			assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> load(classLoader))
				.withMessage("Script index " + indexUrl() + " lists " + LOCATION + "/Gone.class, but "
						+ "dev.migration.script.indexed.Gone is not a Java migration class on the class path: build "
						+ "the application again, which writes the index anew");
		}
	}

	@Test
	void anEntryThatIsNotARelativePathToAScriptOrAClassIsAnErrorNamingTheIndexAndTheLine() throws IOException {
		writeScripts();
		for (String bad : List.of("../secret.sql", "/b1_create_things.sql", "notes.txt")) {
			writeIndex("# A comment", "", "b1_create_things.sql", bad);
			try (URLClassLoader classLoader = unlistable()) {
				assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> load(classLoader))
					.withMessage("Script index " + indexUrl() + ":4: entry '" + bad
							+ "' is not a path relative to the location ending in .sql or .class");
			}
		}
	}

	@Test
	void onlyClassPathLocationsHaveAnIndex() {
		assertThat(ScriptIndex.isIndexable("classpath:db/migration")).isTrue();
		assertThat(ScriptIndex.isIndexable("db/migration")).isTrue();
		assertThat(ScriptIndex.isIndexable("filesystem:db/migration")).isFalse();
		assertThat(ScriptIndex.resourceName("classpath:/db/migration/"))
			.isEqualTo("migration-index/db/migration.idx");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ScriptIndex.scan("filesystem:db/migration", getClass().getClassLoader()))
			.withMessage("Script location 'filesystem:db/migration' is not on the class path: only classpath: "
					+ "locations have an index");
	}

	private List<MigrationScript> load(ClassLoader classLoader) {
		return new ScriptLoader(MigrationConfiguration.builder().locations(LOCATION).classLoader(classLoader).build())
			.load();
	}

	private void writeScripts() throws IOException {
		writeScript("b1_create_things.sql", "b1", "none");
		writeScript("more/b3_more.sql", "b3", "b2");
	}

	private void writeScript(String name, String id, String parent) throws IOException {
		Path file = scriptDirectory().resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, "-- Step " + id + "\n--\n-- revision: " + id + "\n-- down_revision: " + parent
				+ "\n\n-- upgrade\nSELECT 1;\n\n-- downgrade\nSELECT 0;\n");
	}

	private void writeIndex() throws IOException {
		ScriptIndex index;
		try (URLClassLoader classLoader = listable()) {
			index = ScriptIndex.scan(LOCATION, classLoader);
		}
		Path file = this.root.resolve(index.resourceName());
		Files.createDirectories(file.getParent());
		Files.writeString(file, index.content());
	}

	private void writeIndex(String... lines) throws IOException {
		Path file = this.root.resolve(INDEX);
		Files.createDirectories(file.getParent());
		Files.writeString(file, String.join("\n", lines) + "\n");
	}

	private Path scriptDirectory() {
		return this.root.resolve("dev/migration/script/indexed");
	}

	private URL indexUrl() throws MalformedURLException {
		return this.root.resolve(INDEX).toUri().toURL();
	}

	private URLClassLoader listable() throws MalformedURLException {
		return new URLClassLoader(new URL[] { this.root.toUri().toURL() }, getClass().getClassLoader());
	}

	private URLClassLoader unlistable() throws MalformedURLException {
		return new UnlistableClassLoader(this.root.toUri().toURL(), getClass().getClassLoader());
	}

	/**
	 * A class path that finds resources by name but lists no directory, as in a native
	 * image: a name whose last segment has no extension is taken for a directory's.
	 */
	private static final class UnlistableClassLoader extends URLClassLoader {

		UnlistableClassLoader(URL root, ClassLoader parent) {
			super(new URL[] { root }, parent);
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			if (!name.substring(name.lastIndexOf('/') + 1).contains(".")) {
				return Collections.emptyEnumeration();
			}
			return super.getResources(name);
		}

	}

}
